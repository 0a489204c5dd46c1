package dev.canship.deployment;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what Jackson and SnakeYAML say about a user's YAML or JSON file (deployment descriptions, policy files) into
 * the user's words: what is wrong, and how to write it. No Java type or library phrase reaches the user; the
 * caller adds the file, line and field.
 */
public final class InputMistakes {

    private static final Pattern OUT_OF_RANGE = Pattern.compile("Numeric value \\(([^)]{1,40})\\) out of range");

    private InputMistakes() {
    }

    /**
     * What is wrong, for a binding or syntax error; {@code example} (may be null) shows the field written right,
     * e.g. {@code monthly_active_users: 12000000}.
     */
    public static String explain(JacksonException e, String format, String example, String text) {
        String how = example == null ? "" : "; write it like " + example;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputCoercionException ice) {
                Matcher m = OUT_OF_RANGE.matcher(String.valueOf(ice.getOriginalMessage()));
                String value = m.find() ? "'" + m.group(1) + "' is" : "the number is";
                return value + " too large a number for this field" + how;
            }
            if (t == e.getCause() && t instanceof JacksonException syntax && !(t instanceof MismatchedInputException)) {
                return syntax(syntax, format);
            }
        }
        if (e instanceof MismatchedInputException mm) {
            String found = found(mm, text);
            return "expected " + expected(mm.getTargetType()) + ", found " + found + ownCount(example, found).orElse(how);
        }
        if (e instanceof com.fasterxml.jackson.core.exc.StreamReadException) {
            return syntax(e, format);
        }
        return "cannot be read as written" + how;
    }

    /** What a tab in a line's indentation gets: YAML forbids it, and editors hide it. */
    public static final String TAB_INDENT = "a tab character indents this line; YAML indents with spaces only (replace each tab with two spaces)";

    /**
     * The first line (1-based) whose indentation holds a tab, or 0. The parser reports a tab where the enclosing
     * mapping starts, lines above the tab itself, so the line is found here instead.
     */
    public static int tabIndentedLine(String text) {
        int n = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            n++;
            if (line.isBlank()) {
                continue; // whitespace alone, tabs included, is no indentation of anything
            }
            for (int i = 0; i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t'); i++) {
                if (line.charAt(i) == '\t') {
                    return n;
                }
            }
        }
        return 0;
    }

    /** A syntax error: tabs get their own advice, since YAML forbids them for indentation and editors hide them. */
    private static String syntax(JacksonException e, String format) {
        String msg = String.valueOf(e.getOriginalMessage());
        if (msg.contains("\\t") || msg.contains("(TAB)") || msg.contains("\t")) {
            return "a tab character is used here; YAML indents with spaces only (replace each tab with two spaces)";
        }
        String first = msg.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("unknown reason");
        // Parser wording is kept (it says what the parser expected) but never a Java type name.
        first = first.replaceAll("`[^`]*`", "a value").replaceAll("\\s*\\(for [^)]*\\)", "");
        return "not valid " + format + ": " + first;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == Long.class || type == Integer.class || type == long.class || type == int.class || type == Short.class) {
            return "a whole number in digits only (no commas, spaces, decimals or suffixes such as M)";
        }
        if (type == Double.class || type == double.class || type == Float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list, written [a, b] or as lines starting with '- '";
        }
        return "a group of 'name: value' fields indented below it";
    }

    /**
     * What the file holds where a value of another kind was expected, read from the source at the error's location
     * (the parser is closed by then).
     */
    private static String found(MismatchedInputException e, String text) {
        // Jackson names the shape it met: trust that over the source text for lists and groups.
        String said = String.valueOf(e.getOriginalMessage());
        if (said.contains("from Object value")) {
            return "a group of fields";
        }
        if (said.contains("from Array value")) {
            return "a list";
        }
        if (e.getLocation() == null || text == null || e.getLocation().getLineNr() < 1) {
            return "a value of another kind";
        }
        List<String> lines = text.lines().toList();
        int line = e.getLocation().getLineNr() - 1;
        if (line >= lines.size()) {
            return "a value of another kind";
        }
        String l = lines.get(line);
        int col = Math.max(0, Math.min(l.length(), e.getLocation().getColumnNr() - 1));
        String value = l.substring(col).strip();
        if (value.startsWith("\"") && value.length() > 1) {
            // JSON: the location is the value itself.
        } else if (value.contains(": ") || value.endsWith(":")) {
            value = value.substring(value.indexOf(':') + 1).strip();
        }
        value = value.replaceAll("\\s+#.*$", "").strip();
        if (value.isEmpty()) {
            String next = lines.stream().skip(line + 1L).map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).findFirst().orElse("");
            return next.startsWith("-") ? "a list" : next.isEmpty() ? "nothing" : "a group of fields on the lines below";
        }
        if (value.startsWith("[") || value.startsWith("- ")) {
            return "a list";
        }
        if (value.startsWith("{")) {
            return "a group of fields";
        }
        value = value.replaceAll("[,}\\]]+$", "").strip();
        java.util.regex.Matcher quoted = QUOTED_PLAIN.matcher(value);
        if (quoted.matches()) {
            // "2000000" is text, not a number: the digits alone would make the message look wrong.
            return "'" + shorten(quoted.group(2)) + "' in quotes, which makes it text; remove the quotes";
        }
        value = value.replaceAll("^\"(.*)\"$", "$1");
        return "'" + shorten(value) + "'";
    }

    /**
     * For a count written with a suffix or separators ({@code 5M}, {@code 5,000,000}), the example with the user's own
     * count in digits: a generic number invites copying the wrong one.
     */
    private static java.util.Optional<String> ownCount(String example, String found) {
        Matcher ex = example == null ? null : Pattern.compile("([a-z_]+): \\d+").matcher(example);
        Matcher f = Pattern.compile("'(.+)'").matcher(found);
        if (ex == null || !ex.matches() || !f.matches()) {
            return java.util.Optional.empty();
        }
        java.util.OptionalLong n = Counts.read(f.group(1));
        return n.isPresent() ? java.util.Optional.of("; write it in digits: " + ex.group(1) + ": " + n.getAsLong()) : java.util.Optional.empty();
    }

    /** A number or true/false written in quotes. */
    private static final java.util.regex.Pattern QUOTED_PLAIN =
            java.util.regex.Pattern.compile("([\"'])(-?[0-9]+(?:\\.[0-9]+)?|true|false)\\1");

    private static String shorten(String s) {
        String one = s.replaceAll("\\p{Cntrl}", " ");
        return one.length() > 40 ? one.substring(0, 40) + "…" : one;
    }

    /** True when the text holds no value at all (empty, blank or only comments). */
    public static boolean isEmpty(ObjectMapper mapper, String text) {
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            return p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The 1-based line of every field and list item, keyed by dotted path ({@code waivers.0.rule},
     * {@code licenses.allow.1}), read from the token stream so that errors found after binding can point at the line.
     */
    public static Map<String, Integer> lines(ObjectMapper mapper, String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME || (t.isScalarValue() && p.getParsingContext().inArray())
                        || ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && p.getParsingContext().getParent() != null
                        && p.getParsingContext().getParent().inArray())) {
                    String pointer = p.getParsingContext().pathAsPointer().toString();
                    if (pointer.length() > 1) {
                        lines.putIfAbsent(pointer.substring(1).replace('/', '.'), p.currentTokenLocation().getLineNr());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Syntax errors are reported by the binding pass with their own location.
        }
        return lines;
    }
}
