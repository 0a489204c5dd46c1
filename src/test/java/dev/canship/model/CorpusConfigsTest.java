package dev.canship.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canship.extract.weights.SafetensorsIndex;
import dev.canship.extract.weights.SafetensorsIndexReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real config.json files from the shared corpus (read in place, never copied). Where a repo also has its
 * safetensors index, the index's total_size is the exact byte count of the shipped weights, so config arithmetic
 * times the native width must land on it.
 */
class CorpusConfigsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // repo, bytes per parameter, allowed difference in bytes, why
            "google--gemma-2b-it, 2, 0, tied embeddings counted once",
            "google--medgemma-27b-it, 2, 0, Gemma 3 text + SigLIP tower + projector",
            "mistralai--Mixtral-8x7B-Instruct-v0.1, 2, 0, all 8 experts",
            "mattshumer--Reflection-Llama-3.1-70B, 4, 0, fp32 checkpoint with a 128262-token vocabulary",
            "meta-llama--Llama-3.2-3B-Instruct, 2, 0, tied embeddings",
            // The 2023 export stores rotary inv_freq buffers (32 layers x 64 fp32 = 8192 bytes): not parameters.
            "meta-llama--Llama-2-7b-hf, 2, 8192, rotary inv_freq buffers in the checkpoint",
    })
    void configArithmeticMatchesTheIndexBytes(String repo, int bytesPerParam, long slack, String why)
            throws Exception {
        JsonNode config = TestConfigs.corpusConfig(repo);
        SafetensorsIndex index = new SafetensorsIndexReader().read(
                TestConfigs.corpusFile(repo, "model.safetensors.index.json"));
        ModelFacts f = ModelFactsReader.read(config, List.of(), index.totalSizeBytes());
        assertThat(f.totalParams() * bytesPerParam).as(why)
                .isCloseTo(index.totalSizeBytes(), within(slack));
        assertThat(f.checkpoint().totalBytes()).isEqualTo(index.totalSizeBytes());
        assertThat(f.checkpoint().from()).isEqualTo("index");
        assertThat(f.estimated()).isFalse();
    }

    @Test
    void everyValidCorpusConfigGivesUnestimatedCounts() throws Exception {
        Path repos = TestConfigs.corpusRepos();
        List<Path> configs;
        try (Stream<Path> s = Files.list(repos)) {
            configs = s.map(p -> p.resolve("config.json")).filter(Files::isRegularFile).sorted()
                    .collect(Collectors.toList());
        }
        assertThat(configs).isNotEmpty();
        int read = 0;
        for (Path c : configs) {
            if (c.getParent().getFileName().toString().startsWith("skkjodhpur")) {
                continue; // invalid JSON, tested below
            }
            ModelFacts f = ModelFactsReader.read(ModelFactsReader.parseConfig(c));
            assertThat(f.totalParams()).as(c.toString()).isPositive();
            assertThat(f.estimated()).as(c + " " + f.notes()).isFalse();
            assertThat(f.attentionLayout().layers()).as(c.toString()).isEqualTo(f.layers());
            read++;
        }
        assertThat(read).isGreaterThanOrEqualTo(10);
    }

    @Test
    void invalidCorpusConfigGivesAClearOneLineError() {
        Path cfg = TestConfigs.corpusFile(
                "skkjodhpur--Meta-Llama-3.1-8B-Unsloth-2x-faster-finetuning-GGUF-by-skk", "config.json");
        assertThatThrownBy(() -> ModelFactsReader.parseConfig(cfg)).isInstanceOf(ModelConfigException.class)
                .hasMessageStartingWith("config.json: invalid JSON at line 3")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        // Reading the whole repository does not throw: the problem becomes a diagnostic, the facts are empty and estimated.
        var limits = dev.canship.inventory.ScanLimits.DEFAULTS;
        var ex = new dev.canship.extract.Extractor(limits).extract(new dev.canship.inventory.InventoryScanner(limits).scan(cfg.getParent()));
        ModelFacts f = ModelFactsReader.read(ex.config(), ex.weights(), ex.indexTotalSize());
        assertThat(f.estimated()).isTrue();
        assertThat(ex.diagnostics()).anyMatch(d -> d.file().equals("config.json") && d.message().startsWith("invalid JSON"));
        assertThat(f.totalParams()).isZero();
    }

    @Test
    void corpusLlama4ConfigsHoldTextOnlyAndSaySo() {
        ModelFacts scout = ModelFactsReader.read(TestConfigs.corpusConfig("meta-llama--Llama-4-Scout-17B-16E-Instruct"));
        assertThat(scout.modalities()).containsExactly("text");
        assertThat(scout.params().vision()).isZero();
        assertThat(scout.totalParams()).isEqualTo(107_769_861_120L);
        assertThat(scout.activeParams()).isEqualTo(17_172_894_720L);
        assertThat(scout.notes()).anyMatch(n -> n.contains("no vision_config"));
        assertThat(scout.attentionLayout().describe()).isEqualTo("36 chunked (8192 tokens), 12 global");
        assertThat(scout.contextLength()).isEqualTo(10_485_760L);

        ModelFacts mav = ModelFactsReader.read(TestConfigs.corpusConfig("meta-llama--Llama-4-Maverick-17B-128E-Instruct"));
        assertThat(mav.moeLayers()).isEqualTo(24);
        assertThat(mav.experts()).isEqualTo(128);
        assertThat(mav.sharedExperts()).isEqualTo(1);
        assertThat((double) mav.totalParams()).isCloseTo(400e9, within(4e9));
    }

    @Test
    void corpusMoeAndQuantizedConfigs() {
        ModelFacts ds = ModelFactsReader.read(TestConfigs.corpusConfig("deepseek-ai--DeepSeek-R1"));
        assertThat(ds.nativeDtype()).as("quantization_config overrides torch_dtype bfloat16").isEqualTo("fp8");
        assertThat(ds.quantization()).isEqualTo("fp8");
        assertThat(ds.attentionLayout().groups()).singleElement()
                .satisfies(g -> assertThat(g.cachedElementsPerTokenPerLayer()).isEqualTo(512 + 64));
        assertThat(ds.moeLayers()).isEqualTo(58);

        ModelFacts oss = ModelFactsReader.read(TestConfigs.corpusConfig("openai--gpt-oss-20b"));
        assertThat(oss.nativeDtype()).isEqualTo("mxfp4");
        // OpenAI card: gpt-oss-20b 20.91B total, 3.61B active (without input embeddings).
        assertThat((double) oss.totalParams()).isCloseTo(20.91e9, within(0.02e9));
        assertThat((double) oss.activeParamsExcludingInputEmbeddings()).isCloseTo(3.61e9, within(0.01e9));
        assertThat(oss.attentionLayout().describe()).isEqualTo("12 sliding (128 tokens), 12 global");

        ModelFacts q = ModelFactsReader.read(TestConfigs.corpusConfig("Qwen--Qwen2.5-72B"));
        assertThat(q.attentionLayout().describe()).as("use_sliding_window false").isEqualTo("80 global");
        assertThat((double) q.totalParams()).isCloseTo(72.7e9, within(0.727e9));

        ModelFacts med = ModelFactsReader.read(TestConfigs.corpusConfig("google--medgemma-27b-it"));
        assertThat(med.modalities()).containsExactly("text", "image");
        assertThat(med.multimodal()).isTrue();
        assertThat(med.tiedEmbeddings()).isTrue();
        assertThat(med.attentionLayout().describe()).isEqualTo("52 sliding (1024 tokens), 10 global");
    }
}
