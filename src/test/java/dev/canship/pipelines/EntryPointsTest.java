package dev.canship.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline entry points run as a pipeline runs them: the GitHub Action's check script and the pre-commit hook,
 * against the samples, with the built launcher (these tests run after {@code package}, in the verify build).
 */
class EntryPointsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    @BeforeAll
    static void launcherIsBuilt() {
        assertThat(ROOT.resolve("target/canship.jar")).as("run in the verify build, after package").isRegularFile();
    }

    record Run(int exit, String out, String err) {
    }

    private static Run bash(Map<String, String> env, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash"));
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
        pb.environment().remove("GITHUB_OUTPUT");
        pb.environment().remove("GITHUB_STEP_SUMMARY");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("canship-out", ".txt");
        Path err = Files.createTempFile("canship-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = p.waitFor();
        return new Run(code, Files.readString(out), Files.readString(err));
    }

    private static Map<String, String> outputs(Path file) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            m.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return m;
    }

    @Test
    void aReaderThatStopsReadingIsNoError() throws Exception {
        // `true` exits without reading, long before the JVM writes: every write meets a closed pipe.
        Run r = bash(Map.of(), "-c", "bin/canship uses | true; echo \"uses=${PIPESTATUS[0]}\"; "
                + "bin/canship check samples/repos/llama4-scout-instruct -d samples/deployments/megacorp-finetune-fail.yaml | true; "
                + "echo \"check=${PIPESTATUS[0]}\"");
        assertThat(r.err()).as("no 'cannot write the report' for | head").isEmpty();
        assertThat(r.out()).contains("uses=0").as("the verdict's exit code stays").contains("check=1");
    }

    @Test
    void theActionsCheckWritesSarifTheSummaryAndTheGateCode(@TempDir Path dir) throws Exception {
        Path summary = Files.createFile(dir.resolve("summary.md"));
        Path output = Files.createFile(dir.resolve("output.txt"));
        Run r = bash(Map.of("CANSHIP_PATHS", "samples/repos/llama4-scout-instruct\nsamples/repos/gpt-oss-20b",
                "CANSHIP_DEPLOYMENT", "samples/deployments/megacorp-finetune-fail.yaml",
                "CANSHIP_OUT", dir.resolve("out").toString(),
                "GITHUB_STEP_SUMMARY", summary.toString(), "GITHUB_OUTPUT", output.toString()), "ci/action-check.sh");
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, String> o = outputs(output);
        assertThat(o).containsEntry("exit-code", "1");
        assertThat(o.get("verdicts")).contains("fail=1");
        JsonNode sarif = new ObjectMapper().readTree(Path.of(o.get("sarif")).toFile());
        assertThat(sarif.path("runs")).hasSize(1);
        assertThat(sarif.path("runs").get(0).path("results").findValuesAsText("ruleId")).contains("MAU-THRESHOLD");
        assertThat(Files.readString(summary)).contains("## canship: can we ship this?").contains("llama4-scout-instruct");
    }

    @Test
    void theActionsCheckOnACleanModelGatesWithZeroAndOnBadInputStops(@TempDir Path dir) throws Exception {
        Path output = Files.createFile(dir.resolve("output.txt"));
        Run clean = bash(Map.of("CANSHIP_PATHS", "samples/repos/gpt-oss-20b", "CANSHIP_DEPLOYMENT", "samples/deployments/us-assistant-pass.yaml",
                "CANSHIP_OUT", dir.resolve("out").toString(), "GITHUB_OUTPUT", output.toString()), "ci/action-check.sh");
        assertThat(clean.exit()).isZero();
        assertThat(outputs(output)).containsEntry("exit-code", "0");
        Run bad = bash(Map.of("CANSHIP_PATHS", "samples/repos/gpt-oss-20b", "CANSHIP_DEPLOYMENT", "samples/deployments/malformed.yaml",
                "CANSHIP_OUT", dir.resolve("out2").toString()), "ci/action-check.sh");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("malformed.yaml");
    }

    @Test
    void thePreCommitHookChecksAStagedDeploymentAgainstTheConfiguredModels(@TempDir Path dir) throws Exception {
        Path staged = Files.copy(Path.of("samples/deployments/megacorp-finetune-fail.yaml"), dir.resolve("canship.yaml"));
        Run r = bash(Map.of(), "ci/pre-commit.sh", "--models", "samples/repos/llama4-scout-instruct", "--", staged.toString(), "README.md");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL: llama4-scout-instruct");
    }

    @Test
    void thePreCommitHookChecksTheModelFolderAStagedFileBelongsTo() throws Exception {
        Run pass = bash(Map.of(), "ci/pre-commit.sh", "--deployment", "samples/deployments/us-assistant-pass.yaml", "--",
                "samples/repos/gpt-oss-20b/config.json");
        assertThat(pass.exit()).as(pass.err()).isZero();
        assertThat(pass.out()).contains("gpt-oss-20b");
        Run fail = bash(Map.of(), "ci/pre-commit.sh", "--deployment", "samples/deployments/us-assistant-pass.yaml", "--",
                "samples/repos/qwen2.5-3b-instruct/README.md");
        assertThat(fail.exit()).isEqualTo(1);
        Run unconfigured = bash(Map.of(), "ci/pre-commit.sh", "--", "samples/repos/gpt-oss-20b/config.json");
        assertThat(unconfigured.exit()).isEqualTo(2);
        assertThat(unconfigured.err()).contains("no --deployment is configured");
    }
}
