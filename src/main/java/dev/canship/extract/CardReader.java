package dev.canship.extract;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canship.inventory.Diagnostic;
import dev.canship.inventory.ScanLimits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a model card into its YAML front matter and Markdown body, and parses the front matter safely. */
final class CardReader {

    private static final Pattern TOP_KEY = Pattern.compile("^([A-Za-z0-9_][A-Za-z0-9_.\\-]*+)\\s*+:"); // possessive: linear on a megabyte line

    private final YAMLMapper yaml;

    CardReader(ScanLimits limits) {
        this.yaml = Parsers.yaml(limits, limits.maxTextBytes());
    }

    ModelCard read(String file, String text, List<Diagnostic> diagnostics) {
        String[] lines = text.split("\r?\n", -1);
        // The Hub reads front matter after leading blank lines too (its pattern allows whitespace before '---'), so a
        // card whose first line is empty still declares its license there.
        int open = 0;
        while (open < lines.length - 1 && lines[open].replace("\uFEFF", "").isBlank()) {
            open++;
        }
        if (lines.length == 0 || !lines[open].replace("\uFEFF", "").strip().equals("---")) {
            return new ModelCard(file, null, text, 1, Map.of());
        }
        int end = -1;
        for (int i = open + 1; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.equals("---") || l.equals("...")) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            diagnostics.add(new Diagnostic(file, "front matter starts with '---' but never ends; read as plain Markdown"));
            return new ModelCard(file, null, text, 1, Map.of());
        }
        StringBuilder fm = new StringBuilder();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        Map<String, List<Integer>> allLines = new LinkedHashMap<>();
        Map<String, List<String>> rawValues = new LinkedHashMap<>();
        List<int[]> blocks = new ArrayList<>(); // [first line, end line) of each top-level key, lines as indexes
        for (int i = open + 1; i < end; i++) {
            fm.append(lines[i]).append('\n');
            Matcher m = TOP_KEY.matcher(lines[i]);
            if (m.find()) {
                keyLines.putIfAbsent(m.group(1), i + 1);
                allLines.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(i + 1);
                rawValues.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(lines[i].substring(m.end()).strip());
                if (!blocks.isEmpty()) {
                    blocks.get(blocks.size() - 1)[1] = i;
                }
                blocks.add(new int[] {blocks.isEmpty() ? open + 1 : i, end});
            }
        }
        Map<String, List<String>> duplicates = new LinkedHashMap<>();
        allLines.forEach((k, at) -> {
            if (at.size() > 1) {
                duplicates.put(k, rawValues.get(k));
                if (!ModelCard.LICENSE_KEYS.contains(k)) {
                    diagnostics.add(new Diagnostic(file, "front matter names '" + k + "' " + at.size() + " times (lines "
                            + at.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                            + "); the last is read: keep one"));
                }
            }
        });
        StringBuilder body = new StringBuilder();
        for (int i = end + 1; i < lines.length; i++) {
            body.append(lines[i]).append('\n');
        }
        JsonNode node = null;
        try {
            node = yaml.readTree(fm.toString());
            if (node != null && !node.isObject()) {
                diagnostics.add(new Diagnostic(file, "front matter is not a YAML mapping; ignored"));
                node = null;
            }
        } catch (JacksonException e) {
            String why = "front matter is not valid YAML" + where(e) + ": " + firstLine(e.getOriginalMessage());
            node = keyByKey(file, lines, blocks, open + 1, why, diagnostics);
        } catch (RuntimeException e) {
            // SnakeYAML signals its own limits (aliases, nesting, size) with unchecked exceptions.
            diagnostics.add(new Diagnostic(file, "front matter rejected: " + firstLine(e.getMessage())));
        }
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            licenseKeys(o, keyLines);
        }
        return new ModelCard(file, node, body.toString(), end + 2, keyLines, duplicates);
    }

    /**
     * A license stated in a way the Hub does not read is still the author's statement, so it is evidence: a license key
     * written in other case ({@code License:}) stands for the key, and {@code license:<id>} tags add the licenses they
     * name (the Hub writes that tag from the license key; one naming another license means both are claimed).
     */
    private static void licenseKeys(com.fasterxml.jackson.databind.node.ObjectNode o, Map<String, Integer> keyLines) {
        for (String k : ModelCard.LICENSE_KEYS) {
            List<String> others = new ArrayList<>();
            o.fieldNames().forEachRemaining(n -> {
                // Other case (License:) and the British spelling (licence:, licence_name:) state the same key.
                if (!n.equals(k) && (n.equalsIgnoreCase(k) || n.equalsIgnoreCase(k.replace("license", "licence")))) {
                    others.add(n);
                }
            });
            for (String n : others) {
                JsonNode v = o.get(n);
                if (!o.has(k)) {
                    o.set(k, v);
                    if (keyLines.containsKey(n)) {
                        keyLines.putIfAbsent(k, keyLines.get(n));
                    }
                } else if (k.equals("license") && v.isTextual() && o.get(k).isTextual() && !o.get(k).asText().strip().equalsIgnoreCase(v.asText().strip())) {
                    // "license: apache-2.0" and "License: cc-by-nc-4.0": both are claims, both bind.
                    o.set(k, o.arrayNode().add(o.get(k).asText()).add(v.asText()));
                }
            }
        }
        JsonNode tags = o.get("tags");
        if (tags == null || !tags.isArray()) {
            return;
        }
        List<String> fromTags = new ArrayList<>();
        for (JsonNode t : tags) {
            String v = t.isTextual() ? t.asText().strip() : "";
            if (v.regionMatches(true, 0, "license:", 0, 8) && v.length() > 8 && v.length() <= 100 && fromTags.size() < 16) {
                fromTags.add(v.substring(8).strip());
            }
        }
        if (fromTags.isEmpty()) {
            return;
        }
        JsonNode declared = o.get("license");
        List<String> have = new ArrayList<>();
        if (declared != null && declared.isTextual()) {
            have.add(declared.asText().strip());
        } else if (declared != null && declared.isArray()) {
            declared.forEach(d -> have.add(d.asText().strip()));
        } else if (declared != null) {
            return; // an odd license value is reported as it is
        }
        com.fasterxml.jackson.databind.node.ArrayNode all = o.arrayNode();
        have.forEach(all::add);
        boolean added = false;
        for (String t : fromTags) {
            if (have.stream().noneMatch(h -> h.equalsIgnoreCase(t))) {
                all.add(t);
                added = true;
            }
        }
        if (added) {
            o.set("license", all.size() == 1 ? all.get(0) : all);
            if (keyLines.containsKey("tags")) {
                keyLines.putIfAbsent("license", keyLines.get("tags"));
            }
        }
    }

    /**
     * Reads a front matter that does not parse as a whole one top-level key at a time, so that one bad value (a
     * {@code .nan}, an unparsable tagged scalar, an unclosed list) costs that key and not the license tag beside it.
     * Each key that still fails is named in the diagnostic; its value is not guessed.
     */
    private JsonNode keyByKey(String file, String[] lines, List<int[]> blocks, int first, String why, List<Diagnostic> diagnostics) {
        com.fasterxml.jackson.databind.node.ObjectNode out = yaml.createObjectNode();
        List<String> skipped = new ArrayList<>();
        for (int[] b : blocks) {
            StringBuilder part = new StringBuilder();
            for (int i = b[0]; i < b[1]; i++) {
                part.append(lines[i]).append('\n');
            }
            Matcher m = TOP_KEY.matcher(lines[b[0] == first ? firstKeyLine(lines, b) : b[0]]);
            String key = m.find() ? m.group(1) : "?";
            try {
                JsonNode n = yaml.readTree(part.toString());
                if (n != null && n.isObject()) {
                    n.fields().forEachRemaining(e -> out.set(e.getKey(), e.getValue()));
                    continue;
                }
            } catch (JacksonException | RuntimeException e) {
                // this key alone is bad: named below
            }
            skipped.add(key);
        }
        diagnostics.add(new Diagnostic(file, why + "; read key by key, "
                + (skipped.isEmpty() ? "every key read" : "skipped: " + String.join(", ", skipped))));
        return out.isEmpty() ? null : out;
    }

    private static int firstKeyLine(String[] lines, int[] block) {
        for (int i = block[0]; i < block[1]; i++) {
            if (TOP_KEY.matcher(lines[i]).find()) {
                return i;
            }
        }
        return block[0];
    }

    private static String where(JacksonException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : " at line " + (e.getLocation().getLineNr() + 1);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown reason";
        }
        String l = s.strip();
        int nl = l.indexOf('\n');
        l = nl < 0 ? l : l.substring(0, nl);
        return l.length() > 200 ? l.substring(0, 200) + "…" : l;
    }
}
