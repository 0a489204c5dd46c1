package dev.canship.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.canship.Corpus;
import dev.canship.cli.TestReports;
import dev.canship.rules.RuleCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SARIF as GitHub code scanning needs it: checked on what GitHub documents it rejects or mishandles. */
class SarifGithubTest {

    private static final ObjectMapper M = new ObjectMapper();
    private static final Path SCOUT = Path.of("samples/repos/llama4-scout-instruct");
    private static final Path FINETUNE = Path.of("samples/repos/acme-llama3.1-8b-support");
    private static final Path RELEASE = Path.of("samples/deployments/weights-release-fail.yaml");

    private static JsonNode sarif(List<RepositoryReport> reports) throws IOException {
        return M.readTree(new SarifReporter(RuleCatalog.bundled()).render(reports));
    }

    @Test
    void everyResultHasOnePrimaryLocationThatIsAFileOfTheTreeWithARegion() throws IOException {
        List<RepositoryReport> reports = List.of(TestReports.check(SCOUT, RELEASE), TestReports.check(FINETUNE, RELEASE));
        JsonNode sarif = sarif(reports);
        assertThat(sarif.path("runs")).hasSize(1);
        JsonNode results = sarif.path("runs").get(0).path("results");
        assertThat(results).isNotEmpty();
        Path root = Path.of("").toAbsolutePath();
        for (JsonNode r : results) {
            assertThat(r.path("locations")).as(r.toString()).hasSize(1);
            JsonNode phys = r.path("locations").get(0).path("physicalLocation");
            String uri = phys.path("artifactLocation").path("uri").asText();
            assertThat(uri).as("relative").doesNotStartWith("/").doesNotContain("..").isNotEqualTo(".");
            assertThat(phys.path("artifactLocation").path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
            assertThat(root.resolve(uri)).as(uri).isRegularFile();
            assertThat(phys.path("region").path("startLine").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(r.path("partialFingerprints").path("primaryLocationLineHash").asText()).matches("[0-9a-f]{16}:1");
            assertThat(r.path("partialFingerprints").path("canship/v1").asText()).matches("[0-9a-f]{32}");
        }
        // Both models' results are in the one run, each naming its repository.
        List<String> repos = new ArrayList<>();
        results.forEach(r -> repos.add(r.path("properties").path("repository").asText()));
        assertThat(repos).contains("llama4-scout-instruct", "acme-llama3.1-8b-support");
    }

    @Test
    void fingerprintsAreStableFromRunToRunAndDistinctBetweenFindings() throws IOException {
        List<RepositoryReport> reports = List.of(TestReports.check(SCOUT, RELEASE));
        JsonNode a = sarif(reports).path("runs").get(0).path("results");
        JsonNode b = sarif(List.of(TestReports.check(SCOUT, RELEASE))).path("runs").get(0).path("results");
        assertThat(a.findValuesAsText("canship/v1")).isEqualTo(b.findValuesAsText("canship/v1"))
                .doesNotHaveDuplicates();
        assertThat(a.findValuesAsText("primaryLocationLineHash")).isEqualTo(b.findValuesAsText("primaryLocationLineHash"));
    }

    @Test
    void rulesCarryHelpTagsAndSeverityAndTheToolItsVersions() throws IOException {
        JsonNode run = sarif(List.of(TestReports.check(SCOUT, RELEASE))).path("runs").get(0);
        JsonNode driver = run.path("tool").path("driver");
        assertThat(driver.path("version").asText()).isNotBlank();
        assertThat(driver.path("semanticVersion").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(driver.path("rules")).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.path("help").path("text").asText()).isNotBlank();
            assertThat(rule.path("help").path("markdown").asText()).isNotBlank();
            assertThat(rule.path("properties").path("tags").get(0).asText()).isEqualTo("license-compliance");
            assertThat(rule.path("properties").path("problem.severity").asText()).isIn("error", "warning", "recommendation");
        });
    }

    @Test
    void evidenceOutsideTheTreeFallsBackToTheDeploymentFile(@TempDir Path elsewhere) throws IOException {
        // A model outside the checkout (a Hugging Face cache): its files cannot be alert locations.
        Path repo = Files.createDirectories(elsewhere.resolve("model"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: llama3.1\n---\n# Model\n");
        JsonNode results = sarif(List.of(TestReports.check(repo, RELEASE))).path("runs").get(0).path("results");
        assertThat(results).isNotEmpty().allSatisfy(r ->
                assertThat(r.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
                        .isEqualTo("samples/deployments/weights-release-fail.yaml"));
    }

    @Test
    void aSarifOfEveryCorpusRepositoryValidatesAndStaysWithinGithubLimits() throws IOException {
        Path schemaFile = Corpus.schemas("sarif-2.1.0").resolve("sarif-schema-2.1.0.json");
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(M.readTree(schemaFile.toFile()));
        List<RepositoryReport> reports = new ArrayList<>();
        try (var s = Files.list(Corpus.repos())) {
            for (Path repo : s.filter(Files::isDirectory).sorted().toList()) {
                reports.add(TestReports.check(repo, RELEASE));
            }
        }
        JsonNode sarif = sarif(reports);
        assertThat(schema.validate(sarif)).isEmpty();
        assertThat(sarif.path("runs")).hasSize(1);
        assertThat(sarif.path("runs").get(0).path("results").size()).isLessThanOrEqualTo(SarifReporter.MAX_RESULTS);
        assertThat(sarif.path("runs").get(0).path("tool").path("driver").path("rules").size()).isLessThanOrEqualTo(25_000);
    }
}
