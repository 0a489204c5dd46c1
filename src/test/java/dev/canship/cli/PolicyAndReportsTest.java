package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.canship.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static dev.canship.cli.CliTest.SCOUT;
import static dev.canship.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

class PolicyAndReportsTest {

    static final String FAIL = "samples/deployments/megacorp-finetune-fail.yaml";

    @Test
    void waiversKeepFindingsVisibleButOutOfTheExitCode(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                canship_policy: 1
                waivers:
                  - rule: MAU-THRESHOLD
                    model: llama4-scout-instruct
                    reason: separate-license
                    comment: Meta granted MegaSocial a license on 2026-01-10
                  - rule: DERIVATIVE-NAMING
                    reason: pending-fix
                    expires: 2099-12-31
                """);
        CliTest.Run r = run("check", SCOUT, "-d", FAIL, "--policy", policy.toString(), "--format", "json");
        assertThat(r.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("verdict").asText()).isEqualTo("pass");
        assertThat(json.path("findings")).hasSize(2).allSatisfy(f -> assertThat(f.path("waived").asBoolean()).isTrue());
        assertThat(json.path("counts").path("waived").asInt()).isEqualTo(2);
    }

    @Test
    void anExpiredWaiverStopsWaivingAndSaysSo(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                canship_policy: 1
                waivers:
                  - rule: MAU-THRESHOLD
                    reason: separate-license
                    expires: 2020-01-01
                """);
        CliTest.Run r = run("check", SCOUT, "-d", FAIL, "--policy", policy.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("EXPIRED: no longer waives");
    }

    @Test
    void severityOverridesAndLicenseListsApply(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                canship_policy: 1
                licenses:
                  deny: [llama4]
                severity:
                  MAU-THRESHOLD: warning
                  DERIVATIVE-NAMING: info
                """);
        CliTest.Run r = run("check", SCOUT, "-d", FAIL, "--policy", policy.toString(), "--format", "json");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("findings").findValuesAsText("rule")).contains("POLICY-LICENSE-DENIED");
        assertThat(json.path("findings")).anySatisfy(f -> {
            assertThat(f.path("rule").asText()).isEqualTo("MAU-THRESHOLD");
            assertThat(f.path("severity").asText()).isEqualTo("warning");
        });
    }

    @Test
    void aBadPolicyIsOneLineAndExit2(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), "canship_policy: 1\nwaivers:\n  - rule: NO-SUCH-RULE\n    reason: legal-reviewed\n");
        CliTest.Run r = run("check", SCOUT, "-d", FAIL, "--policy", policy.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString().contains("waivers[0].rule: unknown rule 'NO-SUCH-RULE'");
    }

    @Test
    void userRulesRunBesideTheBundledOnes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("org.drl"), """
                package acme.rules;
                import dev.canship.rules.facts.*;
                import dev.canship.deployment.Distribution;
                global dev.canship.rules.FindingSink findings;
                rule "ACME-NO-HOSTED-LLAMA"
                when
                    Governing( family == "llama" )
                    ModelOffer( distribution == Distribution.HOSTED )
                then
                    findings.report("ACME-NO-HOSTED-LLAMA", "USE_POLICY_REVIEW", "warning", "llama4", null,
                        "Acme requires a security review before hosting Llama models.", "File a security review ticket.", "deployment:model.distribution");
                end
                """);
        CliTest.Run r = run("check", SCOUT, "-d", "samples/deployments/us-assistant-pass.yaml", "--rules", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("REVIEW: ").contains("[ACME-NO-HOSTED-LLAMA]");
        Files.writeString(dir.resolve("broken.drl"), "package acme.rules;\nrule \"X\"\nwhen\n  NoSuchFact()\nthen\nend\n");
        CliTest.Run broken = run("check", SCOUT, "-d", "samples/deployments/us-assistant-pass.yaml", "--rules", dir.toString());
        assertThat(broken.exit()).isEqualTo(2);
        assertThat(broken.err()).contains("broken.drl").contains("rule does not compile");
    }

    /**
     * Facts carry enums: a rule comparing one with a string would never match, so it is refused in every written
     * form - in a pattern, through a binding or a path, inside eval - naming file, rule and field and the constant
     * to write. Each case is the condition line of the rule (line 6 of the file).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "ModelOffer( distribution == \"hosted\" )",
            "ModelOffer( \"hosted\" == distribution )",
            "ModelOffer( distribution in (\"hosted\", \"weights\") )",
            "ModelOffer( distribution not in (\"internal\") )",
            "ModelOffer( this.distribution == \"hosted\" )",
            "$o : ModelOffer() Governing( $o.distribution == \"hosted\" )",
            "$o : ModelOffer() Governing( \"hosted\" != $o.distribution() )",
            "$o : ModelOffer() eval( $o.distribution() == \"hosted\" )",
            "$o : ModelOffer() not( eval( \"internal\" == $o.distribution ) )",
            "ModelOffer( $d : distribution ) eval( $d != \"hosted\" )"})
    void everyFormOfAStringComparisonWithAnEnumFieldIsRefused(String condition, @TempDir Path dir) throws Exception {
        CliTest.Run r = runRule(dir, condition);
        assertThat(r.exit()).as(condition).isEqualTo(2);
        assertThat(r.err().strip().lines()).as(condition).hasSize(1);
        assertThat(r.err()).as(condition).contains("old.drl:6").contains("ACME-HOSTED").contains("ModelOffer.distribution")
                .contains(condition.contains("internal") ? "Distribution.INTERNAL" : "Distribution.HOSTED").doesNotContain("Exception");
    }

    /** The same comparisons written with the enum constant (and a string field compared with a string) run and fire. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "ModelOffer( distribution == Distribution.HOSTED )",
            "ModelOffer( distribution not in (Distribution.INTERNAL) )",
            "$o : ModelOffer() Governing( $o.distribution == Distribution.HOSTED, family == \"llama\" )",
            "$o : ModelOffer() eval( $o.distribution() == Distribution.HOSTED )",
            "ModelOffer( $d : distribution ) eval( $d != Distribution.INTERNAL )"})
    void theSameComparisonsWithTheEnumConstantAreAccepted(String condition, @TempDir Path dir) throws Exception {
        CliTest.Run r = runRule(dir, condition);
        assertThat(r.exit()).as(condition + ": " + r.err()).isZero();
        assertThat(r.out()).as(condition).contains("[ACME-HOSTED]");
    }

    private static CliTest.Run runRule(Path dir, String condition) throws Exception {
        Files.writeString(dir.resolve("old.drl"), """
                package acme.rules;
                import dev.canship.rules.facts.*;
                import dev.canship.deployment.Distribution;
                global dev.canship.rules.FindingSink findings;
                rule "ACME-HOSTED" when
                    %s
                then
                    findings.report("ACME-HOSTED", "USE_POLICY_REVIEW", "warning", null, null, "Hosted.", "Review.", "deployment:model.distribution");
                end
                """.formatted(condition));
        return run("check", SCOUT, "-d", "samples/deployments/us-assistant-pass.yaml", "--rules", dir.toString());
    }

    @Test
    void explainDocumentsARuleAndTheLicensesItAppliesTo() {
        CliTest.Run r = run("explain", "MAU-THRESHOLD");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Checks:").contains("Fix:").contains("llama4").contains("§2");
        assertThat(run("explain").out()).contains("EU-MULTIMODAL");
        assertThat(run("explain", "NOPE").exit()).isEqualTo(2);
    }

    @Test
    void sarifValidatesAgainstTheOfficialSchema(@TempDir Path dir) throws Exception {
        Path schemaFile = Corpus.schemas("sarif-2.1.0").resolve("sarif-schema-2.1.0.json");
        Path policy = Files.writeString(dir.resolve("policy.yaml"), "canship_policy: 1\nwaivers:\n  - rule: MAU-THRESHOLD\n    reason: separate-license\n");
        CliTest.Run r = run("check", SCOUT, CliTest.FINETUNE, "-d", "samples/deployments/weights-release-fail.yaml", "--policy", policy.toString(), "--format", "sarif");
        ObjectMapper m = new ObjectMapper();
        JsonNode sarif = m.readTree(r.out());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(m.readTree(schemaFile.toFile()));
        Set<ValidationMessage> errors = schema.validate(sarif);
        assertThat(errors).isEmpty();
        JsonNode run0 = sarif.path("runs").get(0);
        assertThat(run0.path("tool").path("driver").path("rules").findValuesAsText("id")).contains("ATTRIBUTION", "NOTICE-FILE");
        assertThat(run0.path("results").get(0).path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
                .isNotBlank();
        JsonNode sarif2 = m.readTree(run("check", SCOUT, "-d", FAIL, "--policy", policy.toString(), "--format", "sarif").out());
        // GitHub reads no SARIF suppressions: the waived finding is listed in the run's properties, not a result.
        assertThat(sarif2.findValues("suppressions")).isEmpty();
        assertThat(sarif2.path("runs").get(0).path("properties").path("waived")).singleElement()
                .satisfies(w -> assertThat(w.path("ruleId").asText()).isEqualTo("MAU-THRESHOLD"));
        assertThat(sarif2.path("runs").get(0).path("results").findValuesAsText("ruleId")).doesNotContain("MAU-THRESHOLD");
        assertThat(schema.validate(sarif2)).isEmpty();
    }

    @Test
    void markdownHasASummaryTableAndCollapsibleDetails() {
        CliTest.Run r = run("check", SCOUT, CliTest.QWEN, "-d", FAIL, "--format", "markdown");
        assertThat(r.out()).contains("| model | license | verdict |").contains("| llama4-scout-instruct | `llama4` | :x: cannot ship as described | 2 |")
                .contains("<details open><summary><b>2 errors</b></summary>");
    }
}
