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
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            return new ModelCard(file, null, text, 1, Map.of());
        }
        int end = -1;
        for (int i = 1; i < lines.length; i++) {
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
        for (int i = 1; i < end; i++) {
            fm.append(lines[i]).append('\n');
            Matcher m = TOP_KEY.matcher(lines[i]);
            if (m.find()) {
                keyLines.putIfAbsent(m.group(1), i + 1);
                allLines.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(i + 1);
                rawValues.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(lines[i].substring(m.end()).strip());
                if (!blocks.isEmpty()) {
                    blocks.get(blocks.size() - 1)[1] = i;
                }
                blocks.add(new int[] {blocks.isEmpty() ? 1 : i, end});
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
            node = keyByKey(file, lines, blocks, why, diagnostics);
        } catch (RuntimeException e) {
            // SnakeYAML signals its own limits (aliases, nesting, size) with unchecked exceptions.
            diagnostics.add(new Diagnostic(file, "front matter rejected: " + firstLine(e.getMessage())));
        }
        return new ModelCard(file, node, body.toString(), end + 2, keyLines, duplicates);
    }

    /**
     * Reads a front matter that does not parse as a whole one top-level key at a time, so that one bad value (a
     * {@code .nan}, an unparsable tagged scalar, an unclosed list) costs that key and not the license tag beside it.
     * Each key that still fails is named in the diagnostic; its value is not guessed.
     */
    private JsonNode keyByKey(String file, String[] lines, List<int[]> blocks, String why, List<Diagnostic> diagnostics) {
        com.fasterxml.jackson.databind.node.ObjectNode out = yaml.createObjectNode();
        List<String> skipped = new ArrayList<>();
        for (int[] b : blocks) {
            StringBuilder part = new StringBuilder();
            for (int i = b[0]; i < b[1]; i++) {
                part.append(lines[i]).append('\n');
            }
            Matcher m = TOP_KEY.matcher(lines[b[0] == 1 ? firstKeyLine(lines, b) : b[0]]);
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
