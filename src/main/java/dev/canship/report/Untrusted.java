package dev.canship.report;

import dev.canship.inventory.OneLine;

/**
 * The one place where strings from a repository (card fields, config values, header metadata, file and folder
 * names, quotes of unknown texts, messages that embed them) are made safe to render. Such a string can hold
 * terminal escape sequences, carriage returns, bidi overrides, zero-width characters, newlines followed by a fake
 * {@code Verdict: PASS}, or Markdown and HTML that would open a heading, a table row, a link or a code fence. Each
 * reporter passes every such string through the method for its format, and its whole output through
 * {@link #document}, so that a model card can neither erase, forge nor hide a verdict.
 */
public final class Untrusted {

    /** Zero-width space: what the Markdown report itself puts into autolinks and mentions to break them. */
    static final char ZWSP = '\u200B';

    private Untrusted() {
    }

    /** For a terminal or a plain-text file: one line, every control, escape, bidi and invisible character shown as an escape. */
    public static String text(String s) {
        return s == null ? null : OneLine.of(s);
    }

    /** {@link #text} or {@code fallback} for a null. */
    public static String text(Object s, String fallback) {
        return s == null ? fallback : OneLine.of(s.toString());
    }

    /**
     * For Markdown outside code spans: {@link #text}, then every Markdown and HTML metacharacter escaped, so the
     * string is inline text that cannot start a heading, list, quote, table row or fence, nor a link, image,
     * emphasis or HTML; autolinks, @-mentions and issue references are broken with a zero-width space.
     */
    public static String markdown(String s) {
        if (s == null) {
            return "";
        }
        String t = text(s).replace("://", ":" + ZWSP + "//").replaceAll("(?i)\\bwww\\.", "www" + ZWSP + ".")
                .replace("@", "@" + ZWSP).replaceAll("#(?=\\d)", "#" + ZWSP)
                // An emoji shortcode such as a check mark could forge a verdict icon.
                .replaceAll(":(?=[A-Za-z0-9_+-])", ":" + ZWSP);
        StringBuilder sb = new StringBuilder(t.length() + 16);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                // Emphasis, links, images, code, tables, headings, strike-through and (GitHub) math; a line never
                // starts with an untrusted string, and its line breaks are escaped, so list and quote markers are inert.
                case '|', '*', '_', '[', ']', '(', ')', '`', '\\', '#', '!', '~', '$' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * A Markdown code span: its content shows literally (no markup, links or mentions inside), so only backticks,
     * what {@link #text} escapes and, in a table cell, the pipe that would end the cell need care.
     */
    public static String code(String s, boolean inTable) {
        String t = s == null ? "" : text(s).replace('`', '\'');
        if (inTable) {
            t = t.replace("|", "\\|");
        }
        return "`" + t + "`";
    }

    /**
     * A whole rendered text or Markdown document with its own line breaks kept and every other control or invisible
     * character shown as an escape: the safety net under the per-field escaping (the Markdown report's own
     * zero-width spaces are kept).
     */
    public static String document(String rendered) {
        return OneLine.lines(rendered, ZWSP);
    }

    /** For an HTML text node or attribute (markup is escaped by Jsoup): controls, bidi and invisible characters made visible. */
    public static String visible(String s) {
        return s == null ? null : OneLine.lines(s, (char) 0);
    }
}
