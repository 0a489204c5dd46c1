package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static dev.canship.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

class CompareAndFitTest {

    static final String S = "samples/repos/";

    @Test
    void oneDeploymentAcrossCandidateModelsGivesASideBySideAnswer() throws Exception {
        String[] args = {"check", S + "llama4-scout-instruct", S + "gemma-3-27b-it", S + "qwen2.5-3b-instruct", S + "mistral-large-instruct-2411",
                S + "qwen3-30b-a3b", "-d", "samples/deployments/us-assistant-pass.yaml"};
        CliTest.Run text = run(args);
        assertThat(text.exit()).isEqualTo(1);
        assertThat(text.out()).contains("COMPARISON")
                .containsPattern("llama4-scout-instruct\\s+llama4\\s+PASS\\s+0\\s+0")
                .containsPattern("gemma-3-27b-it\\s+gemma\\s+PASS")
                .containsPattern("qwen2.5-3b-instruct\\s+qwen-research\\s+FAIL\\s+1")
                .containsPattern("mistral-large-instruct-2411\\s+mrl\\s+FAIL\\s+1")
                .containsPattern("qwen3-30b-a3b\\s+apache-2.0\\s+PASS")
                .containsPattern("NON-COMMERCIAL\\s+-\\s+-\\s+x\\s+x\\s+-");
        String[] jsonArgs = java.util.Arrays.copyOf(args, args.length + 2);
        jsonArgs[args.length] = "--format";
        jsonArgs[args.length + 1] = "json";
        JsonNode json = new ObjectMapper().readTree(run(jsonArgs).out());
        assertThat(json.isArray()).isTrue();
        assertThat(json.findValuesAsText("verdict")).containsExactly("pass", "pass", "fail", "fail", "pass");
    }

    /** The sample's safetensors file is a 1 KB stand-in: memory must come from the 109B parameters at bf16, not its bytes. */
    @Test
    void scoutAtNativePrecisionDoesNotFitOneH100WhateverTheStandInFilesWeigh() throws Exception {
        CliTest.Run r = run("fit", S + "llama4-scout-instruct", "--accelerator", "h100-sxm", "--format", "json");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("fits").asBoolean()).isFalse();
        assertThat(j.path("memory").path("weights_bytes").asLong()).isBetween(200L << 30, 206L << 30);
        assertThat(r.out()).contains("stand-in, partial or adapter files are ignored");
    }

    @Test
    void negativeCustomMemoryOrBandwidthIsAUsageError() {
        CliTest.Run mem = run("fit", S + "llama4-scout-instruct", "--memory-gib", "-80", "--bandwidth-gbps", "3350");
        assertThat(mem.exit()).isEqualTo(2);
        assertThat(mem.err()).contains("--memory-gib -80.0: must be a positive number of GiB, e.g. --memory-gib 80")
                .doesNotContain("\tat ");
        CliTest.Run bw = run("fit", S + "llama4-scout-instruct", "--memory-gib", "80", "--bandwidth-gbps", "-1");
        assertThat(bw.exit()).isEqualTo(2);
        assertThat(bw.err()).contains("--bandwidth-gbps -1.0: must be a positive number of GB/s");
    }

    @Test
    void scoutWithInt4ExpertsFitsOneH100ButNotInBf16() throws Exception {
        CliTest.Run int4 = run("fit", S + "llama4-scout-instruct", "--accelerator", "h100-sxm", "--precision", "int4", "--format", "json");
        assertThat(int4.exit()).isZero();
        JsonNode j = new ObjectMapper().readTree(int4.out());
        assertThat(j.path("fits").asBoolean()).isTrue();
        assertThat(j.path("model").path("total_params").asLong()).isBetween(107_000_000_000L, 110_000_000_000L);
        assertThat(j.path("model").path("active_params").asLong()).isBetween(16_800_000_000L, 17_400_000_000L);
        for (String f : new String[] {"weights_bytes", "kv_cache_bytes", "overhead_bytes", "total_bytes"}) {
            assertThat(j.path("memory").path(f).asLong()).as(f).isPositive();
        }
        assertThat(j.path("decode_tokens_per_second_max").asDouble()).isPositive();
        CliTest.Run bf16 = run("fit", S + "llama4-scout-instruct", "--accelerator", "h100-sxm", "--precision", "bf16");
        assertThat(bf16.exit()).isEqualTo(1);
        assertThat(bf16.out()).startsWith("DOES NOT FIT").contains("accelerators needed: 3");
        CliTest.Run rtx = run("fit", S + "llama4-scout-instruct", "--accelerator", "rtx-4090", "--precision", "int4");
        assertThat(rtx.out()).startsWith("DOES NOT FIT");
    }

    @Test
    void withoutAnAcceleratorFitPrintsATable() {
        CliTest.Run t = run("fit", S + "mixtral-8x7b-instruct", "--precision", "q4_k_m");
        assertThat(t.exit()).isZero();
        assertThat(t.out()).contains("DEVICE").contains("h100-sxm").contains("m4-max").contains("46.7B total / 12.9B active");
    }

    @Test
    void fitRejectsUnknownAcceleratorsAndPrecisionsWithOneLine() {
        CliTest.Run a = run("fit", S + "mixtral-8x7b-instruct", "--accelerator", "tpu-v9");
        assertThat(a.exit()).isEqualTo(2);
        assertThat(a.err()).contains("unknown accelerator 'tpu-v9'").contains("h100-sxm");
        assertThat(run("fit", S + "mixtral-8x7b-instruct", "--precision", "int3").exit()).isEqualTo(2);
        CliTest.Run none = run("fit", "samples/deployments");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("no model facts");
    }

    @Test
    void hardwareInTheDeploymentIsChecked() {
        CliTest.Run r = run("check", S + "acme-llama3.1-8b-support", "-d", "samples/deployments/weights-release-fail.yaml");
        assertThat(r.out()).contains("[HARDWARE-FIT] HARDWARE_FIT").contains("rtx-4090");
        CliTest.Run scout = run("check", S + "llama4-scout-instruct", "-d", "samples/deployments/scout-on-one-h100.yaml");
        assertThat(scout.exit()).isZero();
        assertThat(scout.out()).startsWith("REVIEW:").contains("[HARDWARE-HEADROOM]");
    }

    @Test
    void eachTreatsEverySubFolderAsARepositoryInOrder() throws Exception {
        CliTest.Run r = run("scan", "--each", "samples/repos", "--format", "json");
        assertThat(r.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.findValuesAsText("name")).containsSubsequence("acme-llama3.1-8b-support", "deepseek-v3", "gemma-3-27b-it", "llama4-scout-instruct");
        assertThat(r.err()).as("no progress bar when stderr is not a terminal").isEmpty();
        assertThat(run("scan").exit()).isEqualTo(2);
        assertThat(run("scan", "--each", "README.md").err()).contains("--each needs a folder");
    }
}
