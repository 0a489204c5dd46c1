package dev.canship.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Lenient typed access to a config.json object: missing, null or mistyped keys read as absent, never throw. */
final class Cfg {
    static final Cfg EMPTY = new Cfg(null);

    private final JsonNode node;

    Cfg(JsonNode node) {
        this.node = node != null && node.isObject() ? node : null;
    }

    boolean present() {
        return node != null;
    }

    JsonNode raw() {
        return node;
    }

    boolean has(String key) {
        return node != null && node.hasNonNull(key);
    }

    Cfg child(String key) {
        return node == null ? EMPTY : new Cfg(node.get(key));
    }

    /** First of {@code keys} holding an integral number (or an integral-valued float). */
    Long l(String... keys) {
        if (node == null) {
            return null;
        }
        for (String k : keys) {
            JsonNode v = node.get(k);
            if (v != null && v.isNumber() && (v.isIntegralNumber() || v.asDouble() == Math.rint(v.asDouble()))
                    && v.canConvertToLong()) {
                return v.asLong();
            }
        }
        return null;
    }

    Integer i(String... keys) {
        Long v = l(keys);
        return v == null || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? null : v.intValue();
    }

    int i(int dflt, String... keys) {
        Integer v = i(keys);
        return v == null ? dflt : v;
    }

    Double d(String... keys) {
        if (node == null) {
            return null;
        }
        for (String k : keys) {
            JsonNode v = node.get(k);
            if (v != null && v.isNumber()) {
                return v.asDouble();
            }
        }
        return null;
    }

    Boolean b(String... keys) {
        if (node == null) {
            return null;
        }
        for (String k : keys) {
            JsonNode v = node.get(k);
            if (v != null && v.isBoolean()) {
                return v.asBoolean();
            }
        }
        return null;
    }

    String s(String... keys) {
        if (node == null) {
            return null;
        }
        for (String k : keys) {
            JsonNode v = node.get(k);
            if (v != null && v.isTextual()) {
                return v.asText();
            }
        }
        return null;
    }

    /** A list of strings, or null when the key is not an array of strings. */
    List<String> strings(String key) {
        JsonNode v = node == null ? null : node.get(key);
        if (v == null || !v.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                return null;
            }
            out.add(e.asText());
        }
        return out;
    }

    /** A list of integers, or null when the key is not an array of integers. */
    List<Long> longs(String key) {
        JsonNode v = node == null ? null : node.get(key);
        if (v == null || !v.isArray()) {
            return null;
        }
        List<Long> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isIntegralNumber()) {
                return null;
            }
            out.add(e.asLong());
        }
        return out;
    }
}
