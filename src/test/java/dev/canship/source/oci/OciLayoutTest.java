package dev.canship.source.oci;

import dev.canship.BadInputException;
import dev.canship.Corpus;
import dev.canship.app.Canship;
import dev.canship.extract.weights.TestWeights;
import dev.canship.identify.IdentificationIssue;
import dev.canship.inventory.FileRole;
import dev.canship.inventory.RepoFile;
import dev.canship.report.RepositoryReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OCI image layouts holding a model (ModelPack, Docker Model Runner, KitOps), scanned through the application core. */
class OciLayoutTest {

    private static byte[] gguf(Path dir, String license) throws IOException {
        TestWeights.Gguf g = new TestWeights.Gguf().string("general.architecture", "llama");
        if (license != null) {
            g.string("general.license", license);
        }
        Path f = g.write(dir.resolve("w-" + System.nanoTime() + ".gguf"), 0);
        byte[] b = Files.readAllBytes(f);
        Files.delete(f);
        return b;
    }

    private static byte[] apache() throws IOException {
        return Files.readAllBytes(Corpus.license("apache-2.0", "LICENSE"));
    }

    private static byte[] mit() throws IOException {
        return Files.readAllBytes(Corpus.license("mit", "LICENSE-CODE"));
    }

    private static RepositoryReport scan(String path) {
        return Canship.builder().build().scan(Path.of(path));
    }

    @Test
    void aModelPackArtifactIsReadByItsLayersAndNamedByTagAndManifestDigest(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("acme"));
        String digest = o.modelPack("Apache-2.0")
                .layer(OciFixture.WEIGHT_RAW, gguf(dir, null), "acme-7b.Q4_K_M.gguf")
                .layer(OciFixture.DOC_RAW, apache(), "LICENSE")
                .layer(OciFixture.DOC_RAW, "# Acme 7B\n", "README.md")
                .tag("v1");

        RepositoryReport r = scan(o.root().toString());

        assertThat(r.name()).isEqualTo("oci:acme:v1");
        assertThat(r.revision()).isEqualTo(digest);
        assertThat(r.origin().kind()).isEqualTo("oci");
        assertThat(r.files()).extracting(RepoFile::path).containsExactly("LICENSE", "README.md", "acme-7b.Q4_K_M.gguf");
        assertThat(r.identification().license().id()).isEqualTo("apache-2.0");
        assertThat(r.identification().license().file()).isEqualTo("LICENSE");
        assertThat(r.identification().issues()).extracting(IdentificationIssue::kind)
                .doesNotContain(IdentificationIssue.Kind.CONFLICT, IdentificationIssue.Kind.MISSING, IdentificationIssue.Kind.UNKNOWN);
        assertThat(r.origin().notes()).anyMatch(n -> n.contains("vendor Acme") && n.contains("paramSize 7b"));
    }

    @Test
    void aModelPackDeclaredLicenseAloneIdentifiesLikeACardTag(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("acme"));
        o.modelPack("Apache-2.0").layer(OciFixture.WEIGHT_RAW, gguf(dir, null), "model.gguf").tag("v1");

        RepositoryReport r = scan(o.root().toString());

        assertThat(r.identification().license().id()).isEqualTo("apache-2.0");
        assertThat(r.identification().license().source()).isEqualTo("metadata");
        assertThat(r.identification().license().file()).isEqualTo("model config (descriptor.licenses)");
    }

    @Test
    void aModelPackLicenseListMeansAllOfThemNotADisagreement(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("acme"));
        o.modelPack("Apache-2.0", "CC-BY-NC-4.0").layer(OciFixture.WEIGHT_RAW, gguf(dir, null), "model.gguf").tag("v1");

        RepositoryReport r = scan(o.root().toString());

        assertThat(r.identification().issues()).extracting(IdentificationIssue::kind)
                .contains(IdentificationIssue.Kind.ALSO_BINDING).doesNotContain(IdentificationIssue.Kind.CONFLICT);
        assertThat(r.identification().license().id()).isEqualTo("apache-2.0");
        assertThat(r.identification().alsoBinding()).containsExactly("cc-by-nc-4.0");
        assertThat(r.identification().declared()).singleElement().satisfies(d -> {
            assertThat(d.written()).isEqualTo("[Apache-2.0, CC-BY-NC-4.0]");
            assertThat(d.where()).isEqualTo("model config (descriptor.licenses)");
        });
    }

    @Test
    void aModelPackLicenseChoiceIsAReviewNotAPass(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("acme"));
        o.modelPack("MIT OR Apache-2.0").layer(OciFixture.WEIGHT_RAW, gguf(dir, null), "model.gguf").tag("v1");

        RepositoryReport r = scan(o.root().toString());

        assertThat(r.identification().issues()).extracting(IdentificationIssue::kind).containsExactly(IdentificationIssue.Kind.CHOICE);
    }

    @Test
    void aDeclaredLicenseThatDisagreesWithTheLicenseLayerIsAConflict(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("acme"));
        o.modelPack("MIT").layer(OciFixture.WEIGHT_RAW, gguf(dir, null), "model.gguf")
                .layer(OciFixture.DOC_RAW, apache(), "LICENSE").tag("v1");

        RepositoryReport r = scan(o.root().toString());

        assertThat(r.identification().issues()).extracting(IdentificationIssue::kind).contains(IdentificationIssue.Kind.CONFLICT);
    }

    @Test
    void tarLayersAreListedAndReadInPlaceNeverUnpacked(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("acme"));
        byte[] weights = gguf(dir, null);
        o.modelPack("Apache-2.0")
                .layer(OciFixture.WEIGHT_TAR, OciFixture.tar(OciFixture.members("weights/model.gguf", weights)), "weights")
                .layer(OciFixture.DOC_TAR, OciFixture.tar(OciFixture.members("README.md", "# Acme\n", "LICENSE", apache())), null)
                .tag("v1");
        long before;
        try (Stream<Path> s = Files.walk(dir)) {
            before = s.count();
        }

        RepositoryReport r = scan(o.root().toString());

        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.count()).as("nothing was extracted to disk").isEqualTo(before);
        }
        assertThat(r.files()).extracting(RepoFile::path).containsExactly("LICENSE", "README.md", "weights/model.gguf");
        RepoFile license = r.files().get(0);
        assertThat(license.member()).isTrue();
        try (var in = license.openStream()) {
            assertThat(in.readAllBytes()).as("a member's bytes, no more").isEqualTo(apache());
        }
        assertThat(r.identification().license().id()).isEqualTo("apache-2.0");
        assertThat(r.identification().license().source()).isEqualTo("text");
        assertThat(r.model().architecture()).isEqualTo("llama");
    }

    @Test
    void aLicenseInACodeLayerNeverGovernsTheWeights(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("acme"));
        o.modelPack("Apache-2.0").layer(OciFixture.WEIGHT_RAW, gguf(dir, null), "model.gguf")
                .layer(OciFixture.CODE_TAR, OciFixture.tar(OciFixture.members("src/LICENSE", mit(), "src/run.py", "print(1)\n")), null)
                .tag("v1");

        RepositoryReport r = scan(o.root().toString());

        assertThat(r.identification().license().id()).isEqualTo("apache-2.0");
        assertThat(r.identification().issues()).extracting(IdentificationIssue::kind).doesNotContain(IdentificationIssue.Kind.CONFLICT);
        assertThat(r.files()).filteredOn(f -> f.path().equals("src/LICENSE")).singleElement()
                .extracting(RepoFile::role).isEqualTo(FileRole.OTHER);
    }

    @Test
    void aZstdTarLayerIsNotReadAndCannotPass(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("acme"));
        o.modelPack("Apache-2.0").layer(OciFixture.WEIGHT_TAR_ZSTD, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, "weights").tag("v1");

        RepositoryReport r = scan(o.root().toString());

        assertThat(r.serialization()).anyMatch(s -> s.failed() && s.file().equals("weights"));
    }

    @Test
    void aKitOpsModelKitWithGzipLayersAsKitPacksThemIsReadInMemory(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("kit"));
        String kitfile = "{\"manifestVersion\":\"1.0.0\",\"package\":{\"name\":\"acme\"},"
                + "\"model\":{\"name\":\"acme-7b\",\"path\":\"model.gguf\",\"license\":\"Apache-2.0\"},\"docs\":[{\"path\":\"LICENSE\"}]}";
        o.kit(kitfile)
                .layer(OciFixture.KIT_MODEL_GZIP, OciFixture.gzip(OciFixture.tar(OciFixture.members("model.gguf", gguf(dir, null)))), null)
                .layer(OciFixture.KIT_DOCS_GZIP, OciFixture.gzip(OciFixture.tar(OciFixture.members("README.md", "# Acme\n", "LICENSE", apache()))), null)
                .tag("latest");
        long before;
        try (Stream<Path> s = Files.walk(dir)) {
            before = s.count();
        }

        RepositoryReport r = scan(o.root().toString());

        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.count()).as("nothing was extracted to disk").isEqualTo(before);
        }
        assertThat(r.files()).extracting(RepoFile::path).containsExactly("LICENSE", "README.md", "model.gguf");
        try (var in = r.files().get(0).openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(apache());
        }
        assertThat(r.identification().license().id()).isEqualTo("apache-2.0");
        assertThat(r.identification().license().file()).isEqualTo("LICENSE");
        assertThat(r.model().architecture()).isEqualTo("llama");
        assertThat(r.serialization()).noneMatch(s -> s.failed());
    }

    @Test
    void aGzipLayerIsListedPastLargeMembersAndReadAtTheRightPlace(@TempDir Path dir) throws IOException {
        byte[] noise = new byte[3 << 20];
        new java.util.Random(17).nextBytes(noise);
        OciFixture o = new OciFixture(dir.resolve("kit"));
        o.kit("{\"manifestVersion\":\"1.0.0\",\"model\":{\"license\":\"Apache-2.0\"}}")
                .layer(OciFixture.KIT_MODEL_GZIP, OciFixture.gzip(OciFixture.tar(OciFixture.members(
                        "model.gguf", gguf(dir, null), "extra.dat", noise, "LICENSE", apache()))), null)
                .tag("1");

        RepositoryReport r = scan(o.root().toString());

        assertThat(r.files()).extracting(RepoFile::path).containsExactly("LICENSE", "extra.dat", "model.gguf");
        try (var in = r.files().get(0).openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(apache());
        }
        assertThat(r.identification().license().source()).isEqualTo("text");
    }

    @Test
    void aGzipLayerThatInflatesLikeABombIsCutAndCannotPass(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("kit"));
        o.kit("{\"manifestVersion\":\"1.0.0\",\"model\":{\"license\":\"Apache-2.0\"}}")
                .layer(OciFixture.KIT_MODEL_GZIP, OciFixture.gzip(OciFixture.tar(OciFixture.members(
                        "model.gguf", gguf(dir, null), "zeros.bin", new byte[64 << 20], "LICENSE", apache()))), null)
                .tag("1");

        RepositoryReport r = scan(o.root().toString());

        assertThat(r.files()).extracting(RepoFile::path).doesNotContain("LICENSE");
        assertThat(r.serialization()).anyMatch(s -> s.failed() && s.error().contains("decompresses to more than 20 times its size"));
    }

    @Test
    void aFileGivenTwiceIsReadAsUnpackingLeavesIt(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("acme"));
        o.modelPack().layer(OciFixture.WEIGHT_RAW, gguf(dir, null), "model.gguf")
                .layer(OciFixture.DOC_TAR, OciFixture.tar(OciFixture.members("LICENSE", apache())), null)
                .layer(OciFixture.DOC_TAR, OciFixture.tar(OciFixture.members("LICENSE", mit())), null)
                .tag("v1");

        RepositoryReport r = scan(o.root().toString());

        assertThat(r.identification().license().id()).isEqualTo("mit");
        assertThat(r.diagnostics()).anyMatch(d -> d.file().equals("LICENSE") && d.message().contains("the last is read"));
    }

    @Test
    void aDockerModelRunnerArtifactNamesItsGgufAndLicenseLayersLikeOllama(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("smollm"));
        String digest = o.docker().layer(OciFixture.DOCKER_GGUF, gguf(dir, "apache-2.0"), null)
                .layer(OciFixture.DOCKER_LICENSE, apache(), null)
                .layer(OciFixture.DOCKER_LICENSE, "Additional notice: none.\n", null)
                .tag(null);

        RepositoryReport r = scan(o.root().toString());

        assertThat(r.name()).isEqualTo("oci:smollm@" + digest);
        assertThat(r.files()).extracting(RepoFile::path).containsExactly("LICENSE-1", "LICENSE-2", "model.gguf");
        assertThat(r.identification().license().id()).isEqualTo("apache-2.0");
        assertThat(r.origin().notes().get(0)).startsWith("Docker Model Runner artifact");
    }

    @Test
    void aKitOpsModelKitArtifactDeclaresTheModelLicenseAndSetsTheCodeLicenseAside(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("kit"));
        String kitfile = "{\"manifestVersion\":\"1.0.0\",\"package\":{\"name\":\"acme\",\"version\":\"1.0\",\"license\":\"MIT\"},"
                + "\"model\":{\"name\":\"acme-7b\",\"path\":\"model.gguf\",\"license\":\"Apache-2.0\"},"
                + "\"code\":[{\"path\":\"src\",\"license\":\"MIT\"}]}";
        o.kit(kitfile)
                .layer(OciFixture.KIT_MODEL_TAR, OciFixture.tar(OciFixture.members("model.gguf", gguf(dir, null))), null)
                .layer(OciFixture.KIT_CODE_TAR, OciFixture.tar(OciFixture.members("src/LICENSE", mit())), null)
                .tag("latest");

        RepositoryReport r = scan("oci:" + o.root() + ":latest");

        assertThat(r.name()).isEqualTo("oci:kit:latest");
        assertThat(r.identification().license().id()).isEqualTo("apache-2.0");
        assertThat(r.identification().license().file()).isEqualTo("Kitfile (model.license)");
        assertThat(r.identification().issues()).extracting(IdentificationIssue::kind).doesNotContain(IdentificationIssue.Kind.CONFLICT);
        assertThat(r.origin().notes()).anyMatch(n -> n.contains("code[0] (src) is under MIT"));
    }

    @Test
    void severalManifestsAreChosenByTagOrDigestAndNeverGuessed(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("acme"));
        String v1 = o.modelPack("Apache-2.0").layer(OciFixture.WEIGHT_RAW, gguf(dir, null), "model.gguf").tag("v1");
        String v2 = o.modelPack("MIT").layer(OciFixture.WEIGHT_RAW, gguf(dir, null), "model.gguf").tag("v2");

        assertThatThrownBy(() -> scan(o.root().toString())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("holds 2 manifests (tags: v1, v2); choose one with oci:PATH:TAG or PATH@sha256:DIGEST");
        assertThat(scan("oci:" + o.root() + ":v2").revision()).isEqualTo(v2);
        assertThat(scan("oci:" + o.root() + ":v2").identification().license().id()).isEqualTo("mit");
        assertThat(scan(o.root() + "@" + v1).revision()).isEqualTo(v1);
        assertThatThrownBy(() -> scan("oci:" + o.root() + ":v3")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("has no manifest v3 (tags: v1, v2)");
    }
}
