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
}
