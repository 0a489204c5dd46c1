package dev.canship.cli;

import dev.canship.Corpus;
import dev.canship.extract.weights.TestWeights;
import dev.canship.source.oci.OciFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.canship.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Models packaged as OCI artifacts, KitOps ModelKits and MLflow folders, named on the command line: the verdict a
 * user gets, and one line with exit 2 for each kind of broken input (issue 17).
 */
class PackagedSourcesCliTest {

    private static final String PASS_DEPLOYMENT = "samples/deployments/us-assistant-pass.yaml";

    private static byte[] gguf(Path dir) throws IOException {
        Path f = new TestWeights.Gguf().string("general.architecture", "llama").write(dir.resolve("tmp-" + System.nanoTime() + ".gguf"), 0);
        byte[] b = Files.readAllBytes(f);
        Files.delete(f);
        return b;
    }

    private static OciFixture apacheModelPack(Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("acme"));
        o.modelPack("Apache-2.0").layer(OciFixture.WEIGHT_RAW, gguf(dir), "model.gguf")
                .layer(OciFixture.DOC_RAW, Files.readAllBytes(Corpus.license("apache-2.0", "LICENSE")), "LICENSE").tag("v1");
        return o;
    }

    private static void oneLineExit2(CliTest.Run r, String expected) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString().startsWith("canship: ").contains(expected);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aCleanModelPackArtifactPassesWithItsManifestAsRevision(@TempDir Path dir) throws IOException {
        OciFixture o = apacheModelPack(dir);
        CliTest.Run check = run("check", o.root().toString(), "-d", PASS_DEPLOYMENT);
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).startsWith("PASS: oci:acme:v1").contains("revision:   sha256:");
    }

    @Test
    void aZstdWeightLayerIsNeverAPass(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("acme"));
        o.modelPack("Apache-2.0").layer(OciFixture.WEIGHT_TAR_ZSTD, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, "weights")
                .layer(OciFixture.DOC_RAW, Files.readAllBytes(Corpus.license("apache-2.0", "LICENSE")), "LICENSE").tag("v1");
        CliTest.Run check = run("check", o.root().toString(), "-d", PASS_DEPLOYMENT);
        assertThat(check.out()).doesNotStartWith("PASS")
                // Said for what it is: an unread layer, not a broken pickle.
                .contains("a zstd-compressed tar layer (application/vnd.cncf.model.weight.v1.tar+zstd) is not read: the files in it were not checked. "
                        + "Files that were not read may include pickles, which are not known to be safe.")
                .contains("fix: Provide those files in a form canship reads")
                .doesNotContain("A pickle that cannot be walked");
    }

    @Test
    void aKitOpsModelKitPackedWithGzipPasses(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("kit"));
        o.kit("{\"manifestVersion\":\"1.0.0\",\"model\":{\"name\":\"acme\",\"path\":\"model.gguf\",\"license\":\"Apache-2.0\"}}")
                .layer(OciFixture.KIT_MODEL_GZIP, OciFixture.gzip(OciFixture.tar(OciFixture.members("model.gguf", gguf(dir)))), null)
                .layer(OciFixture.KIT_DOCS_GZIP, OciFixture.gzip(OciFixture.tar(OciFixture.members("LICENSE",
                        Files.readAllBytes(Corpus.license("apache-2.0", "LICENSE"))))), null)
                .tag("1.0");
        CliTest.Run check = run("check", "oci:" + o.root() + ":1.0", "-d", PASS_DEPLOYMENT);
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).startsWith("PASS: oci:kit:1.0").contains("KitOps ModelKit oci:kit:1.0");
    }

    @Test
    void aBrokenGzipLayerIsOneLineAndExit2(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("kit"));
        o.kit("{\"manifestVersion\":\"1.0.0\",\"model\":{\"license\":\"Apache-2.0\"}}")
                .layer(OciFixture.KIT_MODEL_GZIP, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3}, null).tag("1.0");
        oneLineExit2(run("scan", o.root().toString()), "is not a readable tar");
    }

    @Test
    void aJsonReportNamesTheOciSourceAndValidates(@TempDir Path dir) throws IOException {
        OciFixture o = apacheModelPack(dir);
        CliTest.Run scan = run("scan", "oci:" + o.root() + ":v1", "--format", "json");
        assertThat(scan.exit()).as(scan.err()).isZero();
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode j = m.readTree(scan.out());
        try (var in = getClass().getClassLoader().getResourceAsStream("dev/canship/schemas/canship-report-1.schema.json")) {
            var schema = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7).getSchema(m.readTree(in));
            assertThat(schema.validate(j)).isEmpty();
        }
        com.fasterxml.jackson.databind.JsonNode report = j.isArray() ? j.get(0) : j;
        assertThat(report.path("source").path("kind").asText()).isEqualTo("oci");
        assertThat(report.path("revision").asText()).startsWith("sha256:");
    }

    @Test
    void aReportIsNeverWrittenIntoTheLayoutNamedByTag(@TempDir Path dir) throws IOException {
        OciFixture o = apacheModelPack(dir);
        oneLineExit2(run("scan", "oci:" + o.root() + ":v1", "--output", o.root().resolve("report.txt").toString()),
                "--output is inside the scanned repository");
        assertThat(o.root().resolve("report.txt")).doesNotExist();
    }

    @Test
    void aMissingBlobIsOneLineAndExit2(@TempDir Path dir) throws IOException {
        OciFixture o = apacheModelPack(dir);
        String license = OciFixture.sha256(Files.readAllBytes(Corpus.license("apache-2.0", "LICENSE")));
        Files.delete(o.root().resolve("blobs/sha256").resolve(license));
        oneLineExit2(run("scan", o.root().toString()), "blob sha256:" + license + " is missing from");
    }

    @Test
    void aBrokenIndexIsOneLineAndExit2(@TempDir Path dir) throws IOException {
        OciFixture o = apacheModelPack(dir);
        Files.writeString(o.root().resolve("index.json"), "{\"manifests\": [");
        oneLineExit2(run("scan", o.root().toString()), "broken index.json (not JSON)");
    }

    @Test
    void aBlobThatDoesNotMatchItsDigestIsOneLineAndExit2(@TempDir Path dir) throws IOException {
        OciFixture o = apacheModelPack(dir);
        Path blob = o.root().resolve("blobs/sha256").resolve(OciFixture.sha256(Files.readAllBytes(Corpus.license("apache-2.0", "LICENSE"))));
        byte[] b = Files.readAllBytes(blob);
        b[100] ^= 1;
        Files.write(blob, b);
        oneLineExit2(run("scan", o.root().toString()), "does not match its digest");
    }

    @Test
    void blobsThatLeadOutsideTheLayoutAreOneLineAndExit2(@TempDir Path dir) throws IOException {
        OciFixture o = apacheModelPack(dir);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.move(o.root().resolve("blobs/sha256"), elsewhere.resolve("sha256"));
        Files.createSymbolicLink(o.root().resolve("blobs/sha256"), elsewhere.resolve("sha256"));
        oneLineExit2(run("scan", o.root().toString()), "blobs/sha256 leads outside the layout folder");
    }

    @Test
    void aBlobSymlinkedOutOfTheLayoutIsOneLineAndExit2(@TempDir Path dir) throws IOException {
        OciFixture o = apacheModelPack(dir);
        Path blob = o.root().resolve("blobs/sha256").resolve(OciFixture.sha256(Files.readAllBytes(Corpus.license("apache-2.0", "LICENSE"))));
        Path outside = Files.move(blob, dir.resolve("outside-license"));
        Files.createSymbolicLink(blob, outside);
        oneLineExit2(run("scan", o.root().toString()), "it leads outside the layout");
    }

    @Test
    void aTarMemberThatClimbsOutIsOneLineAndExit2(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("acme"));
        o.modelPack("Apache-2.0").layer(OciFixture.WEIGHT_RAW, gguf(dir), "model.gguf")
                .layer(OciFixture.DOC_TAR, OciFixture.tar(OciFixture.members("../../LICENSE", "x")), null).tag("v1");
        oneLineExit2(run("scan", o.root().toString()), "whose path leads outside the folder it would be unpacked into");
    }

    @Test
    void anArtifactWithoutWeightsIsOneLineAndExit2(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("smollm"));
        o.docker().layer(OciFixture.DOCKER_LICENSE, "some license\n", null).tag("latest");
        oneLineExit2(run("scan", o.root().toString()), "has no weight layer (Docker Model Runner artifact)");
    }

    @Test
    void anUnknownTagIsOneLineAndExit2(@TempDir Path dir) throws IOException {
        OciFixture o = apacheModelPack(dir);
        oneLineExit2(run("scan", "oci:" + o.root() + ":v9"), "has no manifest v9 (tags: v1)");
    }

    @Test
    void anArtifactThatIsNotAModelIsOneLineAndExit2(@TempDir Path dir) throws IOException {
        OciFixture o = new OciFixture(dir.resolve("image"));
        o.new Manifest(null, "application/vnd.oci.image.config.v1+json", "{}".getBytes()).layer("application/vnd.oci.image.layer.v1.tar", "x", null).tag("v1");
        oneLineExit2(run("scan", o.root().toString()), "is not a model artifact canship reads (config media type application/vnd.oci.image.config.v1+json");
    }
}
