package dev.canship.extract.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code model.safetensors.index.json} with bounded size and nesting. Index files of the largest public
 * checkpoints are about 10 MiB; the default bound is 64 MiB.
 */
public final class SafetensorsIndexReader {
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private final long maxBytes;
    private final ObjectMapper mapper;

    public SafetensorsIndexReader() {
        this(DEFAULT_MAX_BYTES);
    }

    public SafetensorsIndexReader(long maxBytes) {
        this.maxBytes = maxBytes;
        this.mapper = BoundedJson.mapper(maxBytes);
    }

    /** Reads and validates an index file. */
    public SafetensorsIndex read(Path file) throws WeightsFormatException {
        String name = String.valueOf(file.getFileName());
        JsonNode root;
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new WeightsFormatException(name, "index is " + size + " bytes, over the limit of " + maxBytes);
            }
            try (InputStream in = Files.newInputStream(file)) {
                root = mapper.readTree(in);
            }
        } catch (JsonProcessingException e) {
            throw new WeightsFormatException(name, "not valid JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "), e);
        } catch (IOException e) {
            throw new WeightsFormatException(name, "cannot read file (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new WeightsFormatException(name, "index is not a JSON object");
        }
        JsonNode wm = root.get("weight_map");
        if (wm == null || !wm.isObject()) {
            throw new WeightsFormatException(name, "index has no weight_map object");
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = wm.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new WeightsFormatException(name, "weight_map entry '" + e.getKey() + "' is not a file name");
            }
            weightMap.put(e.getKey(), e.getValue().asText());
        }
        Long totalSize = null;
        Long totalParams = null;
        Map<String, String> meta = new LinkedHashMap<>();
        JsonNode md = root.get("metadata");
        if (md != null && md.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = md.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                switch (e.getKey()) {
                    case "total_size" -> totalSize = nonNegativeLong(name, "metadata.total_size", v);
                    case "total_parameters" -> totalParams = nonNegativeLong(name, "metadata.total_parameters", v);
                    default -> {
                        if (v.isValueNode()) {
                            meta.put(e.getKey(), v.asText());
                        }
                    }
                }
            }
        }
        return new SafetensorsIndex(name, totalSize, totalParams, meta, weightMap);
    }

    private static Long nonNegativeLong(String file, String field, JsonNode v) throws WeightsFormatException {
        // Some exporters write the size as a string; accept digits either way.
        if (v.isIntegralNumber() && v.canConvertToLong() && v.asLong() >= 0) {
            return v.asLong();
        }
        if (v.isTextual() && v.asText().matches("\\d{1,18}")) {
            return Long.parseLong(v.asText());
        }
        if (v.isFloatingPointNumber() && v.asDouble() >= 0 && v.asDouble() < 9e18 && v.asDouble() == Math.rint(v.asDouble())) {
            return (long) v.asDouble();
        }
        throw new WeightsFormatException(file, field + " is not a non-negative integer: " + v);
    }
}
