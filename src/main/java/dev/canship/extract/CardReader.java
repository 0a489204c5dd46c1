package dev.canship.extract;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canship.inventory.Diagnostic;
import dev.canship.inventory.ScanLimits;

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
        for (int i = 1; i < end; i++) {
            fm.append(lines[i]).append('\n');
            Matcher m = TOP_KEY.matcher(lines[i]);
            if (m.find()) {
                keyLines.putIfAbsent(m.group(1), i + 1);
            }
        }
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
            diagnostics.add(new Diagnostic(file, "front matter is not valid YAML" + where(e) + ": " + firstLine(e.getOriginalMessage())));
        } catch (RuntimeException e) {
            // SnakeYAML signals its own limits (aliases, nesting, size) with unchecked exceptions.
            diagnostics.add(new Diagnostic(file, "front matter rejected: " + firstLine(e.getMessage())));
        }
        return new ModelCard(file, node, body.toString(), end + 2, keyLines);
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
