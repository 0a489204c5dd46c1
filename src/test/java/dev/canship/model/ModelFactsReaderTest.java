package dev.canship.model;

import static dev.canship.extract.weights.TestWeights.t;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.extract.weights.GgmlType;
import dev.canship.extract.weights.GgufReader;
import dev.canship.extract.weights.SafetensorsHeaderReader;
import dev.canship.extract.weights.TestWeights;
import dev.canship.extract.weights.WeightsHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFactsReaderTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A toy Mixtral: 2 layers, width 16, 4 experts of width 32, 2 per token, vocabulary 100. */
    private static final String TINY_MIXTRAL = "{\"model_type\":\"mixtral\",\"architectures\":[\"MixtralForCausalLM\"],"
            + "\"hidden_size\":16,\"intermediate_size\":32,\"num_hidden_layers\":2,\"num_attention_heads\":2,"
            + "\"num_key_value_heads\":1,\"num_local_experts\":4,\"num_experts_per_tok\":2,\"vocab_size\":100,"
            + "\"max_position_embeddings\":4096,\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}";

    private static List<TestWeights.T> tinyMixtralTensors(int layers) {
        return TestWeights.tinyMixtral(layers);
    }

    @Test
    void configArithmeticAgreesWithHeaderCountsAndHeadersWin() throws Exception {
        JsonNode cfg = JSON.readTree(TINY_MIXTRAL);
        ModelFacts fromConfig = ModelFactsReader.read(cfg);
        WeightsHeader h = new SafetensorsHeaderReader().read(
                TestWeights.safetensors(dir.resolve("model.safetensors"), null, tinyMixtralTensors(2), 0));
        ModelFacts both = ModelFactsReader.read(cfg, List.of(h), null);
        assertThat(fromConfig.totalParams()).isEqualTo(h.totalParams());
        assertThat(both.source()).isEqualTo("config+weights");
        assertThat(both.totalParams()).isEqualTo(h.totalParams());
        long expertParams = 2L * 4 * 3 * 32 * 16;
        assertThat(both.params().routedExperts()).isEqualTo(expertParams);
        assertThat(both.activeParams()).isEqualTo(h.totalParams() - expertParams / 2);
        assertThat(both.checkpoint().totalBytes()).isEqualTo(2 * h.totalParams());
        assertThat(both.checkpoint().routedExpertBytes()).isEqualTo(2 * expertParams);

        // A lying config (wider experts): the headers' exact count still wins, and the mismatch is noted.
        JsonNode wrong = JSON.readTree(TINY_MIXTRAL.replace("\"intermediate_size\":32", "\"intermediate_size\":64"));
        ModelFacts w = ModelFactsReader.read(wrong, List.of(h), null);
        assertThat(w.totalParams()).isEqualTo(h.totalParams());
        assertThat(w.notes()).anyMatch(n -> n.contains("the headers' exact count is used"));
    }

    @Test
    void weightsAloneGiveCountsButNotActiveWithoutRouting() throws Exception {
        WeightsHeader h = new SafetensorsHeaderReader().read(
                TestWeights.safetensors(dir.resolve("model.safetensors"), null, tinyMixtralTensors(2), 0));
        ModelFacts f = ModelFactsReader.read(null, List.of(h), null);
        assertThat(f.source()).isEqualTo("weights");
        assertThat(f.totalParams()).isEqualTo(h.totalParams());
        assertThat(f.experts()).isEqualTo(4);
        assertThat(f.moeLayers()).isEqualTo(2);
        assertThat(f.activeParams()).isEqualTo(f.totalParams());
        assertThat(f.estimated()).isTrue();
        assertThat(f.notes()).anyMatch(n -> n.contains("experts-per-token unknown"));
        assertThat(f.nativeDtype()).isEqualTo("bf16");
    }

    @Test
    void missingShardsFallBackToConfig() throws Exception {
        JsonNode cfg = JSON.readTree(TINY_MIXTRAL);
        WeightsHeader oneLayer = new SafetensorsHeaderReader().read(TestWeights.safetensors(
                dir.resolve("model-00001-of-00002.safetensors"), null, tinyMixtralTensors(1), 0));
        long fullBytes = 2 * ModelFactsReader.read(cfg).totalParams();
        ModelFacts f = ModelFactsReader.read(cfg, List.of(oneLayer), fullBytes);
        assertThat(f.source()).isEqualTo("config");
        assertThat(f.notes()).anyMatch(n -> n.contains("shards missing"));
        assertThat(f.totalParams() * 2).isEqualTo(fullBytes);
    }

    @Test
    void ggufAloneGivesArchitectureExpertsAndActive() throws Exception {
        Path file = dev.canship.extract.weights.TestWeightsAccess.tinyGguf(dir.resolve("tiny-Q4_K_M.gguf"));
        WeightsHeader h = new GgufReader().read(file);
        ModelFacts f = ModelFactsReader.read(null, List.of(h), null);
        assertThat(f.source()).isEqualTo("weights");
        assertThat(f.architecture()).isEqualTo("qwen3moe");
        assertThat(f.experts()).isEqualTo(8);
        assertThat(f.expertsPerToken()).isEqualTo(2);
        assertThat(f.contextLength()).isEqualTo(40960L);
        assertThat(f.nativeDtype()).isEqualTo("q4_k_m");
        assertThat(f.vocabSize()).isEqualTo(50_000);
        assertThat(f.activeParams()).isEqualTo(f.totalParams() - h.expertParams() + h.expertParams() / 4);
        assertThat(f.attentionLayout().layers()).isEqualTo(2);
        assertThat(f.estimated()).isFalse();
    }

    @Test
    void severalGgufQuantizationsAreAlternativesNotASum() throws Exception {
        Path a = dev.canship.extract.weights.TestWeightsAccess.tinyGguf(dir.resolve("m-Q4_K_M.gguf"));
        Path b = dev.canship.extract.weights.TestWeightsAccess.tinyGguf(dir.resolve("m-Q8_0.gguf"));
        WeightsHeader ha = new GgufReader().read(a);
        ModelFacts f = ModelFactsReader.read(null, List.of(ha, new GgufReader().read(b)), null);
        assertThat(f.totalParams()).isEqualTo(ha.totalParams());
        assertThat(f.notes()).anyMatch(n -> n.contains("2 GGUF variants"));
    }

    @Test
    void deepSeekMtpLayersInWeightsAreSetApart() throws Exception {
        JsonNode cfg = JSON.readTree("{\"model_type\":\"deepseek_v3\",\"hidden_size\":16,\"num_hidden_layers\":1,"
                + "\"num_attention_heads\":2,\"vocab_size\":10,\"num_nextn_predict_layers\":1,\"n_routed_experts\":0,"
                + "\"intermediate_size\":32}");
        List<TestWeights.T> ts = List.of(t("model.embed_tokens.weight", "BF16", 10, 16),
                t("model.layers.0.mlp.down_proj.weight", "BF16", 16, 32),
                t("model.layers.1.eh_proj.weight", "BF16", 16, 32),
                t("model.layers.1.shared_head.head.weight", "BF16", 10, 16));
        WeightsHeader h = new SafetensorsHeaderReader().read(TestWeights.safetensors(dir.resolve("m.safetensors"), null, ts, 0));
        ModelFacts f = ModelFactsReader.read(cfg, List.of(h), null);
        assertThat(f.mtpParams()).isEqualTo(16 * 32 + 10 * 16);
        assertThat(f.totalParams()).isEqualTo(10 * 16 + 16 * 32);
        assertThat(f.checkpoint().mtpBytes()).isEqualTo(2L * (16 * 32 + 10 * 16));
    }

    @Test
    void oddConfigsNeverThrow() throws Exception {
        assertThat(ModelFactsReader.read(null, List.of(), null).totalParams()).isZero();
        assertThat(ModelFactsReader.read(null, null, null).estimated()).isTrue();
        ModelFacts unknown = ModelFactsReader.read(JSON.readTree("{\"model_type\":\"falcon_h9\",\"hidden_size\":4096,"
                + "\"num_hidden_layers\":32,\"num_attention_heads\":32,\"vocab_size\":65024,\"intermediate_size\":16384}"));
        assertThat(unknown.estimated()).isTrue();
        assertThat(unknown.totalParams()).isPositive();
        assertThat(unknown.notes()).anyMatch(n -> n.contains("not modelled"));
        ModelFacts junk = ModelFactsReader.read(JSON.readTree("{\"model_type\":42,\"hidden_size\":\"wide\",\"text_config\":[]}"));
        assertThat(junk.totalParams()).isZero();
        ModelFacts fromIndex = ModelFactsReader.read(JSON.readTree("{\"torch_dtype\":\"float16\"}"), List.of(), 14_000_000_000L);
        assertThat(fromIndex.totalParams()).isEqualTo(7_000_000_000L);
        assertThat(fromIndex.estimated()).isTrue();
    }

    @Test
    void attentionLayoutsPerFamily() {
        assertThat(TestConfigs.facts("gemma-3-27b").attentionLayout().describe())
                .isEqualTo("52 sliding (1024 tokens), 10 global");
        assertThat(TestConfigs.facts("gpt-oss-120b").attentionLayout().describe())
                .isEqualTo("18 sliding (128 tokens), 18 global");
        assertThat(TestConfigs.facts("llama-4-maverick-17b-128e").attentionLayout().describe())
                .isEqualTo("36 chunked (8192 tokens), 12 global");
        assertThat(TestConfigs.facts("deepseek-v3").attentionLayout().describe())
                .isEqualTo("61 mla (kv_lora_rank 512 + rope 64)");
        assertThat(TestConfigs.facts("mixtral-8x7b").attentionLayout().describe()).isEqualTo("32 global");
    }

    @Test
    void modalitiesPrecisionAndJson() throws Exception {
        ModelFacts scout = TestConfigs.facts("llama-4-scout-17b-16e");
        assertThat(scout.modalities()).containsExactly("text", "image");
        assertThat(scout.tiedEmbeddings()).isFalse();
        assertThat(scout.architectures()).isEqualTo("Llama4ForConditionalGeneration");
        ModelFacts oss = TestConfigs.facts("gpt-oss-120b");
        assertThat(oss.nativeDtype()).isEqualTo("mxfp4");
        assertThat(oss.quantization()).isEqualTo("mxfp4");
        JsonNode json = JSON.valueToTree(scout);
        assertThat(json.get("total_params").asLong()).isEqualTo(108_641_793_536L);
        assertThat(json.get("active_params").asLong()).isEqualTo(17_172_894_720L);
        assertThat(json.get("params_convention").asText()).contains("including input embeddings");
        assertThat(json.get("attention_layout").get("groups").get(0).get("window").asLong()).isEqualTo(8192);
        assertThat(json.has("experts_per_token")).isTrue();
    }

    @Test
    void aRepositoryReadThroughThePipelineGivesConfigAndHeaderFacts() throws Exception {
        Files.writeString(dir.resolve("config.json"), TINY_MIXTRAL);
        TestWeights.safetensors(dir.resolve("model.safetensors"), null, tinyMixtralTensors(2), 0);
        Files.write(dir.resolve("broken.safetensors"), new byte[] {9, 9});
        var limits = dev.canship.inventory.ScanLimits.DEFAULTS;
        var ex = new dev.canship.extract.Extractor(limits).extract(new dev.canship.inventory.InventoryScanner(limits).scan(dir));
        ModelFacts f = ModelFactsReader.read(ex.config(), ex.weights(), ex.indexTotalSize());
        assertThat(f.source()).isEqualTo("config+weights");
        assertThat(ex.diagnostics()).anyMatch(d -> d.file().equals("broken.safetensors") && d.message().startsWith("file is 2 bytes"));
    }

    /** Writes the toy Mixtral as {@code shards} shards with their index, as save_pretrained lays them out. */
    private long writeShardedMixtral(int shards) throws Exception {
        Files.writeString(dir.resolve("config.json"), TINY_MIXTRAL);
        List<TestWeights.T> all = tinyMixtralTensors(2);
        StringBuilder map = new StringBuilder();
        long total = 0;
        for (int s = 0; s < shards; s++) {
            String name = String.format("model-%05d-of-%05d.safetensors", s + 1, shards);
            List<TestWeights.T> part = new java.util.ArrayList<>();
            for (int i = s; i < all.size(); i += shards) {
                part.add(all.get(i));
                map.append(map.length() == 0 ? "" : ",").append('"').append(all.get(i).name()).append("\":\"").append(name).append('"');
            }
            Path f = TestWeights.safetensors(dir.resolve(name), null, part, 0);
            total += new SafetensorsHeaderReader().read(f).tensorDataBytes();
        }
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"metadata\":{\"total_size\":" + total + "},\"weight_map\":{" + map + "}}");
        return total;
    }

    private static dev.canship.extract.Extraction extract(Path repo, dev.canship.inventory.ScanLimits limits) {
        return new dev.canship.extract.Extractor(limits).extract(new dev.canship.inventory.InventoryScanner(limits).scan(repo));
    }

    @Test
    void aCompleteShardedCheckpointIsDescribedByItsIndexAndASampleOfHeaders() throws Exception {
        long total = writeShardedMixtral(6);
        var ex = extract(dir, dev.canship.inventory.ScanLimits.DEFAULTS);
        assertThat(ex.weights()).extracting(WeightsHeader::file)
                .containsExactly("model-00001-of-00006.safetensors", "model-00006-of-00006.safetensors");
        assertThat(ex.shardSample().skipped()).hasSize(4);
        ModelFacts sampled = ModelFactsReader.read(ex.config(), ex.weights(), ex.indexTotalSize(), ex.shardSample());
        ModelFacts fromConfig = ModelFactsReader.read(JSON.readTree(TINY_MIXTRAL));
        assertThat(sampled.source()).isEqualTo("config");
        assertThat(sampled.totalParams()).isEqualTo(fromConfig.totalParams());
        assertThat(sampled.activeParams()).isEqualTo(fromConfig.activeParams());
        assertThat(sampled.checkpoint().totalBytes()).isEqualTo(total);
        assertThat(sampled.checkpoint().from()).isEqualTo("index");
        assertThat(sampled.notes()).anyMatch(n -> n.startsWith("2 of 6 shard headers read")
                && n.contains("--limit max-shard-headers=6 reads all"));

        // Every header, on request: the headers' exact counts, which agree with the sample's.
        var all = extract(dir, dev.canship.inventory.ScanLimits.DEFAULTS.with(dev.canship.inventory.ScanLimits.Limit.MAX_SHARD_HEADERS, 6));
        assertThat(all.weights()).hasSize(6);
        assertThat(all.shardSample().sampled()).isFalse();
        ModelFacts exact = ModelFactsReader.read(all.config(), all.weights(), all.indexTotalSize(), all.shardSample());
        assertThat(exact.source()).isEqualTo("config+weights");
        assertThat(exact.totalParams()).isEqualTo(sampled.totalParams());
        assertThat(exact.checkpoint().totalBytes()).isEqualTo(total);
    }

    @Test
    void truncatedShardsAndLfsPointersAreAlwaysRead() throws Exception {
        writeShardedMixtral(6);
        // Truncated: the shard sizes no longer add up to the index's total size, so every header is read.
        TestWeights.rawSafetensors(dir.resolve("model-00003-of-00006.safetensors"), 1L << 40, "{".getBytes(), 64);
        var ex = extract(dir, dev.canship.inventory.ScanLimits.DEFAULTS);
        assertThat(ex.shardSample().sampled()).isFalse();
        assertThat(ex.diagnostics()).anyMatch(d -> d.file().equals("model-00003-of-00006.safetensors") && d.message().contains("exceeds"));
        // A clone without Git LFS: every shard is a small text pointer.
        for (int s = 1; s <= 6; s++) {
            Files.writeString(dir.resolve(String.format("model-%05d-of-00006.safetensors", s)),
                    "version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 5000000000\n");
        }
        var pointers = extract(dir, dev.canship.inventory.ScanLimits.DEFAULTS);
        assertThat(pointers.shardSample().sampled()).isFalse();
        assertThat(pointers.diagnostics()).hasSize(6);
    }

    @Test
    void aDamagedHeaderInsideAnIntactShardIsFoundOnlyWhenEveryHeaderIsRead() throws Exception {
        writeShardedMixtral(6);
        // Same size, garbage header: the sample cannot see it; reading every header does.
        try (var f = new java.io.RandomAccessFile(dir.resolve("model-00003-of-00006.safetensors").toFile(), "rw")) {
            f.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f});
        }
        assertThat(extract(dir, dev.canship.inventory.ScanLimits.DEFAULTS).diagnostics()).isEmpty();
        var all = extract(dir, dev.canship.inventory.ScanLimits.DEFAULTS.with(dev.canship.inventory.ScanLimits.Limit.MAX_SHARD_HEADERS, 100));
        assertThat(all.diagnostics()).anyMatch(d -> d.file().equals("model-00003-of-00006.safetensors")
                && d.message().contains("exceeds"));
    }

    @Test
    void sampledHeadersStillShowAVisionTowerAndGiveAnEstimateWithoutAConfig() throws Exception {
        writeShardedMixtral(6);
        // A vision tower in the last shard, which the config does not name.
        List<TestWeights.T> last = new java.util.ArrayList<>(List.of(TestWeights.t("vision_tower.patch_embed.weight", "BF16", 16, 16)));
        Path lastShard = dir.resolve("model-00006-of-00006.safetensors");
        long before = Files.size(lastShard);
        TestWeights.safetensors(lastShard, null, last, 0);
        long total = Long.parseLong(Files.readString(dir.resolve("model.safetensors.index.json")).replaceAll(".*\"total_size\":(\\d+).*", "$1"));
        long adjusted = total - (before - Files.size(lastShard));
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\":{\"total_size\":" + adjusted + "},\"weight_map\":{}}");
        var ex = extract(dir, dev.canship.inventory.ScanLimits.DEFAULTS);
        assertThat(ex.shardSample().sampled()).isTrue();
        ModelFacts f = ModelFactsReader.read(ex.config(), ex.weights(), ex.indexTotalSize(), ex.shardSample());
        assertThat(f.modalities()).contains("image");

        // No config: the sampled shards' parameters per byte over the index's total size (bf16 here: 2 bytes each).
        Files.delete(dir.resolve("config.json"));
        var bare = extract(dir, dev.canship.inventory.ScanLimits.DEFAULTS);
        ModelFacts est = ModelFactsReader.read(bare.config(), bare.weights(), bare.indexTotalSize(), bare.shardSample());
        assertThat(est.estimated()).isTrue();
        assertThat(est.totalParams()).isEqualTo(Math.round(adjusted / 2.0));
        assertThat(est.notes()).anyMatch(n -> n.contains("estimated from the index's total size"));
    }

    @Test
    void theModelsOwnIndexIsSampledNotAConsolidatedExportBesideIt() throws Exception {
        long total = writeShardedMixtral(6);
        // A second export of the same weights (Mistral's consolidated format), sharded and indexed too.
        for (int s = 1; s <= 3; s++) {
            Files.copy(dir.resolve(String.format("model-%05d-of-00006.safetensors", s)),
                    dir.resolve(String.format("consolidated-%05d-of-00003.safetensors", s)));
        }
        Files.writeString(dir.resolve("consolidated.safetensors.index.json"), "{\"metadata\":{\"total_size\":1},\"weight_map\":{}}");
        var ex = extract(dir, dev.canship.inventory.ScanLimits.DEFAULTS);
        assertThat(ex.indexTotalSize()).isEqualTo(total);
        assertThat(ex.shardSample().index()).isEqualTo("model.safetensors.index.json");
        assertThat(ex.shardSample().read()).containsExactly("model-00001-of-00006.safetensors", "model-00006-of-00006.safetensors");
    }

    @Test
    void aPartialDownloadReadsEveryHeaderThatIsThere() throws Exception {
        writeShardedMixtral(6);
        Files.delete(dir.resolve("model-00004-of-00006.safetensors"));
        var ex = extract(dir, dev.canship.inventory.ScanLimits.DEFAULTS);
        assertThat(ex.weights()).hasSize(5);
        assertThat(ex.shardSample().sampled()).isFalse();
        ModelFacts f = ModelFactsReader.read(ex.config(), ex.weights(), ex.indexTotalSize(), ex.shardSample());
        assertThat(f.source()).isEqualTo("config");
        assertThat(f.notes()).anyMatch(n -> n.contains("shards missing"));
    }
}
