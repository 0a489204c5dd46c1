package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canship.extract.Extraction;
import dev.canship.identify.Identification;
import dev.canship.inventory.Diagnostic;
import dev.canship.inventory.Inventory;
import dev.canship.inventory.ScanLimits;
import dev.canship.report.ModelSummary;
import dev.canship.rules.facts.Model;

import java.util.ArrayList;
import java.util.List;

/** Wires the model-facts stage: config and weight headers in, a summary for reports and a fact for the rules out. */
final class ModelStage {

    private final ScanLimits limits;

    ModelStage(ScanLimits limits) {
        this.limits = limits;
    }

    record Result(ModelSummary summary, Model fact, Object facts, List<Diagnostic> diagnostics) {
    }

    Result read(Inventory inventory, Extraction extraction, Identification identification) {
        JsonNode config = extraction.config();
        String name = inventory.name();
        String arch = null;
        boolean multimodal = false;
        if (config != null) {
            arch = config.path("model_type").asText(null);
            multimodal = config.has("vision_config");
        }
        List<String> modalities = multimodal ? List.of("text", "image") : List.of("text");
        ModelSummary summary = new ModelSummary(name, arch, null, null, null, null, config == null ? List.of() : modalities,
                identification.baseModels(), null);
        return new Result(summary, new Model(name, arch, multimodal, 0, 0), null, new ArrayList<>());
    }
}
