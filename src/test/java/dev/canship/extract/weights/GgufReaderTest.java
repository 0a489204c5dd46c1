package dev.canship.extract.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufReaderTest {
    @TempDir
    Path dir;

    private final GgufReader reader = new GgufReader();

    /** A toy two-layer Qwen3-MoE-shaped GGUF with a 50k-token vocabulary, Q4_K experts. */
    static TestWeights.Gguf tinyMoe() {
        TestWeights.Gguf g = new TestWeights.Gguf()
                .string("general.architecture", "qwen3moe")
                .string("general.name", "Tiny MoE")
                .string("general.license", "apache-2.0")
                .u32("general.file_type", 15)
                .u32("general.alignment", 32)
                .u32("qwen3moe.block_count", 2)
                .u32("qwen3moe.context_length", 40960)
                .u32("qwen3moe.embedding_length", 256)
                .u32("qwen3moe.attention.head_count", 4)
                .u32("qwen3moe.attention.head_count_kv", 2)
                .u32("qwen3moe.expert_count", 8)
                .u32("qwen3moe.expert_used_count", 2)
                .f32("qwen3moe.rope.freq_base", 1e6f)
                .bool("tokenizer.ggml.add_bos_token", false)
                .stringArray("tokenizer.ggml.tokens", 50_000)
                .floatArray("tokenizer.ggml.scores", 50_000)
                .string("tokenizer.chat_template", "{% for m in messages %}{{ m.content }}{% endfor %}");
        g.tensor("token_embd.weight", GgmlType.Q4_K, 256, 1000);
        g.tensor("output.weight", GgmlType.Q6_K, 256, 1000);
        g.tensor("output_norm.weight", GgmlType.F32, 256);
        for (int l = 0; l < 2; l++) {
            String p = "blk." + l + ".";
            g.tensor(p + "attn_q.weight", GgmlType.Q4_K, 256, 256);
            g.tensor(p + "attn_k.weight", GgmlType.Q4_K, 256, 128);
            g.tensor(p + "attn_v.weight", GgmlType.Q6_K, 256, 128);
            g.tensor(p + "attn_output.weight", GgmlType.Q4_K, 256, 256);
            g.tensor(p + "attn_norm.weight", GgmlType.F32, 256);
            g.tensor(p + "ffn_norm.weight", GgmlType.F32, 256);
            g.tensor(p + "ffn_gate_inp.weight", GgmlType.F32, 256, 8);
            g.tensor(p + "ffn_gate_exps.weight", GgmlType.Q4_K, 256, 512, 8);
            g.tensor(p + "ffn_up_exps.weight", GgmlType.Q4_K, 256, 512, 8);
            g.tensor(p + "ffn_down_exps.weight", GgmlType.Q6_K, 512, 256, 8);
        }
        return g;
    }

    @Test
    void readsMetadataAndExactCounts() throws Exception {
        WeightsHeader h = reader.read(tinyMoe().write(dir.resolve("tiny-Q4_K_M.gguf"), 0));
        assertThat(h.format()).isEqualTo("gguf");
        assertThat(h.metadata()).containsEntry("general.architecture", "qwen3moe")
                .containsEntry("general.name", "Tiny MoE").containsEntry("general.license", "apache-2.0")
                .doesNotContainKey("tokenizer.chat_template");
        assertThat(h.archInteger("expert_count")).contains(8L);
        assertThat(h.archInteger("expert_used_count")).contains(2L);
        assertThat(h.archInteger("context_length")).contains(40960L);
        assertThat(h.integer("general.file_type")).contains(15L);
        assertThat(GgmlType.fileTypeName(h.integer("general.file_type").orElseThrow())).isEqualTo("q4_k_m");
        assertThat(h.arrayLengths()).containsEntry("tokenizer.ggml.tokens", 50_000L);
        long experts = 2L * 3 * 256 * 512 * 8;
        long nonExpert = 2 * 256 * 1000 + 256 + 2L * (256 * 256 * 2 + 256 * 128 * 2 + 512 + 256 * 8);
        assertThat(h.expertParams()).isEqualTo(experts);
        assertThat(h.nonExpertParams()).isEqualTo(nonExpert);
        assertThat(h.paramsByDtype()).containsKeys("q4_k", "q6_k", "f32");
        // Q4_K is 144 bytes per 256 weights.
        TensorInfo embd = h.tensors().listed().get(0);
        assertThat(embd.bytes()).isEqualTo(256L * 1000 / 256 * 144);
    }

    @Test
    void readsOnlyTheHeaderOfAHugeSparseFile() throws Exception {
        long hundredsOfGb = 400L * 1024 * 1024 * 1024;
        Path f = tinyMoe().write(dir.resolve("huge.gguf"), hundredsOfGb);
        assertThat(Files.size(f)).isGreaterThan(hundredsOfGb);
        WeightsHeader h = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> reader.read(f), "hang guard, not a speed assertion");
        assertThat(h.headerBytes()).isLessThan(2_000_000);
        assertThat(h.totalParams()).isPositive();
    }

    @Test
    void readsVersion2() throws Exception {
        WeightsHeader h = reader.read(tinyMoe().version(2).write(dir.resolve("v2.gguf"), 0));
        assertThat(h.tensors().count()).isEqualTo(23);
        assertThat(h.tensors().listed()).hasSize(23);
    }

    @Test
    void rejectsBadMagicAndVersions() throws Exception {
        Path bad = tinyMoe().magic(0x12345678).write(dir.resolve("bad.gguf"), 0);
        assertThatThrownBy(() -> reader.read(bad)).isInstanceOf(WeightsFormatException.class)
                .hasMessage("bad.gguf: bad magic 0x12345678 (expected 'GGUF')");
        Path v1 = tinyMoe().version(1).write(dir.resolve("v1.gguf"), 0);
        assertThatThrownBy(() -> reader.read(v1)).hasMessageContaining("GGUF version 1 is not supported");
        Path v9 = tinyMoe().version(9).write(dir.resolve("v9.gguf"), 0);
        assertThatThrownBy(() -> reader.read(v9)).hasMessageContaining("unsupported GGUF version 9");
        Path be = tinyMoe().version(0x03000000).write(dir.resolve("be.gguf"), 0);
        assertThatThrownBy(() -> reader.read(be)).hasMessageContaining("big-endian");
    }

    @Test
    void rejectsHugeCountsBeforeAllocating() throws Exception {
        Path t = tinyMoe().overrideTensorCount(1L << 40).write(dir.resolve("t.gguf"), 0);
        assertThatThrownBy(() -> reader.read(t)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("tensor count 1099511627776 exceeds the limit");
        Path k = tinyMoe().overrideKvCount(-1L).write(dir.resolve("k.gguf"), 0);
        assertThatThrownBy(() -> reader.read(k)).hasMessageContaining("absurdly large");
        Path fit = tinyMoe().overrideTensorCount(900_000).write(dir.resolve("fit.gguf"), 0);
        assertThatThrownBy(() -> reader.read(fit)).hasMessageContaining("cannot fit in the");
    }

    @Test
    void rejectsLyingStringAndArrayLengths() throws Exception {
        Path s = new TestWeights.Gguf().string("general.architecture", "llama")
                .lyingString("general.name", 1L << 50).write(dir.resolve("s.gguf"), 0);
        assertThatThrownBy(() -> reader.read(s)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("string 'general.name' declares length 1125899906842624, over the limit");
        Path s2 = new TestWeights.Gguf().lyingString("general.name", 1000).write(dir.resolve("s2.gguf"), 0);
        assertThatThrownBy(() -> reader.read(s2)).hasMessageContaining("but only");
        Path a = new TestWeights.Gguf().lyingArray("tokenizer.ggml.scores", 6, 1L << 31)
                .write(dir.resolve("a.gguf"), 0);
        assertThatThrownBy(() -> reader.read(a)).hasMessageContaining("array 'tokenizer.ggml.scores' declares length");
        Path a2 = new TestWeights.Gguf().lyingArray("tokenizer.ggml.tokens", 8, 1L << 62)
                .write(dir.resolve("a2.gguf"), 0);
        assertThatThrownBy(() -> reader.read(a2)).hasMessageContaining("over the limit");
    }

    @Test
    void rejectsTruncatedHeadersAndMissingTensorData() throws Exception {
        TestWeights.Gguf g = tinyMoe();
        int len = g.header().length;
        Path cut = g.writeTruncated(dir.resolve("cut.gguf"), len - 40);
        assertThatThrownBy(() -> reader.read(cut)).isInstanceOf(WeightsFormatException.class)
                .hasMessageStartingWith("cut.gguf: truncated header");
        Path nodata = tinyMoe().writeTruncated(dir.resolve("nodata.gguf"), Integer.MAX_VALUE);
        assertThatThrownBy(() -> reader.read(nodata)).hasMessageContaining("beyond the file size");
        Path tiny = Files.write(dir.resolve("tiny.gguf"), new byte[] {'G', 'G', 'U', 'F'});
        assertThatThrownBy(() -> reader.read(tiny)).hasMessageContaining("too short for a GGUF header");
    }

    @Test
    void rejectsBadTensorInfos() throws Exception {
        TestWeights.Gguf dims = new TestWeights.Gguf().string("general.architecture", "llama");
        dims.tensor("x", GgmlType.F32, 2, 2, 2, 2, 2);
        assertThatThrownBy(() -> reader.read(dims.write(dir.resolve("d.gguf"), 0)))
                .hasMessageContaining("tensor 'x' has 5 dimensions");
        TestWeights.Gguf block = new TestWeights.Gguf();
        block.tensor("y", GgmlType.Q4_K, 100, 2);
        assertThatThrownBy(() -> reader.read(block.write(dir.resolve("b.gguf"), 0)))
                .hasMessageContaining("not a multiple of the Q4_K block size 256");
    }

    @Test
    void headerBoundIsEnforced() throws Exception {
        Path f = tinyMoe().write(dir.resolve("m.gguf"), 1 << 20);
        assertThatThrownBy(() -> new GgufReader(10_000).read(f)).hasMessageContaining("header exceeds the limit of 10000");
    }
}
