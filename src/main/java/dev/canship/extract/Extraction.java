package dev.canship.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canship.extract.pickle.SerializationScan;
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
 * @param shardSample which shards of a sharded checkpoint had their headers read ({@link ShardSample#NONE}: all)
 * @param diagnostics files that could not be read as expected
 * @param serialization the pickle scan of every file a pickle loader may open (.bin, .pt, .pkl, .npy...)
 * @param unread      license-bearing documents not read, or read only in part (bounds, failed parses, no text)
 */
public record Extraction(
        Inventory inventory,
        ModelCard card,
        List<TextDocument> documents,
        JsonNode config,
        JsonNode adapterConfig,
        List<WeightsHeader> weights,
        Long indexTotalSize,
        ShardSample shardSample,
        List<Diagnostic> diagnostics,
        List<SerializationScan> serialization,
        List<UnreadDocument> unread) {

    public Extraction {
        unread = unread == null ? List.of() : List.copyOf(unread);
        documents = List.copyOf(documents);
        weights = List.copyOf(weights);
        shardSample = shardSample == null ? ShardSample.NONE : shardSample;
        diagnostics = diagnostics.stream().sorted().toList();
        serialization = List.copyOf(serialization);
    }

    /** An extraction in which every license-bearing document was read whole. */
    public Extraction(Inventory inventory, ModelCard card, List<TextDocument> documents, JsonNode config, JsonNode adapterConfig,
                      List<WeightsHeader> weights, Long indexTotalSize, ShardSample shardSample, List<Diagnostic> diagnostics,
                      List<SerializationScan> serialization) {
        this(inventory, card, documents, config, adapterConfig, weights, indexTotalSize, shardSample, diagnostics, serialization, List.of());
    }

    /** An extraction without serialized files. */
    public Extraction(Inventory inventory, ModelCard card, List<TextDocument> documents, JsonNode config, JsonNode adapterConfig,
                      List<WeightsHeader> weights, Long indexTotalSize, List<Diagnostic> diagnostics) {
        this(inventory, card, documents, config, adapterConfig, weights, indexTotalSize, ShardSample.NONE, diagnostics, List.of(), List.of());
    }

    /** Whether the repository has safetensors weights (then pickle weights beside them are redundant). */
    public boolean hasSafetensors() {
        return weights.stream().anyMatch(w -> WeightsHeader.SAFETENSORS.equals(w.format()))
                || inventory.files().stream().anyMatch(f -> f.name().toLowerCase(java.util.Locale.ROOT).endsWith(".safetensors"));
    }
}
