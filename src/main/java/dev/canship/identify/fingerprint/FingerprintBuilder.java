package dev.canship.identify.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

import dev.canship.identify.fingerprint.Fingerprint.ClauseMark;
import dev.canship.identify.fingerprint.Fingerprint.Shingle;
import dev.canship.identify.fingerprint.Fingerprint.TermAnchor;
import dev.canship.identify.fingerprint.Fingerprint.VariableRegion;

/**
 * Builds {@link Fingerprint}s from reference texts and reads and writes them.
 *
 * <p>Building: the redistributor's preface is removed ({@link #stripPreface}), the text is normalized
 * ({@link TextNormalizer}), every {@value #SHINGLE_SIZE}-token window is hashed and the windows are winnowed with a
 * window of {@value #WINDOW}; windows at the edges of the text and of variable regions are always kept, so changes
 * next to them are still seen. Variable regions are copyright-holder lines (a line of at most 20 words that starts
 * with "Copyright (c)", "Copyright ©", "Copyright 2024", "Copyright [" or "© 2024" and stands on its own) and, in
 * Apache-style texts, the "APPENDIX: How to apply ..." that follows "END OF TERMS AND CONDITIONS" (instructions with
 * a placeholder copyright line; an attachment of use restrictions after that phrase is not variable).
 */
public final class FingerprintBuilder {

    /** Words per shingle. */
    public static final int SHINGLE_SIZE = 5;

    /** Winnowing window; must not exceed {@link #SHINGLE_SIZE} so that every single-word change is seen. */
    public static final int WINDOW = 5;

    private FingerprintBuilder() {
    }

    /** Builds the fingerprint of {@code text}; {@code version} may be null. */
    public static Fingerprint build(String id, String kind, String version, String text) {
        return build(id, kind, version, null, text);
    }

    /** Builds the fingerprint of {@code text}, recording {@code source} (free text) in the header. */
    public static Fingerprint build(String id, String kind, String version, String source, String text) {
        NormalizedText nt = TextNormalizer.normalize(stripPreface(text));
        String[] tokens = nt.tokenArray();
        int n = tokens.length;
        long[] hashes = Shingles.all(Shingles.tokenHashes(tokens), SHINGLE_SIZE);
        int s = hashes.length;

        long[] tokenHashes = Shingles.tokenHashes(tokens);
        List<VariableRegion> regions = new ArrayList<>();
        for (VariableRegion r : variableRegions(nt)) {
            int from = Math.max(0, r.start() - SHINGLE_SIZE);
            long before = r.start() == 0 ? 0 : Shingles.shingle(tokenHashes, from, r.start() - from);
            regions.add(new VariableRegion(r.start(), r.end(), r.reason(), before));
        }
        BitSet forced = new BitSet(s);
        if (s > 0) {
            forced.set(0);
            forced.set(s - 1);
        }
        for (VariableRegion r : regions) {
            // The window just before and the window just after a region: changes bordering it must stay visible.
            if (r.start() - SHINGLE_SIZE >= 0 && r.start() - SHINGLE_SIZE < s) {
                forced.set(r.start() - SHINGLE_SIZE);
            }
            if (r.end() < s) {
                forced.set(r.end());
            }
        }
        int[] keep = Shingles.winnow(hashes, WINDOW, forced);
        List<Shingle> shingles = new ArrayList<>(keep.length);
        for (int p : keep) {
            shingles.add(new Shingle(p, hashes[p]));
        }
        List<TermAnchor> anchors = TermAnchors.find(tokens);
        List<ClauseMark> clauses = ClausePaths.of(nt.markers());
        return new Fingerprint(id, kind, version, source, n, SHINGLE_SIZE, WINDOW, shingles, anchors, clauses, regions);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Preface

    private static final Pattern BRACKET_NOTE = Pattern.compile("\\s*\\[[^\\[\\]]*\\]\\s*");
    private static final Pattern RULE = Pattern.compile("\\s*(?:-{3,}|\\*{3,}|_{3,}|={3,})\\s*");
    private static final Pattern PREFACE_WORDS = Pattern.compile(
            "(?i)\\b(verbatim|copy|copied|retrieved|mirror(ed)?|converted|original|reproduced|taken from|downloaded)\\b");

    /**
     * Removes a redistributor's preface so that the text starts at the license proper. Two shapes are recognised,
     * both within the first lines: (1) leading lines that are wholly a bracketed note, such as
     * {@code [For the original copy, see https://...]}; (2) a short block (at most 12 non-blank lines and 120 words)
     * that says it is a copy ("verbatim", "copy", "retrieved", "converted", "original" ...) and ends with a Markdown
     * thematic break ({@code ---}); the block, its title and the break are removed. A text without either shape is
     * returned unchanged, as is a text that would be left empty.
     */
    public static String stripPreface(String text) {
        if (text == null) {
            return "";
        }
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = t.split("\n", -1);
        int i = 0;
        while (i < lines.length && (lines[i].isBlank() || BRACKET_NOTE.matcher(lines[i]).matches())) {
            i++;
        }
        int nonBlank = 0;
        int words = 0;
        StringBuilder block = new StringBuilder();
        for (int j = i; j < lines.length && nonBlank <= 12; j++) {
            if (RULE.matcher(lines[j]).matches()) {
                if (nonBlank > 0 && words <= 120 && PREFACE_WORDS.matcher(block).find()) {
                    i = j + 1;
                }
                break;
            }
            if (!lines[j].isBlank()) {
                nonBlank++;
                words += lines[j].strip().split("\\s+").length;
                block.append(lines[j]).append('\n');
            }
        }
        String rest = String.join("\n", Arrays.asList(lines).subList(Math.min(i, lines.length), lines.length));
        return rest.isBlank() ? t : rest;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Variable regions

    /** A copyright-holder line (also used by the matcher to tolerate such a line outside a reference). */
    static final Pattern COPYRIGHT_LINE = Pattern.compile(
            "(?i)(?:copyright\\s*(?:\\(c\\)|©|\\d{4}|\\[|<|\\{)|©\\s*\\d{4}|\\(c\\)\\s*\\d{4}).*");

    /** A line without Markdown quote, heading, list and emphasis marks at its start: what {@link #COPYRIGHT_LINE} is matched on. */
    static String lineCore(String line) {
        return line.strip().replaceAll("^[#>*\\-+\\s]+", "").replaceAll("^[*_]+", "");
    }

    static List<VariableRegion> variableRegions(NormalizedText nt) {
        List<VariableRegion> out = new ArrayList<>();
        String d = nt.display();
        String[] lines = d.split("\n", -1);
        int offset = 0;
        String prev = "";
        for (String line : lines) {
            int lineStart = offset;
            int lineEnd = offset + line.length();
            offset = lineEnd + 1;
            String core = lineCore(line);
            if (COPYRIGHT_LINE.matcher(core).matches() && core.split("\\s+").length <= 20 && standsAlone(prev)) {
                int first = -1;
                int last = -1;
                for (int k = 0; k < nt.size(); k++) {
                    if (nt.start(k) >= lineStart && nt.start(k) < lineEnd) {
                        if (first < 0) {
                            first = k;
                        }
                        last = k;
                    } else if (nt.start(k) >= lineEnd) {
                        break;
                    }
                }
                if (first >= 0) {
                    out.add(new VariableRegion(first, last + 1, "copyright", 0));
                }
            }
            if (!line.isBlank()) {
                prev = line.strip();
            } else {
                prev = "";
            }
        }
        // Apache-style appendix: instructions for applying the license, with a placeholder copyright line.
        String[] t = nt.tokenArray();
        for (int k = 0; k + 5 <= t.length; k++) {
            if (t[k].equals("end") && t[k + 1].equals("of") && t[k + 2].equals("terms") && t[k + 3].equals("and")
                    && t[k + 4].equals("conditions") && k + 9 <= t.length && t[k + 5].equals("appendix")
                    && t[k + 6].equals("how") && t[k + 7].equals("to") && t[k + 8].equals("apply")
                    && (t.length - (k + 5)) * 10 < t.length * 3) {
                int from = k + 5;
                out.removeIf(r -> r.start() >= from);
                out.add(new VariableRegion(from, t.length, "appendix", 0));
                break;
            }
        }
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    /** A copyright line stands alone after a blank line, at the start, after a sentence end, or after a short title. */
    private static boolean standsAlone(String prev) {
        if (prev.isEmpty()) {
            return true;
        }
        char last = prev.charAt(prev.length() - 1);
        if (".!?:".indexOf(last) >= 0) {
            return true;
        }
        return prev.split("\\s+").length <= 8 && ",;(-".indexOf(last) < 0;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Files

    /**
     * Writes {@code fp} in the canship fingerprint format (version {@value Fingerprint#FORMAT_VERSION}), a small UTF-8
     * text file:
     * <pre>
     * canship-fingerprint 1
     * normalizer 1
     * hash fnv1a64-splitmix64
     * id llama3.1
     * kind license
     * version -                      ("-" when none)
     * source free text to the end of the line
     * tokens 1189
     * shingle-size 5
     * window 5
     * anchor &lt;position&gt; &lt;length&gt; &lt;type&gt; &lt;value&gt;      (0..n lines)
     * clause &lt;position&gt; &lt;path&gt;                       (0..n lines)
     * variable &lt;start&gt; &lt;end&gt; &lt;reason&gt; &lt;hex hash of the words before&gt;  (0..n lines)
     * shingles &lt;count&gt;
     * &lt;base64 lines&gt;   per shingle: varint(position - previous position), then the 8-byte hash, big-endian
     * end
     * </pre>
     */
    public static void write(Fingerprint fp, Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(path)) {
            write(fp, out);
        }
    }

    /** Writes {@code fp} to {@code out} (not closed); see {@link #write(Fingerprint, Path)}. */
    public static void write(Fingerprint fp, OutputStream out) throws IOException {
        FingerprintCodec.write(fp, out);
    }

    /** Reads a fingerprint file; see {@link #read(InputStream)}. */
    public static Fingerprint read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in);
        }
    }

    /**
     * Reads a fingerprint written by {@link #write}. Reads at most {@value FingerprintCodec#MAX_BYTES} bytes and
     * rejects files with more entries than a reference text could produce, so a hostile file cannot exhaust memory.
     */
    public static Fingerprint read(InputStream in) throws IOException {
        return FingerprintCodec.read(in);
    }
}
