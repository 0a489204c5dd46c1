package dev.canship.report;

import dev.canship.model.ModelFacts;

import java.util.List;

/**
 * The model facts a report shows. Counts are null when they could not be determined.
 *
 * @param name            the model's name (card, config or folder)
 * @param architecture    config {@code model_type}
 * @param totalParams     all parameters
 * @param activeParams    parameters used per token
 * @param experts         routed experts, or null for a dense model
 * @param expertsPerToken experts used per token
 * @param modalities      input modalities the model supports
 * @param baseModels      base models named by the card
 * @param details         the full model facts (layers, context length, dtype...) for the detailed views, or null
 */
public record ModelSummary(String name, String architecture, Long totalParams, Long activeParams, Integer experts,
                           Integer expertsPerToken, List<String> modalities, List<String> baseModels, ModelFacts details) {

    public ModelSummary {
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
        baseModels = baseModels == null ? List.of() : List.copyOf(baseModels);
    }

    /**
     * The parameter count as people read it: "30.5B total / 3.3B active" for a mixture-of-experts model, where the
     * two differ by design, and the total alone for a dense model (whose "active" count only leaves out the
     * embeddings or a vision tower, and reads like a second, contradicting size). Null when the total is unknown.
     */
    public String parameters(String activeWord) {
        if (totalParams == null) {
            return null;
        }
        String total = billions(totalParams) + " total";
        return mixtureOfExperts() && activeParams != null ? total + activeWord + billions(activeParams) + " active" : total;
    }

    /** "1 per token", or the empty string where the count per token is not known. */
    public String perToken(String before, String after) {
        return expertsPerToken == null ? "" : before + expertsPerToken + " per token" + after;
    }

    /** True for a mixture-of-experts model: more than one routed expert. */
    public boolean mixtureOfExperts() {
        return experts != null && experts > 1;
    }

    /** {@code 8.0B}, {@code 27B}: one decimal below ten billion. */
    static String billions(long n) {
        return String.format(java.util.Locale.ROOT, n >= 10_000_000_000L ? "%.0fB" : "%.1fB", n / 1e9);
    }
}
