package dev.canship.inventory;

/**
 * Makes untrusted text safe to print on one line: file names and reasons come from the repository, and a
 * name holding a newline or a bidirectional override could forge or hide lines of a report.
 */
public final class OneLine {

    private OneLine() {
    }

    /** {@code s} with control, line-separator and bidi-override characters written as escapes (backslash-n, backslash-x plus hex digits). */
    public static String of(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String esc = escape(c);
            if (esc != null && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (esc != null) {
                    sb.append(esc);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> {
                if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                    yield String.format("\\x%02x", (int) c);
                }
                // Line and paragraph separators, and the bidi embeddings, overrides and isolates ("Trojan Source").
                if (c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                        || c == '\u200e' || c == '\u200f' || c == '\u061c') {
                    yield String.format("\\u%04x", (int) c);
                }
                yield null;
            }
        };
    }
}
