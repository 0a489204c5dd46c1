package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.Corpus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.canship.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 end to end: a card's license tag written as an SPDX expression or a list, checked against a commercial
 * hosted deployment. Several licenses all bind, an unseen choice is a review, a text settles a choice, an unknown
 * component is a review; never a pass on what canship cannot see.
 */
class LicenseExpressionCheckTest {

    private static final String DEPLOYMENT = "samples/deployments/us-assistant-pass.yaml";
    private static final ObjectMapper M = new ObjectMapper();

    /** A model folder whose card declares {@code tag}, with the corpus text {@code licenseText} as LICENSE, or none. */
    private static Path repo(Path dir, String tag, String licenseText) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("model"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: " + tag + "\n---\n# A model\n");
        Files.writeString(repo.resolve("config.json"), "{\"model_type\": \"llama\", \"hidden_size\": 64, \"num_hidden_layers\": 2,"
                + " \"num_attention_heads\": 4, \"vocab_size\": 100, \"intermediate_size\": 128}");
        if (licenseText != null) {
            Path text = Corpus.licenses().resolve(licenseText);
            Assumptions.assumeTrue(Files.isRegularFile(text), text + " is not in the corpus; skipping");
            Files.copy(text, repo.resolve("LICENSE"));
        }
        return repo;
    }

    private static JsonNode check(Path repo) throws Exception {
        return check(repo, Path.of(DEPLOYMENT));
    }

    private static JsonNode check(Path repo, Path deployment) throws Exception {
        return CliTest.checkJson(repo, deployment);
    }

    private static List<String> rules(JsonNode j) {
        return CliTest.findingRules(j);
    }

    @Test
    void anAndExpressionWithTheApacheTextBindsMitToo(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "apache-2.0 AND mit", "apache-2.0/LICENSE"));

        assertThat(j.path("verdict").asText()).isEqualTo("review");
        assertThat(rules(j)).contains("LICENSE-ALSO-BINDING").doesNotContain("LICENSE-UNKNOWN", "LICENSE-UNREAD", "LICENSE-CONFLICT");
        assertThat(j.path("license").path("id").asText()).isEqualTo("apache-2.0");
        JsonNode also = j.path("findings").findParents("rule").stream().filter(f -> f.path("rule").asText().equals("LICENSE-ALSO-BINDING")).findFirst().orElseThrow();
        assertThat(also.path("license").asText()).isEqualTo("mit");
        assertThat(also.path("message").asText()).contains("MIT License (MIT)").contains("apache-2.0 AND mit");
        assertThat(also.path("remediation").asText()).contains("mit");

        JsonNode declared = j.path("declared_licenses").get(0);
        assertThat(declared.path("written").asText()).isEqualTo("apache-2.0 AND mit");
        assertThat(declared.path("expression").asText()).isEqualTo("Apache-2.0 AND MIT");
        assertThat(declared.path("components").findValuesAsText("role")).containsExactly("governing", "also_binding");
        assertThat(declared.path("components").findValuesAsText("spdx")).containsExactly("Apache-2.0", "MIT");
    }

    @Test
    void aListWithANonCommercialLicenseDoesNotPassACommercialProduct(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "[apache-2.0, cc-by-nc-4.0]", null));

        assertThat(j.path("verdict").asText()).isEqualTo("fail");
        assertThat(rules(j)).contains("LICENSE-ALSO-BINDING", "NON-COMMERCIAL").doesNotContain("LICENSE-CONFLICT");
        assertThat(j.path("findings").findParents("rule")).filteredOn(f -> f.path("rule").asText().equals("NON-COMMERCIAL"))
                .extracting(f -> f.path("license").asText()).containsExactly("cc-by-nc-4.0");
    }

    @Test
    void aChoiceWithNoTextIsAReview(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "mit OR apache-2.0", null));

        assertThat(j.path("verdict").asText()).isEqualTo("review");
        assertThat(rules(j)).contains("LICENSE-CHOICE");
        JsonNode choice = j.path("findings").findParents("rule").stream().filter(f -> f.path("rule").asText().equals("LICENSE-CHOICE")).findFirst().orElseThrow();
        assertThat(choice.path("message").asText()).contains("MIT License (MIT)").contains("Apache License, Version 2.0 (Apache-2.0)");
        assertThat(choice.path("remediation").asText()).contains("which license you take");
        assertThat(j.path("declared_licenses").get(0).path("components").findValuesAsText("role")).containsExactly("option", "option");
    }

    @Test
    void aChoiceTheMitTextSettlesPassesWithMitGoverning(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "mit OR apache-2.0", "mit/LICENSE-CODE"));

        assertThat(j.path("verdict").asText()).isEqualTo("pass");
        assertThat(j.path("license").path("id").asText()).isEqualTo("mit");
        assertThat(rules(j)).containsExactly("LICENSE-CHOSEN");
        assertThat(j.path("findings").get(0).path("severity").asText()).isEqualTo("info");
    }

    @Test
    void anUnknownComponentIsAReviewNamingIt(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "apache-2.0 AND LicenseRef-acme-weights", "apache-2.0/LICENSE"));

        assertThat(j.path("verdict").asText()).isEqualTo("review");
        assertThat(rules(j)).contains("LICENSE-UNKNOWN");
        assertThat(j.path("findings").findValuesAsText("message")).anyMatch(m -> m.contains("does not know LicenseRef-acme-weights"));
        assertThat(j.path("declared_licenses").get(0).path("components").findValuesAsText("known")).containsExactly("true", "false");
    }

    @Test
    void anExceptionIsShownWithItsKnownLicense(@TempDir Path dir) throws Exception {
        Path repo = repo(dir, "Apache-2.0 WITH LLVM-exception", "apache-2.0/LICENSE");
        JsonNode j = check(repo);

        assertThat(j.path("verdict").asText()).isEqualTo("pass");
        assertThat(rules(j)).doesNotContain("LICENSE-UNKNOWN", "LICENSE-CONFLICT");
        assertThat(j.path("license").path("exception").asText()).isEqualTo("LLVM-exception");
        assertThat(run("check", repo.toString(), "-d", DEPLOYMENT).out()).contains("license:    apache-2.0 WITH LLVM-exception license, from LICENSE");
    }

    @Test
    void theBillOfMaterialsCarriesACompoundLicenseAsAnExpression(@TempDir Path dir) throws Exception {
        Path repo = repo(dir, "apache-2.0 AND mit", null);
        JsonNode bom = M.readTree(run("check", repo.toString(), "-d", DEPLOYMENT, "--format", "cyclonedx").out());

        JsonNode licenses = bom.path("metadata").path("component").path("licenses");
        assertThat(licenses).hasSize(1);
        assertThat(licenses.get(0).path("expression").asText()).isEqualTo("Apache-2.0 AND MIT");
        assertThat(licenses.get(0).has("license")).as("never an id for a compound license").isFalse();
    }

    /** A text settles the choice, but the license joined with AND still binds: the bill of materials keeps it. */
    @Test
    void theBillOfMaterialsKeepsWhatStillBindsOnceATextSettlesAChoice(@TempDir Path dir) throws Exception {
        Path repo = repo(dir, "(mit OR apache-2.0) AND cc-by-4.0", "mit/LICENSE-CODE");
        JsonNode bom = M.readTree(run("check", repo.toString(), "-d", DEPLOYMENT, "--format", "cyclonedx").out());

        JsonNode licenses = bom.path("metadata").path("component").path("licenses");
        assertThat(licenses).hasSize(1);
        assertThat(licenses.get(0).path("expression").asText()).isEqualTo("MIT AND CC-BY-4.0");
    }

    /** A plain choice that the text settles leaves one license: written by its id, not as an expression. */
    @Test
    void aSettledPlainChoiceIsOneLicenseInTheBillOfMaterials(@TempDir Path dir) throws Exception {
        Path repo = repo(dir, "mit OR apache-2.0", "mit/LICENSE-CODE");
        JsonNode bom = M.readTree(run("check", repo.toString(), "-d", DEPLOYMENT, "--format", "cyclonedx").out());

        JsonNode licenses = bom.path("metadata").path("component").path("licenses");
        assertThat(licenses).hasSize(1);
        assertThat(licenses.get(0).has("expression")).isFalse();
        assertThat(licenses.get(0).path("license").path("id").asText()).isEqualTo("MIT");
    }

    @Test
    void aPolicyThatRefusesAnAlsoBindingLicenseFails(@TempDir Path dir) throws Exception {
        Path repo = repo(dir, "apache-2.0 AND cc-by-nc-4.0", null);
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                canship_policy: 1
                licenses:
                  deny: [cc-by-nc-4.0]
                """);
        CliTest.Run r = run("check", repo.toString(), "-d", DEPLOYMENT, "--policy", policy.toString(), "--format", "json");
        JsonNode j = M.readTree(r.out());

        assertThat(j.path("verdict").asText()).isEqualTo("fail");
        assertThat(j.path("findings").findParents("rule")).filteredOn(f -> f.path("rule").asText().equals("POLICY-LICENSE-DENIED-BINDING"))
                .singleElement().satisfies(f -> assertThat(f.path("message").asText()).contains("cc-by-nc-4.0"));
    }

    @Test
    void aWaiverRecordsTheChoiceTaken(@TempDir Path dir) throws Exception {
        Path repo = repo(dir, "mit OR apache-2.0", null);
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                canship_policy: 1
                waivers:
                  - rule: LICENSE-CHOICE
                    reason: legal-reviewed
                    comment: we take MIT
                """);
        CliTest.Run r = run("check", repo.toString(), "-d", DEPLOYMENT, "--policy", policy.toString(), "--format", "json");

        assertThat(M.readTree(r.out()).path("verdict").asText()).isEqualTo("pass");
        assertThat(r.exit()).isZero();
    }

    private static JsonNode finding(JsonNode j, String rule) {
        return j.path("findings").findParents("rule").stream().filter(f -> f.path("rule").asText().equals(rule)).findFirst().orElseThrow();
    }

    @Test
    void aWithThatIsNoKnownExceptionIsAReviewNotAPass(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "apache-2.0 WITH Commons-Clause", "apache-2.0/LICENSE"));

        assertThat(j.path("verdict").asText()).isEqualTo("review");
        assertThat(finding(j, "LICENSE-UNKNOWN").path("message").asText()).contains("Commons-Clause").contains("may add restrictions");
    }

    @Test
    void anUnknownBesideAKnownLicenseIsAReviewNotAPass(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "apache-2.0 AND unknown", "apache-2.0/LICENSE"));

        assertThat(j.path("verdict").asText()).isEqualTo("review");
        assertThat(finding(j, "LICENSE-UNKNOWN").path("message").asText()).contains("\"unknown\"");
    }

    @Test
    void anOpenChoiceIsDecidedByItsStrictestOption(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "mit OR cc-by-nc-4.0", null));

        assertThat(j.path("verdict").asText()).as("the non-commercial option binds until the chosen text ships").isEqualTo("fail");
        assertThat(rules(j)).contains("LICENSE-CHOICE", "NON-COMMERCIAL");
        assertThat(finding(j, "LICENSE-CHOICE").path("remediation").asText()).contains("every option it knows");
        assertThat(finding(j, "NON-COMMERCIAL").path("license").asText()).isEqualTo("cc-by-nc-4.0");
    }

    @Test
    void aSettledChoiceFindingNamesTheLicenseTaken(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "cc-by-nc-4.0 OR apache-2.0", "apache-2.0/LICENSE"));

        assertThat(j.path("verdict").asText()).isEqualTo("pass");
        assertThat(finding(j, "LICENSE-CHOSEN").path("license").asText()).isEqualTo("apache-2.0");
    }

    @Test
    void aUsePolicyJoinedWithAndHasItsProhibitedUsesChecked(@TempDir Path dir) throws Exception {
        Path deployment = dir.resolve("spam.yaml");
        Files.writeString(deployment, Files.readString(Path.of(DEPLOYMENT)).replace("uses: [customer_support, summarization]", "uses: [customer_support, spam]"));
        JsonNode j = check(repo(dir, "apache-2.0 AND llama3.1-aup", "apache-2.0/LICENSE"), deployment);

        assertThat(j.path("verdict").asText()).isEqualTo("fail");
        JsonNode prohibited = finding(j, "USE-POLICY-PROHIBITED");
        assertThat(prohibited.path("message").asText()).contains("spam");
        assertThat(prohibited.path("clause").asText()).startsWith("llama3.1-aup");
    }

    @Test
    void aLoneTagTheTextContradictsIsConflictingInTheReport(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "cc-by-nc-4.0", "apache-2.0/LICENSE"));

        assertThat(rules(j)).contains("LICENSE-CONFLICT");
        assertThat(j.path("declared_licenses").get(0).path("components").findValuesAsText("role")).containsExactly("conflicting");
    }
}
