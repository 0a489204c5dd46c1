package dev.canship.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canship.extract.weights.WeightsHeader;
import dev.canship.inventory.Diagnostic;
import dev.canship.inventory.Inventory;

import java.util.List;

/**
 * What the extraction stage read from a repository: the card, the text of every license-like file and
 * card field, and the configuration. Nothing here is judged yet.
 *
 * @param inventory   the files it was read from
 * @param card        the model card, or null when the repository has none
 * @param documents   texts to identify, sorted by file and field
 * @param config      config.json, or null
 * @param adapterConfig adapter_config.json (LoRA and similar), or null
 * @param weights     headers of safetensors and GGUF files (never their tensor data)
 * @param indexTotalSize {@code metadata.total_size} of a safetensors index, or null
 * @param diagnostics files that could not be read as expected
 */
public record Extraction(
        Inventory inventory,
        ModelCard card,
        List<TextDocument> documents,
        JsonNode config,
        JsonNode adapterConfig,
        List<WeightsHeader> weights,
        Long indexTotalSize,
        List<Diagnostic> diagnostics) {

    public Extraction {
        documents = List.copyOf(documents);
        weights = List.copyOf(weights);
        diagnostics = diagnostics.stream().sorted().toList();
    }
}
