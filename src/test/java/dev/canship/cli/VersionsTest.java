package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.BuildInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An archived verdict can be tied to the canship, knowledge base and rules that made it. */
class VersionsTest {

    @Test
    void versionNamesCanshipAndTheKnowledgeBase() {
        CliTest.Run r = CliTest.run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("canship " + BuildInfo.current().version())
                .containsPattern("knowledge base kb-[0-9a-f]{16} \\(licenses/ and rules/, \\d+ bundled rules\\)");
    }

    @Test
    void aCheckRecordsTheVersionOfEveryRuleThatFired() throws Exception {
        CliTest.Run r = CliTest.run("check", "samples/repos/llama4-scout-instruct", "-d", "samples/deployments/megacorp-finetune-fail.yaml", "--format", "json");
        JsonNode tool = new ObjectMapper().readTree(r.out()).path("tool");
        assertThat(tool.path("name").asText()).isEqualTo("canship");
        assertThat(tool.path("knowledge_base").asText()).matches("kb-[0-9a-f]{16}");
        List<String> fired = new ArrayList<>();
        new ObjectMapper().readTree(r.out()).path("findings").forEach(f -> fired.add(f.path("rule").asText()));
        assertThat(fired).contains("MAU-THRESHOLD");
        List<String> recorded = new ArrayList<>();
        tool.path("rules").fieldNames().forEachRemaining(recorded::add);
        assertThat(recorded).containsExactlyInAnyOrderElementsOf(fired.stream().distinct().toList());
        assertThat(tool.path("rules").path("MAU-THRESHOLD").asText()).matches("[0-9a-f]{12}");
    }

    @Test
    void theTextReportEndsWithWhatMadeIt() {
        CliTest.Run r = CliTest.run("scan", "samples/repos/gpt-oss-20b");
        assertThat(r.out().strip().lines().reduce((a, b) -> b).orElseThrow())
                .isEqualTo("canship " + BuildInfo.current().version() + ", knowledge base " + BuildInfo.current().knowledgeBase());
    }
}
