package dev.canship.app;

import dev.canship.extract.Extraction;
import dev.canship.identify.Identification;
import dev.canship.inventory.Diagnostic;
import dev.canship.inventory.Inventory;
import dev.canship.model.ModelFacts;
import dev.canship.model.ModelFactsReader;
import dev.canship.report.ModelSummary;
import dev.canship.rules.facts.Model;

import java.util.List;

/** Wires the model-facts stage: config and weight headers in, a summary for reports and a fact for the rules out. */
final class ModelStage {

    /**
     * @param facts   the full facts, or null when the repository has neither a config nor weight headers
     * @param summary what reports show
     * @param fact    what the rules see, or null
     */
    record Result(ModelFacts facts, ModelSummary summary, Model fact, List<Diagnostic> diagnostics) {
    }

    Result read(Inventory inventory, Extraction extraction, Identification identification) {
        String name = modelName(inventory, extraction);
        if (extraction.config() == null && extraction.weights().isEmpty()) {
            ModelSummary summary = new ModelSummary(name, null, null, null, null, null, List.of(), identification.baseModels(), null);
            return new Result(null, summary, null, List.of());
        }
        ModelFacts f;
        try {
            f = ModelFactsReader.read(extraction.config(), extraction.weights(), extraction.indexTotalSize(), extraction.shardSample());
        } catch (RuntimeException | StackOverflowError e) {
            // An odd config.json must not end the run: the model facts are left out and the reason reported.
            ModelSummary summary = new ModelSummary(name, null, null, null, null, null, List.of(), identification.baseModels(), null);
            return new Result(null, summary, null, List.of(new Diagnostic("config.json",
                    "model facts could not be worked out (" + e.getClass().getSimpleName() + "); left out")));
        }
        ModelSummary summary = new ModelSummary(name, f.architecture(), f.totalParams() > 0 ? f.totalParams() : null,
                f.activeParams() > 0 ? f.activeParams() : null, f.experts(), f.expertsPerToken(), f.modalities(),
                identification.baseModels(), f);
        return new Result(f, summary, new Model(name, f.architecture(), f.multimodal(), f.totalParams(), f.activeParams()), List.of());
    }

    /** The card's model name if it gives one, else the repository's name. */
    private static String modelName(Inventory inventory, Extraction extraction) {
        if (extraction.card() != null) {
            String n = extraction.card().text("model_name");
            if (n != null && !n.isBlank()) {
                return n;
            }
        }
        return inventory.name();
    }
}
