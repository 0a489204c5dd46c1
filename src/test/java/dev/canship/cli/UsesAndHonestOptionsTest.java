package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.identify.KnowledgeBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code canship uses}, and options a command cannot honour refused as usage errors instead of ignored. */
class UsesAndHonestOptionsTest {

    @Test
    void usesListsEveryIdWithItsDescriptionAndThePolicySectionsThatNameIt() {
        CliTest.Run r = CliTest.run("uses");
        assertThat(r.exit()).isZero();
        KnowledgeBase kb = KnowledgeBase.bundled();
        kb.uses().forEach((id, description) -> assertThat(r.out()).contains(id + "\n"));
        assertThat(r.out()).contains(kb.uses().get("malware_generation").split(" ")[0]);
        // BigCode's Attachment A bars malware (section A(c)).
        assertThat(r.out()).containsPattern("prohibits +bigcode-openrail-m, bigcode-openrail-m-attachment-a A\\(c\\) \\(Malware\\)");
    }

    @Test
    void usesAsJsonNamesLicensePolicySectionAndEffect() throws Exception {
        CliTest.Run r = CliTest.run("uses", "--format", "json");
        assertThat(r.exit()).isZero();
        JsonNode arr = new ObjectMapper().readTree(r.out());
        assertThat(arr.size()).isEqualTo(KnowledgeBase.bundled().uses().size());
        JsonNode malware = null;
        for (JsonNode n : arr) {
            if (n.get("id").asText().equals("malware_generation")) {
                malware = n;
            }
        }
        assertThat(malware).isNotNull();
        assertThat(malware.get("description").asText()).isNotBlank();
        assertThat(malware.get("policy_sections")).anySatisfy(s -> {
            assertThat(s.get("policy").asText()).isEqualTo("bigcode-openrail-m-attachment-a");
            assertThat(s.get("section").asText()).isEqualTo("A(c)");
            assertThat(s.get("effect").asText()).isEqualTo("prohibits");
            assertThat(s.get("licenses").get(0).asText()).isEqualTo("bigcode-openrail-m");
        });
    }

    @Test
    void aFormatACommandCannotWriteIsAUsageError() {
        for (String[] args : new String[][] {{"uses", "--format", "sarif"}, {"licenses", "--format", "html"},
                {"licenses", "show", "llama4", "--format", "markdown"}, {"explain", "--format", "cyclonedx"},
                {"fit", CliTest.QWEN, "--format", "html"}}) {
            CliTest.Run r = CliTest.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).contains("is not available for").contains("it writes text or json");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void fitRefusesHardwareOptionsItWouldIgnore() {
        CliTest.Run both = CliTest.run("fit", CliTest.QWEN, "--accelerator", "h100-sxm", "--memory-gib", "80");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("instead of --accelerator, not with it");
        CliTest.Run count = CliTest.run("fit", CliTest.QWEN, "--count", "2");
        assertThat(count.exit()).isEqualTo(2);
        assertThat(count.err()).contains("--count needs --accelerator ID or --memory-gib");
        CliTest.Run dense = CliTest.run("fit", CliTest.FINETUNE, "--accelerator", "h100-sxm", "--offload-experts");
        assertThat(dense.exit()).isEqualTo(2);
        assertThat(dense.err().strip().lines()).singleElement().asString().contains("dense model (no routed experts)");
        // On a mixture of experts it does what it says.
        assertThat(CliTest.run("fit", CliTest.QWEN, "--accelerator", "rtx-4090", "--offload-experts").out()).contains("GiB in host memory");
    }
}
