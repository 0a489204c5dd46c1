package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.Corpus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.canship.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** An organization's accept list covers every license a declaration joins with AND, not only the governing one. */
class PolicyBindingLicensesTest {

    private static final ObjectMapper M = new ObjectMapper();

    private static Path repo(Path dir, String tag) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("model"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: " + tag + "\n---\n# A model\n");
        Files.writeString(repo.resolve("config.json"), "{\"model_type\": \"llama\", \"hidden_size\": 64, \"num_hidden_layers\": 2,"
                + " \"num_attention_heads\": 4, \"vocab_size\": 100, \"intermediate_size\": 128}");
        Path text = Corpus.licenses().resolve("apache-2.0/LICENSE");
        Assumptions.assumeTrue(Files.isRegularFile(text), text + " is not in the corpus; skipping");
        Files.copy(text, repo.resolve("LICENSE"));
        return repo;
    }

    private static JsonNode check(Path dir, Path repo, String policyYaml) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), policyYaml);
        CliTest.Run r = run("check", repo.toString(), "-d", "samples/deployments/us-assistant-pass.yaml", "--policy", policy.toString(), "--format", "json");
        assertThat(r.err()).isEmpty();
        return M.readTree(r.out());
    }

    /** A base's license binds beside a later license of its family, so the policy judges it too. */
    @Test
    void aBaseLicenseThePolicyRefusesOrDoesNotAcceptFails(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("llama"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: llama3.3\nbase_model: meta-llama/Llama-3.1-70B\n---\n# A model\n");
        Files.copy(Corpus.licenses().resolve("llama3.3/LICENSE"), repo.resolve("LICENSE"));
        JsonNode denied = check(dir, repo, "canship_policy: 1\nlicenses:\n  deny: [llama3.1]\n");
        assertThat(denied.path("verdict").asText()).isEqualTo("fail");
        assertThat(CliTest.findingRules(denied)).contains("POLICY-LICENSE-DENIED-BASE");
        // Not refused, only not listed: a review, since Meta's own Llama 3.3 release names its Llama 3.1 base too.
        JsonNode notAllowed = check(dir, repo, "canship_policy: 1\nlicenses:\n  allow: [llama3.3]\n");
        assertThat(notAllowed.path("verdict").asText()).isEqualTo("review");
        assertThat(CliTest.findingRules(notAllowed)).contains("POLICY-LICENSE-NOT-ALLOWED-BASE");
        assertThat(CliTest.findingRules(check(dir, repo, "canship_policy: 1\nlicenses:\n  allow: [llama3.3, llama3.1]\n")))
                .noneMatch(r -> r.startsWith("POLICY-"));
    }

    /** Even with the review of the further license waived, accepting only Apache does not adopt GPL beside it. */
    @Test
    void aLicenseJoinedWithAndThatThePolicyDoesNotAcceptFails(@TempDir Path dir) throws Exception {
        JsonNode j = check(dir, repo(dir, "apache-2.0 AND gpl-3.0"), """
                canship_policy: 1
                licenses:
                  allow: [apache-2.0]
                waivers:
                  - rule: LICENSE-ALSO-BINDING
                    reason: legal-reviewed
                    comment: counsel read the GPL terms
                """);

        assertThat(j.path("verdict").asText()).isEqualTo("fail");
        assertThat(j.path("findings").findParents("rule")).filteredOn(f -> f.path("rule").asText().equals("POLICY-LICENSE-NOT-ALLOWED-BINDING"))
                .singleElement().satisfies(f -> {
                    assertThat(f.path("license").asText()).isEqualTo("gpl-3.0");
                    assertThat(f.path("severity").asText()).isEqualTo("error");
                });
    }

    @Test
    void everyJoinedLicenseAcceptedRaisesNoPolicyFinding(@TempDir Path dir) throws Exception {
        JsonNode j = check(dir, repo(dir, "apache-2.0 AND mit"), """
                canship_policy: 1
                licenses:
                  allow: [apache-2.0, mit]
                """);

        assertThat(j.path("findings").findValuesAsText("rule")).doesNotContain("POLICY-LICENSE-NOT-ALLOWED-BINDING", "POLICY-LICENSE-NOT-ALLOWED");
    }
}
