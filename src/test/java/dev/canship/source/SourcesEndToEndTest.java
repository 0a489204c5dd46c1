package dev.canship.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.canship.Corpus;
import dev.canship.app.Canship;
import dev.canship.extract.weights.TestWeights;
import dev.canship.identify.IdentificationIssue;
import dev.canship.report.JsonReporter;
import dev.canship.report.RepositoryReport;
import dev.canship.report.TextReporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each place a model lives, scanned through the application core: what a user sees in the report. */
class SourcesEndToEndTest {

    private static final ObjectMapper M = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = SourcesEndToEndTest.class.getClassLoader().getResourceAsStream("dev/canship/schemas/canship-report-1.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(M.readTree(in));
        }
    }

    private static JsonNode json(RepositoryReport r) throws IOException {
        JsonNode node = M.readTree(new JsonReporter().render(List.of(r)));
        assertThat(schema.validate(node)).as("report validates against the shipped schema").isEmpty();
        return node.isArray() ? node.get(0) : node;
    }

    @Test
    void aGgufLicenseNameResolvesLikeACardsLicenseName(@TempDir Path dir) throws IOException {
        Path f = new TestWeights.Gguf().string("general.architecture", "llama").string("general.license.name", "Apache License 2.0")
                .write(dir.resolve("model.gguf"), 0);
        RepositoryReport r = Canship.builder().build().scan(f);
        assertThat(r.identification().license().id()).isEqualTo("apache-2.0");
        assertThat(r.identification().license().file()).isEqualTo("model.gguf (general.license.name)");
        assertThat(r.name()).isEqualTo("model.gguf");
        assertThat(json(r).path("source").path("kind").asText()).isEqualTo("gguf-file");
    }

    @Test
    void aGgufLicenseLinkResolvesLikeACardsLicenseLink(@TempDir Path dir) throws IOException {
        Path f = new TestWeights.Gguf().string("general.architecture", "gemma3").string("general.license", "other")
                .string("general.license.link", "https://ai.google.dev/gemma/terms").write(dir.resolve("g.gguf"), 0);
        RepositoryReport r = Canship.builder().build().scan(f);
        assertThat(r.identification().license().id()).isEqualTo("gemma");
    }

    @Test
    void anUnknownGgufLicenseLinkAloneIsAnUnknownLicenseNotNone(@TempDir Path dir) throws IOException {
        Path f = new TestWeights.Gguf().string("general.architecture", "llama")
                .string("general.license.link", "https://example.com/our-terms").write(dir.resolve("u.gguf"), 0);
        RepositoryReport r = Canship.builder().build().scan(f);
        assertThat(r.identification().license()).isNotNull();
        assertThat(r.identification().license().id()).isEqualTo("other");
        assertThat(r.identification().issues()).extracting(IdentificationIssue::kind).doesNotContain(IdentificationIssue.Kind.MISSING);
    }

    @Test
    void aGgufsOwnSourceAddressIsLineageEvidenceNotADeclaredBase(@TempDir Path dir) throws IOException {
        Path own = new TestWeights.Gguf().string("general.architecture", "gemma3")
                .string("general.source.repo_url", "https://huggingface.co/google/gemma-3-4b-it").write(dir.resolve("own.gguf"), 0);
        RepositoryReport r = Canship.builder().build().scan(own);
        assertThat(r.identification().baseModels()).as("a conversion of the model itself is not a derivative").isEmpty();

        Path derived = new TestWeights.Gguf().string("general.architecture", "gemma3").string("general.license", "apache-2.0")
                .u32("general.base_model.count", 1)
                .string("general.base_model.0.repo_url", "https://huggingface.co/google/gemma-3-4b-it").write(dir.resolve("derived.gguf"), 0);
        RepositoryReport d = Canship.builder().build().scan(derived);
        assertThat(d.identification().baseModels()).containsExactly("https://huggingface.co/google/gemma-3-4b-it");
        assertThat(d.identification().license().id()).as("the base's terms bind a derivative").isEqualTo("gemma");
    }

    @Test
    void aFolderOfGgufFilesAsLmStudioKeepsThemIsOneRepository(@TempDir Path models) throws IOException {
        Path repo = Files.createDirectories(models.resolve("lmstudio-community/Acme-7B-GGUF"));
        new TestWeights.Gguf().string("general.architecture", "llama").string("general.license", "apache-2.0").write(repo.resolve("Acme-7B-Q4_K_M.gguf"), 0);
        new TestWeights.Gguf().string("general.architecture", "llama").string("general.license", "apache-2.0").write(repo.resolve("Acme-7B-Q8_0.gguf"), 0);
        RepositoryReport r = Canship.builder().build().scan(repo);
        assertThat(r.name()).isEqualTo("Acme-7B-GGUF");
        assertThat(r.files()).hasSize(2);
        assertThat(r.identification().license().id()).isEqualTo("apache-2.0");
    }

    @Test
    void anOllamaModelIsIdentifiedByItsLicenseLayersAndNamedInTheReport(@TempDir Path store) throws IOException {
        Path apache = Corpus.license("apache-2.0", "LICENSE");
        OllamaFixture o = new OllamaFixture(store);
        Path gguf = new TestWeights.Gguf().string("general.architecture", "llama").write(store.resolve("m.gguf"), 0);
        o.layer(OllamaFixture.MODEL, Files.readAllBytes(gguf));
        o.layer(OllamaFixture.LICENSE, Files.readAllBytes(apache));
        o.layer(OllamaFixture.TEMPLATE, "{{ .Prompt }}");
        o.write("acme", "7b");

        RepositoryReport r = Canship.builder().ollamaStore(store).build().scan(Path.of("ollama:acme:7b"));

        assertThat(r.name()).isEqualTo("ollama:acme:7b");
        assertThat(r.identification().license().id()).isEqualTo("apache-2.0");
        assertThat(r.identification().license().file()).isEqualTo("LICENSE");
        assertThat(r.revision()).startsWith("sha256:");
        JsonNode j = json(r);
        assertThat(j.path("revision").asText()).isEqualTo(r.revision());
        assertThat(j.path("source").path("kind").asText()).isEqualTo("ollama");
        assertThat(new TextReporter().render(List.of(r))).contains("revision:   " + r.revision());
    }

    @Test
    void aHuggingFaceCacheEntryReportsTheRevisionScannedAndTheOthers(@TempDir Path cache) throws IOException {
        Path entry = Files.createDirectories(cache.resolve("models--acme--tiny"));
        String main = "a".repeat(40);
        String old = "b".repeat(40);
        Path blobs = Files.createDirectories(entry.resolve("blobs"));
        Files.writeString(blobs.resolve("c1"), "---\nlicense: apache-2.0\n---\n# tiny\n");
        Files.writeString(blobs.resolve("c2"), "---\nlicense: mit\n---\n# old tiny\n");
        for (String[] s : new String[][] {{main, "c1"}, {old, "c2"}}) {
            Path snap = Files.createDirectories(entry.resolve("snapshots").resolve(s[0]));
            Files.createSymbolicLink(snap.resolve("README.md"), Path.of("../../blobs/" + s[1]));
        }
        Files.createDirectories(entry.resolve("refs"));
        Files.writeString(entry.resolve("refs/main"), main);
        // Markers of files the Hub does not have: empty, named like the files, never evidence.
        Files.createDirectories(entry.resolve(".no_exist").resolve(main));
        Files.writeString(entry.resolve(".no_exist").resolve(main).resolve("LICENSE"), "");

        RepositoryReport r = Canship.builder().build().scan(entry);

        assertThat(r.name()).isEqualTo("acme/tiny");
        assertThat(r.revision()).isEqualTo(main);
        assertThat(r.identification().license().id()).isEqualTo("apache-2.0");
        assertThat(r.files()).extracting(f -> f.path()).containsExactly("README.md");
        assertThat(r.origin().notes()).anySatisfy(n -> assertThat(n).contains("other revisions").contains(old));
        assertThat(json(r).path("revision").asText()).isEqualTo(main);

        RepositoryReport older = Canship.builder().build().scan(entry.resolve("snapshots").resolve(old));
        assertThat(older.revision()).isEqualTo(old);
        assertThat(older.identification().license().id()).isEqualTo("mit");
        assertThat(older.origin().notes()).anySatisfy(n -> assertThat(n).contains("refs/main names " + main));
    }

    @Test
    void aLocalDirDownloadTakesItsRevisionFromTheDownloadMetadataAndNeverScansIt(@TempDir Path repo) throws IOException {
        String commit = "0123456789abcdef0123456789abcdef01234567";
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\n---\n# local\n");
        Path meta = Files.createDirectories(repo.resolve(".cache/huggingface/download"));
        Files.writeString(meta.resolve("README.md.metadata"), commit + "\n" + "etag\n1700000000.0\n");
        Files.writeString(meta.resolve("LICENSE.metadata"), commit + "\n");
        Files.writeString(repo.resolve(".cache/huggingface/LICENSE"), "not the model's terms");

        RepositoryReport r = Canship.builder().build().scan(repo);

        assertThat(r.revision()).isEqualTo(commit);
        assertThat(r.origin().kind()).isEqualTo("hf-local-dir");
        assertThat(r.files()).extracting(f -> f.path()).containsExactly("README.md");
        assertThat(json(r).path("revision").asText()).isEqualTo(commit);
    }

    @Test
    void aLocalDirMixedFromSeveralRevisionsNamesThemAndClaimsNone(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\n---\n");
        Path meta = Files.createDirectories(repo.resolve(".cache/huggingface/download"));
        Files.writeString(meta.resolve("README.md.metadata"), "1".repeat(40) + "\n");
        Files.writeString(meta.resolve("config.json.metadata"), "2".repeat(40) + "\n");
        RepositoryReport r = Canship.builder().build().scan(repo);
        assertThat(r.revision()).isNull();
        assertThat(r.origin().notes()).anySatisfy(n -> assertThat(n).contains("2 revisions"));
    }
}
