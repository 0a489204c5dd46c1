package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {

    static final String SCOUT = "samples/repos/llama4-scout-instruct";
    static final String FINETUNE = "samples/repos/acme-llama3.1-8b-support";
    static final String QWEN = "samples/repos/qwen3-30b-a3b";

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * A JSON check of {@code repo} against {@code deployment}: nothing on standard error, and the exit code is the
     * one the verdict implies with the default --fail-on (0 for pass, 1 otherwise).
     */
    static JsonNode checkJson(Path repo, Path deployment) throws Exception {
        Run r = run("check", repo.toString(), "-d", deployment.toString(), "--format", "json");
        assertThat(r.err()).isEmpty();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(r.exit()).as("exit code for verdict %s", j.path("verdict").asText())
                .isEqualTo(j.path("verdict").asText().equals("pass") ? 0 : 1);
        return j;
    }

    /** The rule ids of a JSON report's findings, in report order. */
    static java.util.List<String> findingRules(JsonNode report) {
        return report.path("findings").findValuesAsText("rule");
    }

    @Test
    void aFailingDeploymentPrintsTheMauAndNamingFindingsAndExits1() {
        Run r = run("check", SCOUT, "--deployment", "samples/deployments/megacorp-finetune-fail.yaml");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith("FAIL: ").contains("cannot ship as described"));
        assertThat(r.out()).contains("[MAU-THRESHOLD] MAU_THRESHOLD · llama4 §2")
                .contains("900 million").contains("March 2025")
                .contains("[DERIVATIVE-NAMING] DERIVATIVE_NAMING · llama4 §1.b.i")
                .contains("must begin with \"Llama\"");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aPassingDeploymentExits0() {
        Run r = run("check", SCOUT, "--deployment", "samples/deployments/us-assistant-pass.yaml");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("PASS: ");
    }

    @Test
    void aMalformedDeploymentExits2WithOneLineNamingTheField() {
        Run r = run("check", SCOUT, "--deployment", "samples/deployments/malformed.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString()
                .startsWith("canship: samples/deployments/malformed.yaml:8: model.relase_name: unknown field");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void usageErrorsAndMissingPathsExit2WithoutAStackTrace() {
        assertThat(run("check", SCOUT).exit()).isEqualTo(2);
        Run missing = run("scan", "no/such/repo");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no/such/repo: no such file or folder").doesNotContain("at dev.canship");
        assertThat(run("check", SCOUT, "-d", "samples/deployments/us-assistant-pass.yaml", "--fail-on", "sometimes").exit()).isEqualTo(2);
    }

    @Test
    void aMistypedCommandIsNamedWithTheCommandMeant() {
        Run r = run("chek", SCOUT, "-d", "samples/deployments/us-assistant-pass.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("canship: unknown command 'chek'; did you mean 'check'? (commands: scan, check, fit,")
                .doesNotContain("Unmatched");
        assertThat(run("frobnicate").err()).startsWith("canship: unknown command 'frobnicate' (commands: ");
    }

    @Test
    void failOnDecidesTheExitCode() {
        String eu = "samples/deployments/weights-release-fail.yaml";
        assertThat(run("check", SCOUT, "-d", eu, "--fail-on", "never").exit()).isZero();
        assertThat(run("check", QWEN, "-d", "samples/deployments/us-assistant-pass.yaml", "--fail-on", "warning").exit()).isZero();
    }

    @Test
    void jsonOutputFollowsTheContract(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report.json");
        Run r = run("check", SCOUT, "-d", "samples/deployments/eu-startup-multimodal.yaml", "--format", "json", "--output", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(Files.readString(out));
        assertThat(json.path("verdict").asText()).isEqualTo("fail");
        assertThat(json.path("license").path("id").asText()).isEqualTo("llama4");
        assertThat(json.path("licenses")).isNotEmpty();
        for (String field : new String[] {"id", "document", "source", "file", "confidence", "altered"}) {
            assertThat(json.path("licenses").get(0).has(field)).as(field).isTrue();
        }
        for (String field : new String[] {"name", "architecture", "total_params", "active_params", "experts", "experts_per_token", "modalities", "base_models"}) {
            assertThat(json.path("model").has(field)).as(field).isTrue();
        }
        JsonNode f = json.path("findings").get(0);
        assertThat(f.path("kind").asText()).isEqualTo("EU_MULTIMODAL");
        assertThat(f.path("severity").asText()).isEqualTo("error");
        for (String field : new String[] {"rule", "license", "clause", "message", "remediation", "evidence"}) {
            assertThat(f.has(field)).as(field).isTrue();
        }
        assertThat(f.path("evidence").get(0).path("file").asText()).endsWith("eu-startup-multimodal.yaml");
        assertThat(f.path("evidence").get(0).path("line").asInt()).isEqualTo(6);
    }

    @Test
    void outputIsDeterministic() {
        String a = run("check", SCOUT, FINETUNE, "-d", "samples/deployments/weights-release-fail.yaml", "--format", "json").out();
        String b = run("check", SCOUT, FINETUNE, "-d", "samples/deployments/weights-release-fail.yaml", "--format", "json").out();
        assertThat(a).isEqualTo(b).startsWith("[");
    }

    @Test
    void scanShowsFilesLicensesAndModel() {
        Run r = run("scan", FINETUNE);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("license:    llama3.1").contains("base model: meta-llama/Llama-3.1-8B-Instruct")
                .contains("model-card").contains("README.md");
    }

    @Test
    void licensesListsAndShows() {
        Run list = run("licenses");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("llama4").contains("apache-2.0").contains("gemma");
        Run show = run("licenses", "show", "llama3.1");
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("Llama 3.1 Community License Agreement").contains("OBLIGATIONS").contains("§2")
                .contains("source:    https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE");
        Run unknown = run("licenses", "show", "nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown license id 'nope'");
    }

    @Test
    void fingerprintMakesReferenceDataWithoutTheText(@TempDir Path dir) throws Exception {
        Path license = dev.canship.Corpus.license("mit", "LICENSE-CODE");
        Path out = dir.resolve("mit.fp");
        Run r = run("licenses", "fingerprint", license.toString(), "--id", "mit", "--output", out.toString());
        assertThat(r.exit()).isZero();
        String fp = Files.readString(out);
        assertThat(fp).startsWith("canship-fingerprint 1").contains("id mit").doesNotContain("WITHOUT WARRANTY").doesNotContain("Permission is hereby");
        assertThat(run("licenses", "fingerprint", license.toString(), "--id", "Bad Id").exit()).isEqualTo(2);
        assertThat(run("licenses", "fingerprint", "no-such-file", "--id", "x").exit()).isEqualTo(2);
    }
}
