package dev.canship.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Computed total and active parameters against the figures the publishers give, from configs written with the
 * published hyperparameters (src/test/resources/configs).
 *
 * <p>Publishers do not agree on what "active" counts, and round differently, so each row says which convention
 * its figure follows and how precise the figure is:
 * <ul>
 *   <li><b>all</b>: every language-model weight a token touches, input embeddings and LM head included (our
 *       {@code activeParams}). Mistral's 12.9B for Mixtral matches this to three digits.</li>
 *   <li><b>no-input-embedding</b>: the same without the embedding lookup, which does no arithmetic
 *       ({@code activeParamsExcludingInputEmbeddings}). OpenAI's model card for gpt-oss uses this: 5.13B active
 *       for 120b = 4.55B of layers + 0.58B unembedding.</li>
 * </ul>
 * Totals always include embeddings, LM head and vision towers (Meta's 109B for Scout includes its 0.87B vision
 * tower). Tolerance is 1%, except where the publisher gives only a two-digit headline that our exact count cannot
 * meet to 1% under any single convention; those rows state the exact figure, the deviation and why.
 */
class PublishedParameterCountsTest {

    enum Active { ALL, NO_INPUT_EMBEDDING }

    static Stream<Arguments> published() {
        return Stream.of(
                // Dense models: total == active. Meta's names are the headline sizes (8.03B, 70.55B, 405.85B exact).
                row("llama-3.1-8b", 8e9, 8e9, Active.ALL, 0.01, "Meta headline 8B; exact 8.03B"),
                row("llama-3.1-70b", 70e9, 70e9, Active.ALL, 0.01, "Meta headline 70B; exact 70.55B (+0.8%)"),
                row("llama-3.1-405b", 405e9, 405e9, Active.ALL, 0.01, "Meta headline 405B; exact 405.85B"),
                // Llama 4: model card "17B (Activated) 109B (Total)" / "17B / 400B". Totals include the vision
                // tower. 17B is a whole-billion headline for 17.17B (Scout) and 17.18B (Maverick) counted with
                // embeddings and LM head, 1.0-1.1% above it; without input embeddings it would be 16.14B (-5%),
                // so Meta counts embeddings. Tolerance 1.2% for this rounded headline.
                row("llama-4-scout-17b-16e", 109e9, 17e9, Active.ALL, 0.012,
                        "active 17B is a rounded headline; exact 17.17B"),
                row("llama-4-maverick-17b-128e", 400e9, 17e9, Active.ALL, 0.012,
                        "active 17B is a rounded headline; exact 17.18B"),
                // Mistral: "46.7B total parameters but only uses 12.9B parameters per token".
                row("mixtral-8x7b", 46.7e9, 12.9e9, Active.ALL, 0.01, "three-digit figures, all-weights convention"),
                // DeepSeek-V3: 671B main model (MTP module of 14B excluded; the hub's 685B includes it), 37B
                // activated. Exact active is 37.55B with input embeddings, 36.63B without: the headline sits
                // between the two conventions, 1.5% and 1.0% away. Checked here without input embeddings at
                // 1.1%, and with them at 1.5% in deepSeekActiveBracketsTheHeadline below.
                row("deepseek-v3", 671e9, 37e9, Active.NO_INPUT_EMBEDDING, 0.011,
                        "37B headline; exact 36.63B w/o input embeddings, 37.55B with"),
                // OpenAI model card: 116.83B total, 5.13B active (unembedding counted, embedding not);
                // the brief's 117B / 5.1B are its rounded forms.
                row("gpt-oss-120b", 117e9, 5.1e9, Active.NO_INPUT_EMBEDDING, 0.01, "OpenAI card 116.83B / 5.13B"),
                row("gpt-oss-120b", 116.83e9, 5.13e9, Active.NO_INPUT_EMBEDDING, 0.001, "OpenAI card, three digits"),
                // Qwen: "30.5B total, 3.3B activated" (and 29.9B non-embedding). Exact active 3.353B with
                // embeddings (3.04B without, -8%, so Qwen counts them): 3.3B is truncated, 1.6% below.
                row("qwen3-30b-a3b", 30.5e9, 3.3e9, Active.ALL, 0.017,
                        "3.3B is truncated from the exact 3.353B"),
                // Further MoE families (not in the brief's list): Microsoft 41.9B/6.6B, AI2 6.9B/1.3B,
                // Databricks 132B/36B (36B headline for an exact 36.47B, 1.3% off).
                row("phi-3.5-moe", 41.9e9, 6.6e9, Active.ALL, 0.01, "Phi-3.5-MoE model card"),
                row("olmoe-1b-7b", 6.9e9, 1.3e9, Active.ALL, 0.015, "OLMoE paper 6.9B / 1.3B (1.28B exact)"),
                row("dbrx", 132e9, 36e9, Active.ALL, 0.014, "Databricks headline; exact 131.60B / 36.47B"),
                row("gemma-3-27b", 27.4e9, 27.0e9, Active.ALL, 0.01,
                        "27.43B with the SigLIP tower (hub figure); 27.01B language model"),
                row("qwen3-8b", 8.2e9, 8.2e9, Active.ALL, 0.01, "Qwen3-8B card: 8.2B"));
    }

    private static Arguments row(String config, double total, double active, Active conv, double activeTol,
                                 String why) {
        return Arguments.of(config, total, active, conv, activeTol, why);
    }

    @ParameterizedTest(name = "{0}: {5}")
    @MethodSource("published")
    void computedCountsMatchPublishedFigures(String config, double publishedTotal, double publishedActive,
                                            Active convention, double activeTolerance, String why) {
        ModelFacts f = TestConfigs.facts(config);
        long active = convention == Active.ALL ? f.activeParams() : f.activeParamsExcludingInputEmbeddings();
        System.out.printf(Locale.ROOT, "%-26s total %8.2fB (published %7.2fB, %+.2f%%)  active %6.2fB [%s] "
                        + "(published %5.2fB, %+.2f%%)%n", config, f.totalParams() / 1e9, publishedTotal / 1e9,
                100 * (f.totalParams() / publishedTotal - 1), active / 1e9, convention, publishedActive / 1e9,
                100 * (active / publishedActive - 1));
        assertThat(f.estimated()).as("counted from a modelled architecture").isFalse();
        assertThat(f.source()).isEqualTo("config");
        assertThat((double) f.totalParams()).as("total").isCloseTo(publishedTotal, within(publishedTotal * 0.01));
        assertThat((double) active).as("active (%s)", convention)
                .isCloseTo(publishedActive, within(publishedActive * activeTolerance));
        if (!f.isMoe()) {
            assertThat(f.activeParams()).isEqualTo(f.params().languageModel());
        }
    }

    @org.junit.jupiter.api.Test
    void denseModelsHaveTotalEqualToActive() {
        for (String c : new String[] {"llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "qwen3-8b"}) {
            ModelFacts f = TestConfigs.facts(c);
            assertThat(f.activeParams()).as(c).isEqualTo(f.totalParams());
            assertThat(f.experts()).as(c).isNull();
        }
    }

    @org.junit.jupiter.api.Test
    void exactCountsAgreeWithPublishedCheckpoints() {
        // Hub safetensors totals: Scout 108,641,793,536 (text 107,769,861,120 + vision 871,932,416 from the
        // published per-module table); Mixtral = its bf16 index total_size 93,405,585,408 / 2.
        assertThat(TestConfigs.facts("llama-4-scout-17b-16e").totalParams()).isEqualTo(108_641_793_536L);
        assertThat(TestConfigs.facts("llama-4-scout-17b-16e").params().vision()).isEqualTo(871_932_416L);
        assertThat(TestConfigs.facts("mixtral-8x7b").totalParams()).isEqualTo(93_405_585_408L / 2);
        assertThat(TestConfigs.facts("llama-3.1-8b").totalParams()).isEqualTo(8_030_261_248L);
        // OpenAI card: 116.83B total; 5.13B active = 36 layers' active part + 0.58B unembedding.
        assertThat(TestConfigs.facts("gpt-oss-120b").totalParams()).isEqualTo(116_829_156_672L);
        // Qwen's non-embedding figure: 29.9B.
        ModelFacts q = TestConfigs.facts("qwen3-30b-a3b");
        assertThat((double) q.totalParams() - q.params().embedding() - q.params().lmHead())
                .isCloseTo(29.9e9, within(29.9e9 * 0.01));
    }

    @org.junit.jupiter.api.Test
    void deepSeekActiveBracketsTheHeadlineAndMtpIsApart() {
        ModelFacts f = TestConfigs.facts("deepseek-v3");
        assertThat(f.activeParamsExcludingInputEmbeddings()).isLessThan(37_000_000_000L);
        assertThat(f.activeParams()).isGreaterThan(37_000_000_000L);
        assertThat((double) f.activeParams()).isCloseTo(37e9, within(37e9 * 0.015));
        // MTP: DeepSeek says 14B; total with it is the hub's 685B.
        assertThat((double) f.mtpParams()).isCloseTo(14e9, within(14e9 * 0.05));
        assertThat((double) (f.totalParams() + f.mtpParams())).isCloseTo(685e9, within(685e9 * 0.01));
        assertThat(f.notes()).anyMatch(n -> n.contains("multi-token-prediction") && n.contains("not counted"));
    }
}
