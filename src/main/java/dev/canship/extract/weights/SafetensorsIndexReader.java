package dev.canship.extract.weights;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code model.safetensors.index.json} with bounded size and nesting. Index files of the largest public
 * checkpoints are about 10 MiB; the default bound is 64 MiB.
 */
public final class SafetensorsIndexReader {
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private final long maxBytes;
    /** Streamed, not read as a tree: the index of a large checkpoint names every tensor, up to 100,000 of them. */
    private final JsonFactory factory;

    public SafetensorsIndexReader() {
        this(DEFAULT_MAX_BYTES);
    }

    public SafetensorsIndexReader(long maxBytes) {
        this.maxBytes = maxBytes;
        this.factory = BoundedJson.factory(maxBytes);
    }

    /** Reads and validates an index file. */
    public SafetensorsIndex read(Path file) throws WeightsFormatException {
        return read(file, false);
    }

    /**
     * The index's {@code metadata.total_size}, or null when it has none. Reading stops there: exporters write the
     * metadata before the weight map, which in a large checkpoint names 100,000 tensors a check does not need.
     */
    public Long totalSize(Path file) throws WeightsFormatException {
        return read(file, true).totalSizeBytes();
    }

    /** {@link #totalSize(Path)} of the file {@code source} opens, reported as {@code name}. */
    public Long totalSize(String name, ChannelSource source) throws WeightsFormatException {
        return read(name, source, true).totalSizeBytes();
    }

    private SafetensorsIndex read(Path file, boolean sizeOnly) throws WeightsFormatException {
        return read(String.valueOf(file.getFileName()), () -> java.nio.channels.FileChannel.open(file), sizeOnly);
    }

    private SafetensorsIndex read(String name, ChannelSource source, boolean sizeOnly) throws WeightsFormatException {
        Map<String, String> weightMap = null;
        Long totalSize = null;
        Long totalParams = null;
        Map<String, String> meta = new LinkedHashMap<>();
        try {
            try (java.nio.channels.FileChannel ch = source.open(); InputStream in = java.nio.channels.Channels.newInputStream(ch);
                 JsonParser p = factory.createParser(in)) {
                long size = ch.size();
                if (size > maxBytes) {
                    throw new WeightsFormatException(name, "index is " + size + " bytes, over the limit of " + maxBytes);
                }
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new WeightsFormatException(name, "index is not a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken t = p.nextToken();
                    if (field.equals("weight_map") && t == JsonToken.START_OBJECT && !sizeOnly) {
                        weightMap = new LinkedHashMap<>();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String tensor = p.currentName();
                            if (p.nextToken() != JsonToken.VALUE_STRING) {
                                throw new WeightsFormatException(name, "weight_map entry '" + tensor + "' is not a file name");
                            }
                            weightMap.put(tensor, p.getText());
                        }
                    } else if (field.equals("metadata") && t == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String key = p.currentName();
                            JsonToken v = p.nextToken();
                            switch (key) {
                                case "total_size" -> {
                                    totalSize = nonNegativeLong(name, "metadata.total_size", p, v);
                                    if (sizeOnly) {
                                        return new SafetensorsIndex(name, totalSize, null, Map.of(), Map.of());
                                    }
                                }
                                case "total_parameters" -> totalParams = nonNegativeLong(name, "metadata.total_parameters", p, v);
                                default -> {
                                    if (v.isScalarValue()) {
                                        meta.put(key, p.getText());
                                    } else {
                                        p.skipChildren();
                                    }
                                }
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new WeightsFormatException(name, "not valid JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "), e);
        } catch (IOException e) {
            throw new WeightsFormatException(name, "cannot read file (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
        if (weightMap == null && !sizeOnly) {
            throw new WeightsFormatException(name, "index has no weight_map object");
        }
        return new SafetensorsIndex(name, totalSize, totalParams, meta, weightMap == null ? Map.of() : weightMap);
    }

    private static Long nonNegativeLong(String file, String field, JsonParser p, JsonToken v)
            throws IOException, WeightsFormatException {
        // Some exporters write the size as a string; accept digits either way.
        if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER && p.getLongValue() >= 0) {
            return p.getLongValue();
        }
        if (v == JsonToken.VALUE_STRING && p.getText().matches("\\d{1,18}")) {
            return Long.parseLong(p.getText());
        }
        if (v == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (d >= 0 && d < 9e18 && d == Math.rint(d)) {
                return (long) d;
            }
        }
        String shown = switch (v) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "\"" + p.getText() + "\"";
            default -> p.getText();
        };
        throw new WeightsFormatException(file, field + " is not a non-negative integer: " + shown);
    }
}
