package dev.canship.extract.weights;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A sharded checkpoint's {@code model.safetensors.index.json}.
 *
 * @param file            file name
 * @param totalSizeBytes  {@code metadata.total_size}: bytes of all tensor data, or null when absent (some
 *                        exporters write empty metadata)
 * @param totalParameters {@code metadata.total_parameters} when an exporter wrote it, else null
 * @param metadata        other scalar metadata values, as strings
 * @param weightMap       tensor name to shard file
 */
public record SafetensorsIndex(String file, Long totalSizeBytes, Long totalParameters, Map<String, String> metadata,
                               Map<String, String> weightMap) {
    public SafetensorsIndex {
        metadata = Map.copyOf(metadata);
        weightMap = Map.copyOf(weightMap);
    }

    /** The distinct shard files the weight map points to, sorted. */
    public Set<String> shardFiles() {
        return new TreeSet<>(weightMap.values());
    }
}
