package dev.canship.inventory;

/**
 * Makes untrusted text safe to print on one line: file names and reasons come from the repository, and a
 * name holding a newline, a terminal escape sequence, a bidirectional override or an invisible character could
 * forge, erase or hide lines of a report. Every such character is written as a visible escape instead.
 */
public final class OneLine {

    private OneLine() {
    }

    /**
     * {@code s} with control characters (C0, DEL, C1: ESC and CSI included), line and paragraph separators and every
     * format character (bidi embeddings, overrides, isolates and marks, zero-width spaces and joiners, the BOM, tag
     * characters) written as escapes: backslash-n, backslash-x plus two hex digits, backslash-u plus four.
     */
    public static String of(String s) {
        return escape(s, false);
    }

    /**
     * The same for a whole rendered document, whose own line breaks are kept: a safety net under the escaping of
     * each field, so that no control or invisible character reaches a terminal or a reader whatever a reporter missed.
     *
     * @param keep a format character the document itself puts in (none: {@code 0})
     */
    public static String lines(String s, char keep) {
        return escape(s, true, keep);
    }

    private static String escape(String s, boolean keepNewlines) {
        return escape(s, keepNewlines, (char) 0);
    }

    private static String escape(String s, boolean keepNewlines, char keep) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            String esc = (keepNewlines && cp == '\n') || (keep != 0 && cp == keep) ? null : escape(cp);
            if (esc != null && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (esc != null) {
                    sb.append(esc);
                } else {
                    sb.appendCodePoint(cp);
                }
            }
            i += n;
        }
        return sb == null ? s : sb.toString();
    }

    /** The visible form of a code point that must not be printed as is, or null when it may be. */
    static String escape(int cp) {
        switch (cp) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        int type = Character.getType(cp);
        boolean hidden = type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                // Blank in most fonts though classed as letters: could hide text between visible words.
                || cp == 0x115f || cp == 0x1160 || cp == 0x3164 || cp == 0xffa0;
        if (!hidden) {
            return null;
        }
        if (cp < 0x100) {
            return String.format("\\x%02x", cp);
        }
        return cp <= 0xffff ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp);
    }
}
