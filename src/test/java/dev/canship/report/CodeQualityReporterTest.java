package dev.canship.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.cli.TestReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The GitLab Code Quality report: the fields GitLab reads, located in the tree, one issue per open finding. */
class CodeQualityReporterTest {

    private static final Path SCOUT = Path.of("samples/repos/llama4-scout-instruct");
    private static final Path RELEASE = Path.of("samples/deployments/weights-release-fail.yaml");

    @Test
    void everyOpenFindingIsAnIssueWithTheFieldsGitlabReads() throws Exception {
        RepositoryReport report = TestReports.check(SCOUT, RELEASE);
        JsonNode issues = new ObjectMapper().readTree(new CodeQualityReporter().render(List.of(report)));
        assertThat(issues.isArray()).isTrue();
        assertThat(issues).hasSize((int) report.findings().stream().filter(f -> !f.waived()).count());
        for (JsonNode i : issues) {
            assertThat(i.path("description").asText()).startsWith("llama4-scout-instruct: ");
            assertThat(i.path("check_name").asText()).matches("[A-Z0-9-]+");
            assertThat(i.path("severity").asText()).isIn("info", "minor", "major", "critical", "blocker");
            assertThat(Path.of(i.path("location").path("path").asText())).isRegularFile();
            assertThat(i.path("location").path("lines").path("begin").asInt()).isPositive();
        }
        assertThat(issues.findValuesAsText("fingerprint")).doesNotHaveDuplicates().allMatch(f -> f.matches("[0-9a-f]{32}"));
        assertThat(issues).anySatisfy(i -> {
            assertThat(i.path("check_name").asText()).isEqualTo("NOTICE-FILE");
            assertThat(i.path("severity").asText()).isEqualTo("blocker");
        });
    }

    @Test
    void aWaivedFindingIsNotAnOpenIssue(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), "canship_policy: 1\nwaivers:\n  - rule: NOTICE-FILE\n    reason: pending-fix\n");
        RepositoryReport report = TestReports.check(SCOUT, RELEASE, policy);
        JsonNode issues = new ObjectMapper().readTree(new CodeQualityReporter().render(List.of(report)));
        assertThat(issues.findValuesAsText("check_name")).isNotEmpty().doesNotContain("NOTICE-FILE");
    }
}
