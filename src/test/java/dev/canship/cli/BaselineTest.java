package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.canship.cli.CliTest.SCOUT;
import static dev.canship.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code check --baseline}: what changed since an earlier report, and a gate on new findings only. */
class BaselineTest {

    private static final String RELEASE = "samples/deployments/weights-release-fail.yaml";
    private static final String MEGACORP = "samples/deployments/megacorp-finetune-fail.yaml";
    private static final ObjectMapper M = new ObjectMapper();

    private static Path baseline(Path dir, String deployment) throws Exception {
        CliTest.Run r = run("check", SCOUT, "-d", deployment, "--format", "json");
        assertThat(r.exit()).isEqualTo(1);
        return Files.writeString(dir.resolve("baseline.json"), r.out());
    }

    @Test
    void nothingNewSinceTheSameCheckAndTheGateOnNewFindingsPasses(@TempDir Path dir) throws Exception {
        Path base = baseline(dir, RELEASE);
        CliTest.Run again = run("check", SCOUT, "-d", RELEASE, "--baseline", base.toString(), "--fail-on-new", "--format", "json");
        JsonNode b = M.readTree(again.out()).path("baseline");
        assertThat(b.path("known").asBoolean()).isTrue();
        assertThat(b.path("new_findings")).isEmpty();
        assertThat(b.path("resolved_findings")).isEmpty();
        assertThat(b.path("verdict_changed").asBoolean()).isFalse();
        assertThat(again.exit()).as("errors stand, but none is new").isZero();
        // Without --fail-on-new the same errors still fail the gate.
        assertThat(run("check", SCOUT, "-d", RELEASE, "--baseline", base.toString()).exit()).isEqualTo(1);
    }

    @Test
    void newAndResolvedFindingsAreNamedAndNewErrorsFailTheGate(@TempDir Path dir) throws Exception {
        Path base = baseline(dir, RELEASE);
        CliTest.Run r = run("check", SCOUT, "-d", MEGACORP, "--baseline", base.toString(), "--fail-on-new", "--format", "json");
        JsonNode report = M.readTree(r.out());
        JsonNode b = report.path("baseline");
        assertThat(b.path("new_findings")).isNotEmpty();
        assertThat(b.path("resolved_findings").toString()).contains("NOTICE-FILE");
        assertThat(report.path("findings")).anySatisfy(f -> {
            assertThat(f.path("rule").asText()).isEqualTo("MAU-THRESHOLD");
            assertThat(f.path("new").asBoolean()).isTrue();
        });
        assertThat(r.exit()).isEqualTo(1);
        CliTest.Run text = run("check", SCOUT, "-d", MEGACORP, "--baseline", base.toString());
        assertThat(text.out()).containsPattern("baseline: +since .*baseline.json: \\d+ new, \\d+ resolved");
    }

    @Test
    void aReportWrittenBeforeFingerprintsMatchesByTheSameFields(@TempDir Path dir) throws Exception {
        Path base = baseline(dir, RELEASE);
        JsonNode old = M.readTree(base.toFile());
        old.path("findings").forEach(f -> ((ObjectNode) f).remove("fingerprint"));
        old.path("findings").forEach(f -> ((ObjectNode) f).put("message", "worded differently in an older canship"));
        Files.writeString(base, M.writeValueAsString(old));
        JsonNode b = M.readTree(run("check", SCOUT, "-d", RELEASE, "--baseline", base.toString(), "--format", "json").out()).path("baseline");
        assertThat(b.path("new_findings")).isEmpty();
    }

    @Test
    void aBaselineThatIsNotACheckReportIsBadInput(@TempDir Path dir) throws Exception {
        Path scan = Files.writeString(dir.resolve("scan.json"), run("scan", SCOUT, "--format", "json").out());
        CliTest.Run r = run("check", SCOUT, "-d", RELEASE, "--baseline", scan.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString().contains("not a canship check report");
        assertThat(run("check", SCOUT, "-d", RELEASE, "--fail-on-new").exit()).isEqualTo(2);
    }
}
