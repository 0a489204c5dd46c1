package dev.canship.identify.fingerprint;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns extracted text (plain, Markdown, HTML, or text pulled out of a PDF) into a stream of lower-case word
 * tokens that is the same for every presentation of one document, so that fingerprints compare content only.
 *
 * <p>What is removed or unified, and why:
 * <ul>
 *   <li>HTML: parsed with Jsoup (never with regular expressions); block elements become line breaks. Markdown with
 *       inline HTML tags (e.g. {@code <span>}) is run through Jsoup's fragment parser the same way.</li>
 *   <li>Unicode presentation: NFKC, smart quotes, dashes, non-breaking and other spaces, soft hyphens and BOMs.</li>
 *   <li>Markdown: link syntax {@code [x](url)} keeps {@code x}; emphasis, headings, quotes and bullets are
 *       punctuation and vanish with it.</li>
 *   <li>Layout: line reflow is irrelevant (tokens ignore line breaks); a word hyphenated at a line end is joined,
 *       also when a reflow has since turned the line break into a space; a hyphen between letters is dropped
 *       everywhere (so {@code non-exclusive}, {@code non-\nexclusive} and {@code non- exclusive} agree).</li>
 *   <li>PDF page furniture: lines reading {@code Page N}, {@code Page N of M}, {@code N/M}, and bare numbers that
 *       form a page series (1, 2, 3 … on lines of their own) are dropped.</li>
 *   <li>Numbering: tokens shaped like list or section markers ({@code 1.}, {@code b.}, {@code iv.}, {@code (a)},
 *       {@code 2)}, {@code 1.1}) are dropped when they start a line or follow the end of a sentence or clause, because
 *       renderers renumber or drop them. Numbers inside sentences ({@code 700 million}) are kept: a changed number
 *       must change the fingerprint. Dropped and kept markers are reported so the matcher can tell a numbering
 *       difference from a real change.</li>
 *   <li>Case and punctuation: tokens are runs of letters and digits, lower-cased; apostrophes inside words are
 *       dropped; digit groups {@code 700,000,000} become {@code 700000000}; decimals such as {@code 3.1} stay one
 *       token.</li>
 * </ul>
 */
public final class TextNormalizer {

    /** How to read the input. */
    public enum Format {
        /** HTML when the text starts like an HTML document, else {@link #TEXT}. */
        AUTO,
        /** Plain text or Markdown; inline HTML tags, when present, are removed with Jsoup's fragment parser. */
        TEXT,
        /** An HTML document or fragment; text is taken with Jsoup. */
        HTML
    }

    /** Bumped whenever the token stream for some input would change; stored in fingerprints. */
    public static final int VERSION = 1;

    private TextNormalizer() {
    }

    /** Normalizes {@code raw}, detecting HTML documents. */
    public static NormalizedText normalize(String raw) {
        return normalize(raw, Format.AUTO);
    }

    /** Normalizes {@code raw} read as {@code format}. */
    public static NormalizedText normalize(String raw, Format format) {
        String display = displayText(raw == null ? "" : raw, format);
        Work work = Work.of(display);
        work.maskPageFurniture(); // before link masking, which can leave a lone number on a line
        work.maskMarkdown();
        return work.tokenize();
    }

    /**
     * A readable one-line rendering of {@code raw} with markup and page furniture removed and words hyphenated at line
     * ends joined; case, punctuation and quotes (as ASCII {@code "} and {@code '}) are kept. Meant for pattern-based
     * term extraction ({@link TermExtractor}).
     */
    public static String plainText(String raw) {
        String display = displayText(raw == null ? "" : raw, Format.AUTO);
        Work work = Work.of(display);
        work.maskPageFurniture(); // before link masking, which can leave a lone number on a line
        work.maskMarkdown();
        String s = new String(work.chars).replace(String.valueOf(IGNORED), "");
        s = LINE_END_HYPHEN.matcher(s).replaceAll("$1");
        s = EMPHASIS.matcher(s).replaceAll("");
        s = LINE_PREFIX.matcher(s).replaceAll("");
        return s.replaceAll("\\s+", " ").strip();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Step 1: the display text (Jsoup for HTML)

    private static final Pattern HTML_DOCUMENT = Pattern.compile("(?is)^\\s*+(<\\?xml[^>]*+>\\s*+)?(<!doctype\\s++html|<html[\\s>]|<head[\\s>]|<body[\\s>])");
    private static final Pattern INLINE_HTML = Pattern.compile(
            "(?i)<!--|</?(span|div|p|br|a|b|i|u|em|strong|sup|sub|ul|ol|li|table|thead|tbody|tr|td|th|h[1-6]|img|hr|details|summary"
                    + "|center|font|code|pre|blockquote|small|mark|del|ins|s|dl|dt|dd|section|article)(\\s[^<>]*+)?/?>");
    private static final Pattern AUTOLINK = Pattern.compile("<((?:https?|ftp|mailto):[^\\s<>]++|[\\w.+-]++@[\\w-]++\\.[\\w.-]++)>");

    static String displayText(String raw, Format format) {
        String text;
        boolean angle = raw.indexOf('<') >= 0;
        if (format == Format.HTML || (format == Format.AUTO && angle && HTML_DOCUMENT.matcher(raw).lookingAt())) {
            Document doc = Jsoup.parse(raw);
            text = blockText(doc.body());
        } else if (angle && INLINE_HTML.matcher(raw).find()) {
            // Markdown autolinks look like tags to an HTML parser; blank their brackets first (same length).
            Matcher m = AUTOLINK.matcher(raw);
            String prepared = m.replaceAll(r -> " " + Matcher.quoteReplacement(r.group(1)) + " ");
            text = blockText(Jsoup.parseBodyFragment(prepared).body());
        } else {
            text = raw;
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static final java.util.Set<String> PARAGRAPH_BLOCKS = java.util.Set.of("p", "div", "h1", "h2", "h3", "h4", "h5",
            "h6", "blockquote", "pre", "ul", "ol", "dl", "table", "section", "article", "header", "footer", "main", "nav",
            "aside", "figure", "figcaption", "hr", "address", "details", "summary", "form", "fieldset");
    private static final java.util.Set<String> LINE_BLOCKS = java.util.Set.of("li", "tr", "dt", "dd", "caption", "option");

    /** Text of an element with line breaks for block boundaries and {@code <br>}; text nodes keep their whitespace. */
    private static String blockText(Element root) {
        StringBuilder sb = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    sb.append(t.getWholeText());
                } else if (node instanceof Element e) {
                    String name = e.normalName();
                    if (name.equals("br")) {
                        sb.append('\n');
                    } else if (PARAGRAPH_BLOCKS.contains(name)) {
                        sb.append("\n\n");
                    } else if (LINE_BLOCKS.contains(name)) {
                        sb.append('\n');
                    } else if (name.equals("td") || name.equals("th")) {
                        sb.append(' ');
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    String name = e.normalName();
                    if (PARAGRAPH_BLOCKS.contains(name)) {
                        sb.append("\n\n");
                    } else if (LINE_BLOCKS.contains(name)) {
                        sb.append('\n');
                    }
                }
            }
        }, root);
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Step 2..4: character mapping, masking, tokenizing

    /*
     * The patterns below run on repository text, which may be megabytes shaped against them. Each is linear by
     * construction: every unbounded quantifier is possessive (*+, ++) or bounded, and is followed by something its
     * own character class cannot match, so the engine never has two ways to split a run and never backtracks into
     * one; where find() could start again inside a run that a failed attempt already scanned, the pattern cannot
     * start there (a link's text cannot hold '[', so two starts never scan the same text). HostileBoundsTest feeds
     * each 4 MiB of its worst shape.
     */
    /**
     * A Markdown link: {@code [text](url "title")}. The text holds no bracket (a nested bracket is unbalanced text:
     * the link starts at the last '['), the URL no ']' and no blank (a title, or nothing, follows the first blank).
     */
    private static final Pattern MD_LINK = Pattern.compile("(!?\\[)((?:[^\\[\\]\\n]|\\n(?![ \\t]*+\\n)){0,1000}+)"
            + "(\\]\\((?:\\s*+<?[^)\\s>\\]]*+>?(?:\\s++\"[^\"\\n]*+\")?|\\s++\"[^\"\\n]*+\")\\s*+\\))");
    private static final Pattern MD_ESCAPE = Pattern.compile("\\\\(?=[!-/:-@\\[-`{-~])");
    private static final Pattern PAGE_LINE = Pattern.compile("(?i)(?:page|pg\\.?|p\\.)\\s*+\\d{1,4}(?:\\s*+(?:of|/)\\s*+\\d{1,4})?|\\d{1,4}\\s*+(?:/|of)\\s*+\\d{1,4}");
    private static final Pattern FIRST_NUMBER = Pattern.compile("\\d{1,4}");
    private static final Pattern NUMBER_LINE = Pattern.compile("[-–—\\s]*+(\\d{1,4})[-–—\\s]*+");
    private static final Pattern LINE_END_HYPHEN = Pattern.compile("(\\p{L})-[ \\t]*+\\n\\s*+(?=\\p{L})");
    private static final Pattern EMPHASIS = Pattern.compile("[*`~]++|(?<![\\p{L}\\p{N}])_++|_+(?![\\p{L}\\p{N}])");
    // The last branch gives back at most one '_' (then the next character is '_', which the lookahead accepts).
    private static final Pattern LINE_PREFIX = Pattern.compile("(?m)^[ \\t]*+(?:#{1,6}|>++)[ \\t]*+");

    private static final Pattern MARKER_PAREN = Pattern.compile("\\((?:\\d{1,3}|[A-Za-z]|" + roman() + ")\\)");
    private static final Pattern MARKER_HALF_PAREN = Pattern.compile("(?:\\d{1,3}|[A-Za-z]|" + roman() + ")\\)");
    private static final Pattern MARKER_PERIOD = Pattern.compile("(?:\\d{1,3}|[A-Za-z]|" + roman() + ")\\.");
    private static final Pattern MARKER_DOTTED = Pattern.compile("\\d{1,2}(?:\\.\\d{1,2})+\\.?");

    private static String roman() {
        // Valid roman numerals up to 39, lower or upper case, so that words such as "civil." never look like markers.
        return "(?=[ivxIVX])(?:x{0,3}(?:ix|iv|v?i{0,3})|X{0,3}(?:IX|IV|V?I{0,3}))";
    }

    /** Marker shapes; DOTTED is told apart because "3.1" is as often a version number as a section number. */
    enum MarkerForm { NONE, LIST, DOTTED }

    static MarkerForm markerForm(String chunk) {
        if (chunk.length() > 10 || chunk.isEmpty()) {
            return MarkerForm.NONE;
        }
        char last = chunk.charAt(chunk.length() - 1);
        if (last != '.' && last != ')' && (last < '0' || last > '9' || chunk.indexOf('.') < 0)) {
            return MarkerForm.NONE; // fast path: ordinary words
        }
        if (MARKER_PAREN.matcher(chunk).matches() || MARKER_HALF_PAREN.matcher(chunk).matches()
                || MARKER_PERIOD.matcher(chunk).matches()) {
            return MarkerForm.LIST;
        }
        if (MARKER_DOTTED.matcher(chunk).matches()) {
            return MarkerForm.DOTTED;
        }
        return MarkerForm.NONE;
    }

    /** Stands for a removed character inside a chunk (an escaping backslash); skipped by the tokenizer. */
    private static final char IGNORED = '\u0000';

    private static final Map<Integer, String> COMPAT = new java.util.concurrent.ConcurrentHashMap<>();

    /** The working copy: mapped characters plus, for each, the span of the display character it came from. */
    private static final class Work {
        final String display;
        final char[] chars;
        final int[] from;
        final int[] to;

        private Work(String display, char[] chars, int[] from, int[] to) {
            this.display = display;
            this.chars = chars;
            this.from = from;
            this.to = to;
        }

        static Work of(String display) {
            int n = display.length();
            StringBuilder sb = new StringBuilder(n + 16);
            int[] from = new int[n + 16];
            int[] to = new int[n + 16];
            int len = 0;
            for (int i = 0; i < n; ) {
                char ch = display.charAt(i);
                if (ch >= 0x20 && ch < 0x7F && ch != '`') { // fast path: printable ASCII maps to itself
                    if (len == from.length) {
                        from = Arrays.copyOf(from, len * 2);
                        to = Arrays.copyOf(to, len * 2);
                    }
                    sb.append(ch);
                    from[len] = i;
                    to[len] = i + 1;
                    len++;
                    i++;
                    continue;
                }
                int cp = display.codePointAt(i);
                int next = i + Character.charCount(cp);
                String out = map(cp, display, i, next);
                for (int k = 0; k < out.length(); k++) {
                    if (len == from.length) {
                        from = Arrays.copyOf(from, len * 2);
                        to = Arrays.copyOf(to, len * 2);
                    }
                    sb.append(out.charAt(k));
                    from[len] = i;
                    to[len] = next;
                    len++;
                }
                i = next;
            }
            char[] chars = new char[len];
            sb.getChars(0, len, chars, 0);
            return new Work(display, chars, from, to);
        }

        private static String map(int cp, String s, int i, int next) {
            if (cp < 0x80) {
                if (cp == '\r') {
                    return next < s.length() && s.charAt(next) == '\n' ? "" : "\n";
                }
                if (cp == '\t' || cp == 0x0B) {
                    return " ";
                }
                if (cp == '\f') {
                    return "\n";
                }
                if (cp == '`') {
                    return " ";
                }
                if (cp < 0x20 && cp != '\n') {
                    return " ";
                }
                return String.valueOf((char) cp);
            }
            switch (cp) {
                case 0x2028, 0x2029, 0x0085:
                    return "\n";
                case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC, 0x02B9, 0xFF07:
                    return "'";
                case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB, 0x2039, 0x203A, 0xFF02:
                    return "\"";
                case 0x2010, 0x2011:
                    return "-";
                case 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0x2E3A, 0x2E3B:
                    return " ";
                case 0x2022, 0x2023, 0x2043, 0x25AA, 0x25CF, 0x25E6, 0x00B7:
                    return " ";
                default:
                    break;
            }
            int type = Character.getType(cp);
            if (type == Character.FORMAT) {
                return ""; // BOM, zero-width characters, soft hyphen: joining is right for all of them
            }
            if (type == Character.SPACE_SEPARATOR || type == Character.CONTROL) {
                return " ";
            }
            return COMPAT.computeIfAbsent(cp, c -> Normalizer.normalize(new String(Character.toChars(c)), Normalizer.Form.NFKC));
        }

        private void blank(int from, int to) {
            for (int i = from; i < to; i++) {
                if (chars[i] != '\n') {
                    chars[i] = ' ';
                }
            }
        }

        /** Markdown link syntax keeps its text; backslash escapes lose the backslash; autolinks lose brackets. */
        void maskMarkdown() {
            String seq = new String(chars);
            Matcher m;
            if (seq.indexOf('[') >= 0) {
                m = MD_LINK.matcher(seq);
                while (m.find()) {
                    blank(m.start(1), m.end(1));
                    blank(m.start(3), m.end(3));
                }
            }
            if (seq.indexOf('<') < 0 && seq.indexOf('\\') < 0) {
                return;
            }
            seq = new String(chars);
            m = MD_ESCAPE.matcher(seq);
            while (m.find()) {
                chars[m.start()] = IGNORED; // "1\." must stay the chunk "1." (a marker), so the backslash is skipped, not blanked
            }
            m = AUTOLINK.matcher(seq);
            while (m.find()) {
                blank(m.start(), m.start() + 1);
                blank(m.end() - 1, m.end());
            }
        }

        /** Blanks page-number lines: explicit forms always, bare numbers when they form a page series. */
        void maskPageFurniture() {
            List<int[]> lines = new ArrayList<>(); // start, end (exclusive, without newline)
            int s = 0;
            for (int i = 0; i <= chars.length; i++) {
                if (i == chars.length || chars[i] == '\n') {
                    lines.add(new int[] {s, i});
                    s = i + 1;
                }
            }
            List<int[]> bare = new ArrayList<>(); // line index, value, 1 when already blanked as an explicit page line
            int firstContent = -1;
            int lastContent = -1;
            for (int li = 0; li < lines.size(); li++) {
                int[] l = lines.get(li);
                String t = new String(chars, l[0], l[1] - l[0]).strip();
                if (t.isEmpty()) {
                    continue;
                }
                if (firstContent < 0) {
                    firstContent = li;
                }
                lastContent = li;
                if (PAGE_LINE.matcher(t).matches()) {
                    blank(l[0], l[1]);
                    Matcher num = FIRST_NUMBER.matcher(t);
                    if (num.find()) {
                        bare.add(new int[] {li, Integer.parseInt(num.group()), 1}); // joins the series of bare numbers
                    }
                    continue;
                }
                Matcher m = NUMBER_LINE.matcher(t);
                if (m.matches()) {
                    bare.add(new int[] {li, Integer.parseInt(m.group(1)), 0});
                }
            }
            // Chains of consecutive values (n, n+1, ...) starting at a small page number are page numbers.
            Map<Integer, List<int[]>> open = new HashMap<>();
            List<List<int[]>> chains = new ArrayList<>();
            for (int[] b : bare) {
                List<int[]> chain = open.remove(b[1]);
                if (chain == null) {
                    if (b[1] > 3) {
                        continue;
                    }
                    chain = new ArrayList<>();
                    chains.add(chain);
                }
                chain.add(b);
                open.put(b[1] + 1, chain);
            }
            for (List<int[]> chain : chains) {
                boolean lone = chain.size() == 1 && chain.get(0)[1] == 1
                        && (chain.get(0)[0] == lastContent || chain.get(0)[0] == firstContent);
                if (chain.size() >= 2 || lone) {
                    for (int[] b : chain) {
                        int[] l = lines.get(b[0]);
                        blank(l[0], l[1]);
                    }
                }
            }
        }

        NormalizedText tokenize() {
            int n = chars.length;
            List<String> tokens = new ArrayList<>();
            IntArray starts = new IntArray();
            IntArray ends = new IntArray();
            java.util.BitSet numbering = new java.util.BitSet();
            List<NormalizedText.Marker> markers = new ArrayList<>();

            boolean prevTerminal = true; // the text start counts as a clause boundary
            boolean lineHasWord = false;
            int i = 0;
            IntArray idx = new IntArray();
            while (i < n) {
                char c = chars[i];
                if (c == '\n') {
                    lineHasWord = false;
                    i++;
                    continue;
                }
                if (c == ' ') {
                    i++;
                    continue;
                }
                int cs = i;
                while (i < n && chars[i] != ' ' && chars[i] != '\n') {
                    i++;
                }
                int ce = i;
                idx.clear();
                idx.addRange(cs, ce);
                // A word hyphenated at a line end continues on the next line, or after a space once the lines were
                // joined by a reflow ("models-and- libraries"): join the two chunks in both cases.
                while (ce - cs >= 2 && chars[ce - 1] == '-' && Character.isLetter(chars[ce - 2])) {
                    int j = ce;
                    while (j < n && (chars[j] == ' ' || chars[j] == '\n')) {
                        j++;
                    }
                    if (j >= n || !Character.isLetter(chars[j])) {
                        break;
                    }
                    cs = j;
                    while (j < n && chars[j] != ' ' && chars[j] != '\n') {
                        j++;
                    }
                    ce = j;
                    idx.addRange(cs, ce);
                    i = j;
                }
                String chunk = chunkString(idx);
                boolean hasWord = false;
                for (int k = 0; k < chunk.length(); k++) {
                    if (Character.isLetterOrDigit(chunk.charAt(k))) {
                        hasWord = true;
                        break;
                    }
                }
                if (!hasWord) {
                    if (chunk.indexOf('.') >= 0 || chunk.indexOf(':') >= 0 || chunk.indexOf(';') >= 0
                            || chunk.indexOf('!') >= 0 || chunk.indexOf('?') >= 0) {
                        prevTerminal = true;
                    }
                    continue;
                }
                boolean lineStart = !lineHasWord;
                lineHasWord = true;
                String core = stripEmphasis(chunk);
                MarkerForm form = markerForm(core);
                int before = tokens.size();
                List<String> produced = new ArrayList<>(2);
                emitTokens(idx, produced, starts, ends);
                boolean drop = form != MarkerForm.NONE && (prevTerminal || (lineStart && form == MarkerForm.LIST));
                if (form != MarkerForm.NONE) {
                    markers.add(new NormalizedText.Marker(before, core, produced, drop, lineStart));
                }
                if (drop) {
                    starts.truncate(before);
                    ends.truncate(before);
                } else {
                    for (String p : produced) {
                        numbering.set(tokens.size(), form != MarkerForm.NONE);
                        tokens.add(p);
                    }
                }
                prevTerminal = endsClause(chunk);
            }
            boolean[] num = new boolean[tokens.size()];
            for (int k = 0; k < num.length; k++) {
                num[k] = numbering.get(k);
            }
            return new NormalizedText(display, tokens.toArray(String[]::new), starts.toArray(), ends.toArray(), num, markers);
        }

        private String chunkString(IntArray idx) {
            int first = idx.get(0);
            int n = idx.size();
            if (idx.get(n - 1) == first + n - 1) {
                boolean clean = true;
                for (int k = first; k < first + n && clean; k++) {
                    clean = chars[k] != IGNORED;
                }
                if (clean) {
                    return new String(chars, first, n);
                }
            }
            StringBuilder c = new StringBuilder(idx.size());
            for (int k = 0; k < idx.size(); k++) {
                if (chars[idx.get(k)] != IGNORED) {
                    c.append(chars[idx.get(k)]);
                }
            }
            return c.toString();
        }

        /** Splits one chunk (given as character indices) into tokens, recording display offsets. */
        private void emitTokens(IntArray idx, List<String> out, IntArray starts, IntArray ends) {
            StringBuilder tok = new StringBuilder();
            int tokStart = -1;
            int tokEnd = -1;
            int m = idx.size();
            for (int k = 0; k < m; k++) {
                char ch = chars[idx.get(k)];
                if (ch == IGNORED) {
                    continue;
                }
                int cp = ch;
                int width = 1;
                if (Character.isHighSurrogate(ch) && k + 1 < m && Character.isLowSurrogate(chars[idx.get(k + 1)])) {
                    cp = Character.toCodePoint(ch, chars[idx.get(k + 1)]);
                    width = 2;
                }
                boolean wordChar = Character.isLetterOrDigit(cp) || (tok.length() > 0 && isMark(cp));
                if (wordChar && Character.isIdeographic(cp)) {
                    flush(tok, tokStart, tokEnd, out, starts, ends);
                    tok.appendCodePoint(cp);
                    flush(tok, from[idx.get(k)], to[idx.get(k + width - 1)], out, starts, ends);
                    tokStart = -1;
                    k += width - 1;
                    continue;
                }
                if (wordChar) {
                    if (tok.length() == 0) {
                        tokStart = from[idx.get(k)];
                    }
                    tok.appendCodePoint(Character.toLowerCase(cp));
                    tokEnd = to[idx.get(k + width - 1)];
                    k += width - 1;
                    continue;
                }
                char prev = tok.length() > 0 ? tok.charAt(tok.length() - 1) : 0;
                char next = k + 1 < m ? chars[idx.get(k + 1)] : 0;
                if ((ch == '\'' || ch == '-') && Character.isLetter(prev) && Character.isLetter(next)) {
                    continue; // joined: "meta's" -> "metas", "non-exclusive" -> "nonexclusive"
                }
                if (ch == '.' && Character.isDigit(prev) && Character.isDigit(next)) {
                    tok.append('.');
                    continue;
                }
                if (ch == ',' && Character.isDigit(prev) && Character.isDigit(next)) {
                    continue; // digit grouping
                }
                flush(tok, tokStart, tokEnd, out, starts, ends);
            }
            flush(tok, tokStart, tokEnd, out, starts, ends);
        }

        private static void flush(StringBuilder tok, int start, int end, List<String> out, IntArray starts, IntArray ends) {
            if (tok.length() > 0) {
                out.add(tok.toString());
                starts.add(start);
                ends.add(end);
                tok.setLength(0);
            }
        }
    }

    private static boolean isMark(int cp) {
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK;
    }

    static String stripEmphasis(String chunk) {
        int a = 0;
        int b = chunk.length();
        while (a < b && "*_~\"'".indexOf(chunk.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && "*_~\"'".indexOf(chunk.charAt(b - 1)) >= 0) {
            b--;
        }
        return chunk.substring(a, b);
    }

    /** True when a chunk ends a sentence or clause ({@code . : ; ! ?}), looking past closing quotes and emphasis. */
    static boolean endsClause(String chunk) {
        int b = chunk.length();
        while (b > 0 && "*_~\"')]}".indexOf(chunk.charAt(b - 1)) >= 0) {
            b--;
        }
        return b > 0 && ".:;!?".indexOf(chunk.charAt(b - 1)) >= 0;
    }

    /** A growable int array (avoids boxing in the tokenizer). */
    static final class IntArray {
        private int[] a = new int[64];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        void addRange(int from, int to) {
            for (int v = from; v < to; v++) {
                add(v);
            }
        }

        int get(int i) {
            return a[i];
        }

        int size() {
            return n;
        }

        void clear() {
            n = 0;
        }

        void truncate(int size) {
            n = Math.min(n, size);
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
