package dev.canship.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model card: the YAML front matter of {@code README.md} and the Markdown body after it.
 *
 * @param file        the card's path in the repository
 * @param frontMatter the parsed front matter, or a missing node when the card has none
 * @param body        the Markdown after the front matter
 * @param bodyLine    the 1-based line where the body starts
 * @param keyLines    the line of each top-level front-matter key (its first), for evidence
 * @param duplicateKeys top-level keys the front matter names more than once, with the raw text after each
 *                    {@code key:} in line order (YAML keeps the last; the author may have meant any)
 */
public record ModelCard(String file, JsonNode frontMatter, String body, int bodyLine, Map<String, Integer> keyLines,
                        Map<String, List<String>> duplicateKeys) {

    public ModelCard {
        frontMatter = frontMatter == null ? MissingNode.getInstance() : frontMatter;
        keyLines = Map.copyOf(keyLines);
        duplicateKeys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(duplicateKeys));
    }

    /** Keys whose repetition makes the card ambiguous about its license: a finding, not only a diagnostic. */
    public static final java.util.Set<String> LICENSE_KEYS = java.util.Set.of("license", "license_name", "license_link");

    public ModelCard(String file, JsonNode frontMatter, String body, int bodyLine, Map<String, Integer> keyLines) {
        this(file, frontMatter, body, bodyLine, keyLines, Map.of());
    }

    /** A top-level scalar of the front matter as text, or null. */
    public String text(String key) {
        JsonNode n = frontMatter.path(key);
        return n.isValueNode() && !n.isNull() ? n.asText() : null;
    }

    /** A top-level key that may be a scalar or a list, as a list of strings. */
    public List<String> texts(String key) {
        JsonNode n = frontMatter.path(key);
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(e -> {
                if (e.isValueNode() && !e.isNull()) {
                    out.add(e.asText());
                }
            });
        } else if (n.isValueNode() && !n.isNull()) {
            out.add(n.asText());
        }
        return out;
    }

    /** A top-level key's text values (its own, or its list's items), leaving out what {@link #nonText} reports. */
    public List<String> strings(String key) {
        JsonNode n = frontMatter.path(key);
        List<String> out = new ArrayList<>();
        for (JsonNode e : n.isArray() ? n : List.of(n)) {
            if (e.isTextual()) {
                out.add(e.asText());
            }
        }
        return out;
    }

    /** How much of a value that is not text {@link #nonText} quotes: enough to recognise it, bounded as untrusted. */
    private static final int MAX_QUOTED = 80;

    /**
     * The values of a top-level key (the key's own value, or each item of its list) that are neither text nor null:
     * a nested list, a map, a number or a boolean, each quoted as YAML gave it (shortened), for a report that says
     * what was found where a name belonged. Empty when every value is text.
     */
    public List<String> nonText(String key) {
        JsonNode n = frontMatter.path(key);
        List<String> out = new ArrayList<>();
        for (JsonNode e : n.isArray() ? n : List.of(n)) {
            if (!e.isMissingNode() && !e.isNull() && !e.isTextual()) {
                String shown = (e.isObject() ? "a map " : e.isArray() ? "a nested list " : e.isBoolean() ? "the boolean " : "the number ") + e;
                out.add(shown.length() > MAX_QUOTED ? shown.substring(0, MAX_QUOTED) + "…" : shown);
            }
        }
        return out;
    }

    public int lineOf(String key) {
        return keyLines.getOrDefault(key, 1);
    }
}
