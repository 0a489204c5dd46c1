package dev.canship.extract.weights;

import static dev.canship.extract.weights.TestWeights.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsHeaderReaderTest {
    @TempDir
    Path dir;

    private final SafetensorsHeaderReader reader = new SafetensorsHeaderReader();

    /** A two-layer Mixtral-shaped MoE with 4 experts, at toy sizes. */
    private static List<TestWeights.T> tinyMoe() {
        return TestWeights.tinyMixtral(2);
    }

    @Test
    void countsParametersExactlyAndSplitsRoutedExperts() throws Exception {
        Path f = TestWeights.safetensors(dir.resolve("model.safetensors"), Map.of("format", "pt"), tinyMoe(), 0);
        WeightsHeader h = reader.read(f);
        long experts = 2L * 4 * 3 * 32 * 16;
        long nonExpert = 2 * 100 * 16 + 16 + 2L * (16 * 16 * 2 + 8 * 16 * 2 + 16 * 2 + 4 * 16);
        assertThat(h.format()).isEqualTo("safetensors");
        assertThat(h.expertParams()).isEqualTo(experts);
        assertThat(h.nonExpertParams()).isEqualTo(nonExpert);
        assertThat(h.paramsByDtype()).containsOnly(Map.entry("BF16", experts + nonExpert));
        assertThat(h.metadata()).containsEntry("format", "pt");
        assertThat(h.paramsByRole()).containsEntry(TensorRole.ROUTER, 2L * 4 * 16)
                .containsEntry(TensorRole.EMBEDDING, 1600L).containsEntry(TensorRole.LM_HEAD, 1600L);
        assertThat(h.tensorDataBytes()).isEqualTo(2 * (experts + nonExpert));
    }

    @Test
    void classifiesExpertNamesOfEverySupportedFamily() {
        assertThat(TensorRole.classify("model.layers.0.block_sparse_moe.experts.3.w1.weight")).isEqualTo(TensorRole.ROUTED_EXPERT);
        assertThat(TensorRole.classify("language_model.model.layers.0.feed_forward.experts.gate_up_proj")).isEqualTo(TensorRole.ROUTED_EXPERT);
        assertThat(TensorRole.classify("model.layers.5.mlp.experts.17.down_proj.weight")).isEqualTo(TensorRole.ROUTED_EXPERT);
        assertThat(TensorRole.classify("model.layers.0.mlp.experts.gate_up_proj_blocks")).isEqualTo(TensorRole.ROUTED_EXPERT);
        assertThat(TensorRole.classify("transformer.blocks.0.ffn.experts.mlp.w1")).isEqualTo(TensorRole.ROUTED_EXPERT);
        assertThat(TensorRole.classify("blk.3.ffn_down_exps.weight")).isEqualTo(TensorRole.ROUTED_EXPERT);
        assertThat(TensorRole.classify("model.layers.5.mlp.shared_experts.down_proj.weight")).isEqualTo(TensorRole.SHARED_EXPERT);
        assertThat(TensorRole.classify("model.layers.5.mlp.shared_expert.down_proj.weight")).isEqualTo(TensorRole.SHARED_EXPERT);
        assertThat(TensorRole.classify("language_model.model.layers.0.feed_forward.shared_expert.gate_proj.weight")).isEqualTo(TensorRole.SHARED_EXPERT);
        assertThat(TensorRole.classify("blk.3.ffn_up_shexp.weight")).isEqualTo(TensorRole.SHARED_EXPERT);
        assertThat(TensorRole.classify("model.layers.5.mlp.gate.weight")).isEqualTo(TensorRole.ROUTER);
        assertThat(TensorRole.classify("model.layers.5.mlp.gate_proj.weight")).isEqualTo(TensorRole.DENSE_MLP);
        assertThat(TensorRole.classify("model.layers.0.mlp.router.weight")).isEqualTo(TensorRole.ROUTER);
        assertThat(TensorRole.classify("transformer.blocks.0.norm_attn_norm.attn.Wqkv.weight")).isEqualTo(TensorRole.ATTENTION);
        assertThat(TensorRole.classify("transformer.blocks.0.norm_attn_norm.norm_1.weight")).isEqualTo(TensorRole.NORM);
        assertThat(TensorRole.classify("model.layers.3.self_attn.kv_a_proj_with_mqa.weight_scale_inv")).isEqualTo(TensorRole.QUANT_AUX);
        assertThat(TensorRole.classify("model.layers.0.mlp.experts.gate_up_proj_scales")).isEqualTo(TensorRole.QUANT_AUX);
        assertThat(TensorRole.classify("vision_model.model.layers.0.mlp.fc1.weight")).isEqualTo(TensorRole.VISION);
        assertThat(TensorRole.classify("model.layers.0.self_attn.rotary_emb.inv_freq")).isEqualTo(TensorRole.BUFFER);
    }

    @Test
    void countsMxfp4BlocksAsTwoWeightsPerByteAndKeepsScalesOutOfParameters() throws Exception {
        List<TestWeights.T> ts = List.of(
                t("model.layers.0.mlp.experts.gate_up_proj_blocks", "U8", 4, 64, 2, 16),
                t("model.layers.0.mlp.experts.gate_up_proj_scales", "U8", 4, 64, 2),
                t("model.layers.0.mlp.experts.gate_up_proj_bias", "BF16", 4, 64));
        WeightsHeader h = reader.read(TestWeights.safetensors(dir.resolve("m.safetensors"), null, ts, 0));
        assertThat(h.expertParams()).isEqualTo(4L * 64 * 64 + 4 * 64);
        assertThat(h.paramsByDtype()).containsEntry("MXFP4", 4L * 64 * 64);
        assertThat(h.tensorDataBytes()).isEqualTo(4L * 64 * 32 + 4 * 64 * 2 + 4 * 64 * 2);
    }

    @Test
    void readsOnlyTheHeaderOfAHugeSparseFile() throws Exception {
        long hundredsOfGb = 300L * 1024 * 1024 * 1024;
        Path f = TestWeights.safetensors(dir.resolve("huge.safetensors"), null, tinyMoe(), hundredsOfGb);
        assertThat(Files.size(f)).isGreaterThan(hundredsOfGb);
        // Reading 300 GB of zeros would take minutes; the header takes milliseconds.
        WeightsHeader h = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> reader.read(f), "hang guard, not a speed assertion");
        assertThat(h.headerBytes()).isLessThan(20_000);
        assertThat(h.fileSizeBytes()).isEqualTo(Files.size(f));
        assertThat(h.totalParams()).isPositive();
    }

    @Test
    void rejectsAHeaderLengthOfTwoToTheSixtyWithoutAllocating() throws Exception {
        Path f = TestWeights.rawSafetensors(dir.resolve("lie.safetensors"), 1L << 60, "{}".getBytes(), 1000);
        assertThatThrownBy(() -> reader.read(f)).isInstanceOf(WeightsFormatException.class)
                .hasMessageStartingWith("lie.safetensors: header length 1152921504606846976")
                .hasMessageContaining("exceeds");
    }

    @Test
    void rejectsAHeaderLengthBeyondTheFileAndAnUnsignedHugeOne() throws Exception {
        Path f = TestWeights.rawSafetensors(dir.resolve("a.safetensors"), 5000, "{}".getBytes(), 100);
        assertThatThrownBy(() -> reader.read(f)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("header length 5000 bytes exceeds the 92 bytes that follow it");
        Path g = TestWeights.rawSafetensors(dir.resolve("b.safetensors"), -1L, "{}".getBytes(), 100);
        assertThatThrownBy(() -> reader.read(g)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("18446744073709551615");
    }

    @Test
    void rejectsHeadersOverTheConfiguredBound() throws Exception {
        Path f = TestWeights.safetensors(dir.resolve("m.safetensors"), null, tinyMoe(), 0);
        assertThatThrownBy(() -> new SafetensorsHeaderReader(100).read(f)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("exceeds the limit of 100 bytes");
    }

    @Test
    void rejectsTruncatedFiles() throws Exception {
        Path tiny = Files.write(dir.resolve("t.safetensors"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> reader.read(tiny)).isInstanceOf(WeightsFormatException.class)
                .hasMessage("t.safetensors: file is 3 bytes, too short for the 8-byte safetensors header length");
        // Header claims tensor data the file does not have.
        byte[] json = TestWeights.safetensorsJson(null, tinyMoe()).getBytes(StandardCharsets.UTF_8);
        Path cut = TestWeights.rawSafetensors(dir.resolve("cut.safetensors"), json.length, json, 8 + json.length + 10);
        assertThatThrownBy(() -> reader.read(cut)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("fall outside the 10 data bytes");
    }

    @Test
    void rejectsShapesThatDisagreeWithOffsets() throws Exception {
        byte[] json = "{\"w\":{\"dtype\":\"BF16\",\"shape\":[4,4],\"data_offsets\":[0,16]}}".getBytes();
        Path f = TestWeights.rawSafetensors(dir.resolve("s.safetensors"), json.length, json, 8 + json.length + 16);
        assertThatThrownBy(() -> reader.read(f)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("needs 32 bytes but data_offsets span 16");
    }

    @Test
    void rejectsMalformedJsonDuplicatesAndDeepNesting() throws Exception {
        byte[] bad = "{\"w\":{\"dtype\":".getBytes();
        Path f = TestWeights.rawSafetensors(dir.resolve("j.safetensors"), bad.length, bad, 100);
        assertThatThrownBy(() -> reader.read(f)).isInstanceOf(WeightsFormatException.class)
                .hasMessageStartingWith("j.safetensors: header is not valid JSON");

        String one = "{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[0,2]}";
        byte[] dup = ("{\"w\":" + one + ",\"w\":" + one + "}").getBytes();
        Path d = TestWeights.rawSafetensors(dir.resolve("d.safetensors"), dup.length, dup, 8 + dup.length + 4);
        assertThatThrownBy(() -> reader.read(d)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("header names 'w' twice");

        byte[] deep = ("{\"__metadata__\":{\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}}").getBytes();
        Path n = TestWeights.rawSafetensors(dir.resolve("n.safetensors"), deep.length, deep, 8 + deep.length);
        assertThatThrownBy(() -> reader.read(n)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("nesting depth");
    }

    @Test
    void messagesAreOneLine() throws Exception {
        byte[] bad = "{\n\"w\":\n[}".getBytes();
        Path f = TestWeights.rawSafetensors(dir.resolve("x.safetensors"), bad.length, bad, 100);
        assertThatThrownBy(() -> reader.read(f)).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
