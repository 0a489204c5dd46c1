package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.canship.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A license canship does not know ends in a {@code review} verdict in every format, and the default gate
 * ({@code --fail-on error}) fails on it until a policy accepts it: a blocking review.
 */
class UnknownIsNotCleanTest {

    private static Path repoWithUnknownLicense(Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("odd-model"));
        Files.writeString(repo.resolve("LICENSE"), """
                ODD MODEL LICENSE AGREEMENT

                1. The holder of these weights lets the recipient run them on weekdays only.
                2. The recipient shall send the holder a postcard every quarter in which the weights are used.
                3. Any product built with these weights must be painted blue.
                """);
        Files.writeString(repo.resolve("README.md"), "---\nlicense: other\n---\n# Odd model\n");
        Files.writeString(repo.resolve("deployment.yaml"), """
                canship: 1
                organization: {name: Acme Inc., country: US, monthly_active_users: 1000}
                model: {changes: none, distribution: internal}
                product: {name: Acme Tool, commercial: true, uses: [translation]}
                """);
        return repo;
    }

    @Test
    void anUnknownLicenseIsAReviewThatFailsTheDefaultGate(@TempDir Path dir) throws Exception {
        Path repo = repoWithUnknownLicense(dir);
        String d = repo.resolve("deployment.yaml").toString();
        CliTest.Run json = run("check", repo.toString(), "-d", d, "--format", "json");
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.path("verdict").asText()).isEqualTo("review");
        assertThat(j.path("findings").findValuesAsText("rule")).contains("LICENSE-UNKNOWN");
        assertThat(json.exit()).as("blocking review counts against --fail-on error").isEqualTo(1);

        JsonNode sarif = new ObjectMapper().readTree(run("check", repo.toString(), "-d", d, "--format", "sarif").out());
        assertThat(sarif.path("runs").get(0).path("properties").path("verdict").asText()).isEqualTo("review");
        CliTest.Run text = run("check", repo.toString(), "-d", d);
        assertThat(text.out()).contains("REVIEW").doesNotContain("PASS:");
        assertThat(run("check", repo.toString(), "-d", d, "--fail-on", "never").exit()).isZero();
    }

    @Test
    void aWaiverAcceptsTheUnknownLicense(@TempDir Path dir) throws Exception {
        Path repo = repoWithUnknownLicense(dir);
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                canship_policy: 1
                waivers:
                  - rule: LICENSE-UNKNOWN
                    reason: legal-reviewed
                    comment: counsel read the Odd Model License on 2026-11-30
                """);
        CliTest.Run r = run("check", repo.toString(), "-d", repo.resolve("deployment.yaml").toString(), "--policy", policy.toString(), "--format", "json");
        assertThat(r.exit()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).path("verdict").asText()).isEqualTo("pass");
    }
}
