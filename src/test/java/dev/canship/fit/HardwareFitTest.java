package dev.canship.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.model.ModelFacts;
import dev.canship.model.ModelFactsReader;
import dev.canship.model.TestConfigs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HardwareFitTest {
    private static final long GIB = 1L << 30;
    private final HardwareFit fit = new HardwareFit();
    private final ModelFacts scout = TestConfigs.facts("llama-4-scout-17b-16e");
    private final ModelFacts maverick = TestConfigs.facts("llama-4-maverick-17b-128e");

    @Test
    void catalogueHoldsThePublishedAccelerators() {
        AcceleratorCatalog c = AcceleratorCatalog.bundled();
        assertThat(c.all()).extracting(Accelerator::id).containsExactly("rtx-3090", "rtx-4090", "rtx-5090",
                "a100-40gb", "a100-80gb", "l40s", "h100-sxm", "h100-pcie", "h100-nvl", "h200", "b200", "mi300x",
                "mi325x", "m2-ultra", "m3-ultra", "m4-max");
        assertThat(c.all()).allSatisfy(a -> {
            assertThat(a.memoryBytes()).isEqualTo(Math.round(a.memoryGb() * GIB));
            assertThat(a.bandwidthGbps()).isPositive();
            assertThat(a.published()).isNotBlank();
        });
        Accelerator h100 = c.byId("h100-sxm").orElseThrow();
        assertThat(h100.memoryBytes()).isEqualTo(80 * GIB);
        assertThat(h100.bandwidthGbps()).isEqualTo(3350);
        Accelerator m3 = c.byId("m3-ultra").orElseThrow();
        assertThat(m3.unifiedMemoryGpuShare()).isEqualTo(0.75);
        assertThat(m3.usableBytes()).isEqualTo(384 * GIB);
        assertThat(c.byId("m2-ultra").orElseThrow().memoryGb()).isEqualTo(192);
        assertThat(c.byId("m4-max").orElseThrow().memoryGb()).isEqualTo(128);
    }

    @Test
    void precisionsCarryTheirRealBitsPerWeight() {
        assertThat(Precision.parse("Q4_K_M").bitsPerWeight()).isEqualTo(4.85);
        assertThat(Precision.parse("q8_0").bitsPerWeight()).isEqualTo(8.5);
        assertThat(Precision.parse("q6_k").bitsPerWeight()).isCloseTo(6.56, within(0.01));
        assertThat(Precision.parse("q5_k_m").bitsPerWeight()).isEqualTo(5.69);
        assertThat(Precision.parse("q3_k_m").bitsPerWeight()).isEqualTo(3.91);
        assertThat(Precision.parse("q2_k").bitsPerWeight()).isEqualTo(2.63);
        assertThat(Precision.parse("int4").bitsPerWeight()).isEqualTo(4.25);
        assertThat(Precision.parse("mxfp4").bitsPerWeight()).isEqualTo(4.25);
        assertThat(Precision.parse("bfloat16")).isEqualTo(Precision.BF16);
        assertThatThrownBy(() -> Precision.parse("q1_xyz")).hasMessageContaining("unknown precision");
    }

    @Test
    void scoutWithInt4ExpertsFitsOneH100() {
        FitEstimate e = fit.estimate(scout, FitRequest.of("h100-sxm", 1, Precision.INT4, 8192));
        assertThat(e.fits()).isTrue();
        assertThat(e.acceleratorsNeeded()).isEqualTo(1);
        // 102.7B expert parameters at 4.25 bits + 5.96B (attention, embeddings, LM head, vision...) at 16 bits.
        assertThat((double) e.weightsBytes()).isCloseTo(66.5e9, within(0.5e9));
        assertThat(e.notes()).anyMatch(n -> n.contains("routed and shared experts")
                && n.contains("attention, dense-layer MLPs, routers, embeddings, LM head, norms") && n.contains("stay bf16"));
        // Meta's claim holds even at a 128k context thanks to chunked attention.
        assertThat(fit.estimate(scout, FitRequest.of("h100-sxm", 1, Precision.INT4, 131072)).fits()).isTrue();
    }

    @Test
    void scoutInBf16DoesNotFitOneH100() {
        FitEstimate e = fit.estimate(scout, FitRequest.of("h100-sxm", 1, Precision.BF16, 8192));
        assertThat(e.fits()).isFalse();
        assertThat(e.weightsBytes()).isEqualTo(2 * scout.totalParams());
        assertThat(e.acceleratorsNeeded()).isEqualTo(3);
        assertThat(e.headroomFraction()).isNegative();
    }

    @Test
    void maverickInFp8FitsOneEightGpuH100Host() {
        FitEstimate e = fit.estimate(maverick, FitRequest.of("h100-sxm", 8, Precision.FP8, 8192));
        assertThat(e.fits()).isTrue();
        assertThat(e.acceleratorsNeeded()).isLessThanOrEqualTo(8);
        assertThat(e.notes()).anyMatch(n -> n.contains("fp8 (8 bits) for routed experts only"));
        assertThat(e.notes()).anyMatch(n -> n.startsWith("KV cache: fp8"));
        assertThat(fit.estimate(maverick, FitRequest.of("h100-sxm", 8, Precision.BF16, 8192)).fits()).isFalse();
    }

    @Test
    void scoutAtInt4DoesNotFitA4090DespiteItsActiveParameters() {
        FitEstimate e = fit.estimate(scout, FitRequest.of("rtx-4090", 1, Precision.INT4, 8192));
        assertThat(e.fits()).isFalse();
        // The classic mistake: 17B active at 4.25 bits is about 9 GB and would seem to fit in 24 GB.
        assertThat(scout.activeParams() * 4.25 / 8).isLessThan(24e9);
        assertThat(e.activeWeightBytesPerToken()).isLessThan(24L * GIB);
        assertThat(e.notes()).anyMatch(n -> n.contains("every routed expert must be resident"));
        assertThat(e.acceleratorsNeeded()).isEqualTo(3);
    }

    @Test
    void scoutKvCacheAt128kIsFarBelowTheNaiveAllGlobalFigure() {
        FitEstimate e = fit.estimate(scout, FitRequest.of("h100-sxm", 1, Precision.INT4, 131072));
        long perTokenPerLayer = 2L * 8 * 128 * 2; // K and V, 8 KV heads of 128, bf16
        long expected = 12 * perTokenPerLayer * 131072 + 36 * perTokenPerLayer * 8192;
        assertThat(e.kvCacheBytes()).isEqualTo(expected);
        assertThat(e.kvCacheAllGlobalBytes()).isEqualTo(48 * perTokenPerLayer * 131072);
        assertThat(e.kvCacheBytes()).isLessThan(e.kvCacheAllGlobalBytes() * 3 / 10);
        assertThat(e.kvCache()).extracting(KvCacheGroup::type).containsExactly("chunked", "global");
        assertThat(e.kvCache().get(0).tokensCached()).isEqualTo(8192);
    }

    @Test
    void kvCacheFollowsSlidingWindowsMlaSequencesAndFp8() {
        ModelFacts ds = TestConfigs.facts("deepseek-v3");
        FitEstimate mla = fit.estimate(ds, FitRequest.of("h200", 8, Precision.NATIVE, 131072));
        assertThat(mla.kvCacheBytes()).isEqualTo(61L * (512 + 64) * 2 * 131072);

        ModelFacts oss = TestConfigs.facts("gpt-oss-120b");
        FitEstimate o = fit.estimate(oss, FitRequest.of("h100-sxm", 1, Precision.NATIVE, 131072).withSequences(4));
        long perTok = 2L * 8 * 64 * 2;
        assertThat(o.kvCacheBytes()).isEqualTo(4 * (18 * perTok * 128 + 18 * perTok * 131072));

        ModelFacts llama = TestConfigs.facts("llama-3.1-8b");
        long bf16 = fit.estimate(llama, FitRequest.of("rtx-4090", 1, Precision.BF16, 32768)).kvCacheBytes();
        long fp8 = fit.estimate(llama, FitRequest.of("rtx-4090", 1, Precision.FP8, 32768)).kvCacheBytes();
        assertThat(bf16).isEqualTo(32L * 2 * 8 * 128 * 2 * 32768);
        assertThat(fp8).isEqualTo(bf16 / 2);
    }

    @Test
    void nativeWeightsMatchShippedCheckpointBytes() {
        // Mixtral bf16: index total_size 93,405,585,408.
        assertThat(fit.estimate(TestConfigs.facts("mixtral-8x7b"), FitRequest.of("h100-sxm", 2, Precision.NATIVE, 4096))
                .weightsBytes()).isEqualTo(93_405_585_408L);
        // gpt-oss-120b: experts MXFP4, the rest bf16: about 65 GB, and it fits one 80 GB GPU as OpenAI says.
        FitEstimate oss = fit.estimate(TestConfigs.facts("gpt-oss-120b"), FitRequest.of("h100-sxm", 1, Precision.NATIVE, 131072));
        assertThat((double) oss.weightsBytes()).isCloseTo(65.2e9, within(0.3e9));
        assertThat(oss.fits()).isTrue();
    }

    @Test
    void gptOss20bNativeLayoutReproducesItsIndexExactly() throws Exception {
        JsonNode cfg = TestConfigs.corpusConfig("openai--gpt-oss-20b");
        ModelFacts f = ModelFactsReader.read(cfg); // config only: bytes come from the mxfp4 layout plan
        FitEstimate e = fit.estimate(f, FitRequest.of("rtx-4090", 1, Precision.NATIVE, 8192));
        assertThat(e.weightsBytes()).isEqualTo(13_761_264_768L); // model.safetensors.index.json total_size
        assertThat(e.fits()).isTrue();
    }

    @Test
    void offloadingExpertsSplitsGpuAndHostMemory() {
        FitRequest req = FitRequest.of("rtx-4090", 1, Precision.INT4, 8192).withOffloadExperts(true);
        FitEstimate e = fit.estimate(scout, req);
        assertThat(e.offload()).isNotNull();
        assertThat((double) e.offload().hostBytes()).isCloseTo(scout.params().routedExperts() * 4.25 / 8, within(1e6));
        assertThat(e.offload().gpuBytes()).isEqualTo(e.totalBytes());
        assertThat(e.fits()).isTrue();
        FitEstimate onGpu = fit.estimate(scout, FitRequest.of("h100-sxm", 1, Precision.INT4, 8192));
        assertThat(e.decodeTokensPerSecondMax()).isLessThan(onGpu.decodeTokensPerSecondMax());
        assertThat(e.notes()).anyMatch(n -> n.startsWith("offload: routed experts"));
    }

    @Test
    void decodeBoundUsesActiveBytesOverAggregateBandwidth() {
        ModelFacts llama = TestConfigs.facts("llama-3.1-8b");
        FitEstimate e = fit.estimate(llama, FitRequest.of("h100-sxm", 1, Precision.BF16, 1));
        double expected = 3350e9 / (2.0 * llama.totalParams() + 2 * 8 * 128 * 2 * 32);
        assertThat(e.decodeTokensPerSecondMax()).isCloseTo(expected, within(1e-6 * expected));
        FitEstimate mav = fit.estimate(maverick, FitRequest.of("h100-sxm", 8, Precision.FP8, 1));
        // MoE: reads about 17B active weights per token, not 400B.
        assertThat(mav.activeWeightBytesPerToken()).isLessThan(40L * 1_000_000_000L);
    }

    @Test
    void acceleratorsNeededIsTheSmallestCountThatFits() {
        List<Precision> ps = List.of(Precision.BF16, Precision.FP8, Precision.Q4_K_M);
        for (String m : List.of("deepseek-v3", "llama-3.1-405b", "qwen3-30b-a3b")) {
            for (Precision p : ps) {
                ModelFacts f = TestConfigs.facts(m);
                FitEstimate one = fit.estimate(f, FitRequest.of("a100-80gb", 1, p, 8192));
                int n = one.acceleratorsNeeded();
                assertThat(fit.estimate(f, FitRequest.of("a100-80gb", n, p, 8192)).fits()).as(m + " " + p).isTrue();
                if (n > 1) {
                    assertThat(fit.estimate(f, FitRequest.of("a100-80gb", n - 1, p, 8192)).fits()).as(m + " " + p).isFalse();
                }
            }
        }
        ModelFacts tiny = TestConfigs.facts("llama-3.1-8b");
        assertThat(fit.estimate(tiny, FitRequest.custom(512L << 20, 100, 1, Precision.BF16, 1024)).acceleratorsNeeded())
                .isEqualTo(-1);
    }

    @Test
    void ggufAndAppleNotesSayWhatIsAssumed() {
        FitEstimate e = fit.estimate(TestConfigs.facts("qwen3-30b-a3b"), FitRequest.of("m4-max", 1, Precision.Q4_K_M, 32768));
        assertThat(e.notes()).anyMatch(n -> n.contains("output head at q6_k"));
        assertThat(e.notes()).anyMatch(n -> n.contains("75% of 128.0 GiB usable by the GPU"));
        assertThat(e.availableBytes()).isEqualTo(96 * GIB);
        assertThat((double) e.weightsBytes()).isCloseTo(18.6e9, within(0.3e9));
    }

    @Test
    void fitTableCoversTheCatalogue() {
        FitTable t = fit.table(scout, Precision.INT4, 8192, 1);
        assertThat(t.rows()).hasSize(16);
        FitTable.Row h100 = t.rows().stream().filter(r -> r.accelerator().id().equals("h100-sxm")).findFirst().orElseThrow();
        assertThat(h100.single().fits()).isTrue();
        assertThat(h100.atNeeded()).isSameAs(h100.single());
        FitTable.Row r4090 = t.rows().stream().filter(r -> r.accelerator().id().equals("rtx-4090")).findFirst().orElseThrow();
        assertThat(r4090.single().fits()).isFalse();
        assertThat(r4090.atNeeded().count()).isEqualTo(3);
        assertThat(r4090.atNeeded().fits()).isTrue();
        JsonNode json = new ObjectMapper().valueToTree(t);
        assertThat(json.get("rows").get(0).has("at_needed")).isTrue();
    }

    @Test
    void reportHasExactlyTheAgreedJsonNames() throws Exception {
        FitEstimate e = fit.estimate(scout, FitRequest.of("h100-sxm", 1, Precision.INT4, 8192));
        JsonNode json = new ObjectMapper().valueToTree(FitReport.of(scout, e));
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("model", "precision", "context_tokens", "memory", "fits",
                "accelerators_needed", "decode_tokens_per_second_max");
        List<String> mem = new ArrayList<>();
        json.get("memory").fieldNames().forEachRemaining(mem::add);
        assertThat(mem).containsExactly("weights_bytes", "kv_cache_bytes", "overhead_bytes", "total_bytes");
        assertThat(json.get("precision").asText()).isEqualTo("int4");
        assertThat(json.get("context_tokens").asLong()).isEqualTo(8192);
        assertThat(json.get("fits").asBoolean()).isTrue();
        assertThat(json.get("memory").get("total_bytes").asLong()).isEqualTo(e.totalBytes());
        assertThat(json.get("model").get("total_params").asLong()).isEqualTo(scout.totalParams());
        // The detailed estimate is JSON-friendly as well.
        JsonNode detail = new ObjectMapper().valueToTree(e);
        assertThat(detail.has("kv_cache_all_global_bytes")).isTrue();
        assertThat(detail.get("kv_cache").get(0).get("bytes_per_token_per_layer").asLong()).isEqualTo(4096);
    }

    @Test
    void requestsAreValidated() {
        assertThatThrownBy(() -> FitRequest.of("h100-sxm", 0, Precision.BF16, 10)).hasMessageContaining("count");
        assertThatThrownBy(() -> fit.estimate(scout, FitRequest.of("tpu-v9", 1, Precision.BF16, 10)))
                .hasMessageContaining("unknown accelerator 'tpu-v9'");
        FitEstimate custom = fit.estimate(scout, FitRequest.custom(300L * GIB, 5000, 1, Precision.BF16, 8192));
        assertThat(custom.accelerator()).isEqualTo("custom");
        assertThat(custom.fits()).isTrue();
    }
}
