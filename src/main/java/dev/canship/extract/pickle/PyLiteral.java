package dev.canship.extract.pickle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Python literal in a {@code .npy} header ({@code {'descr': '<f4', 'fortran_order': False, 'shape': (3,)}}):
 * dicts, lists, tuples (as lists), strings, integers, True, False, None. Never evaluates anything; nesting is bounded.
 */
final class PyLiteral {

    private static final int MAX_DEPTH = 32;

    private final String s;
    private int i;

    private PyLiteral(String s) {
        this.s = s;
    }

    /** The value, or throws {@link IllegalArgumentException} with the reason. */
    static Object parse(String text) {
        PyLiteral p = new PyLiteral(text);
        Object v = p.value(0);
        p.space();
        if (p.i < p.s.length()) {
            throw new IllegalArgumentException("unexpected text after the value at character " + p.i);
        }
        return v;
    }

    private void space() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
        }
        space();
        if (i >= s.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{' -> {
                i++;
                Map<Object, Object> m = new LinkedHashMap<>();
                while (true) {
                    space();
                    if (peek('}')) {
                        return m;
                    }
                    Object k = value(depth + 1);
                    space();
                    expect(':');
                    m.put(k instanceof List<?> ? k.toString() : k, value(depth + 1));
                    space();
                    if (peek('}')) {
                        return m;
                    }
                    expect(',');
                }
            }
            case '[', '(' -> {
                char close = c == '[' ? ']' : ')';
                i++;
                List<Object> l = new ArrayList<>();
                while (true) {
                    space();
                    if (peek(close)) {
                        return l;
                    }
                    l.add(value(depth + 1));
                    space();
                    if (peek(close)) {
                        return l;
                    }
                    expect(',');
                }
            }
            case '\'', '"' -> {
                return string(c);
            }
            default -> {
                return word();
            }
        }
    }

    private boolean peek(char c) {
        if (i < s.length() && s.charAt(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw new IllegalArgumentException("expected '" + c + "' at character " + i);
        }
    }

    private String string(char quote) {
        i++;
        StringBuilder sb = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\\' && i < s.length()) {
                sb.append(s.charAt(i++));
            } else {
                sb.append(c);
            }
        }
        throw new IllegalArgumentException("unterminated string");
    }

    private Object word() {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '-' || s.charAt(i) == '+' || s.charAt(i) == '_')) {
            i++;
        }
        String w = s.substring(start, i);
        return switch (w) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            case "None" -> null;
            default -> {
                if (w.matches("[+-]?\\d{1,18}L?")) {
                    yield Long.parseLong(w.replace("L", "").replace("+", ""));
                }
                throw new IllegalArgumentException(w.isEmpty() ? "unexpected character at " + start : "unknown word '" + w + "'");
            }
        };
    }
}
