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
 * @param keyLines    the line of each top-level front-matter key, for evidence
 */
public record ModelCard(String file, JsonNode frontMatter, String body, int bodyLine, Map<String, Integer> keyLines) {

    public ModelCard {
        frontMatter = frontMatter == null ? MissingNode.getInstance() : frontMatter;
        keyLines = Map.copyOf(keyLines);
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

    public int lineOf(String key) {
        return keyLines.getOrDefault(key, 1);
    }
}
