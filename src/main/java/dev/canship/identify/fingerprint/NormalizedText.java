package dev.canship.identify.fingerprint;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A text reduced to its words by {@link TextNormalizer}: lower-case tokens free of markup, layout and
 * numbering, each tied back to its place in the display text so a caller can quote the original.
 *
 * <p>Immutable. Arrays are held privately because the matcher reads them in tight loops.
 */
public final class NormalizedText {

    /**
     * A list or section numbering token ({@code 1.}, {@code b.}, {@code (iv)}, {@code 1.1}).
     *
     * @param index   the token index it sits before (when dropped) or at (when kept)
     * @param label   the marker as written, without emphasis, e.g. {@code "2."} or {@code "(a)"}
     * @param tokens  the token(s) it would produce if kept, e.g. {@code ["2"]}
     * @param dropped   true when the normalizer removed it from the token stream as numbering
     * @param lineStart true when it was the first word of its line (a heading or list item rather than a reference)
     */
    public record Marker(int index, String label, List<String> tokens, boolean dropped, boolean lineStart) {
        public Marker {
            Objects.requireNonNull(label);
            tokens = List.copyOf(tokens);
        }
    }

    private final String display;
    private final String[] tokens;
    private final int[] starts;
    private final int[] ends;
    private final boolean[] numberingForm;
    private final List<Marker> markers;

    NormalizedText(String display, String[] tokens, int[] starts, int[] ends, boolean[] numberingForm, List<Marker> markers) {
        this.display = display;
        this.tokens = tokens;
        this.starts = starts;
        this.ends = ends;
        this.numberingForm = numberingForm;
        this.markers = List.copyOf(markers);
    }

    /** The text the token offsets refer to: the input itself, or the text Jsoup extracted from HTML (NFC-composed). */
    public String display() {
        return display;
    }

    /** Number of tokens. */
    public int size() {
        return tokens.length;
    }

    /** The token at {@code i}. */
    public String token(int i) {
        return tokens[i];
    }

    /** All tokens, as an unmodifiable list. */
    public List<String> tokens() {
        return List.of(tokens);
    }

    /** Start offset of token {@code i} in {@link #display()}. */
    public int start(int i) {
        return starts[i];
    }

    /** End offset (exclusive) of token {@code i} in {@link #display()}. */
    public int end(int i) {
        return ends[i];
    }

    /** True when token {@code i} is a numbering-shaped token the normalizer kept (e.g. a number ending a sentence). */
    public boolean isNumberingForm(int i) {
        return numberingForm[i];
    }

    /** Numbering markers met in the text, dropped or kept, in text order. */
    public List<Marker> markers() {
        return markers;
    }

    /**
     * The display text spanning tokens {@code from} (inclusive) to {@code to} (exclusive), or "" when the range is empty.
     * Used to quote what a candidate says at an altered place.
     */
    public String quote(int from, int to) {
        from = Math.max(0, from);
        to = Math.min(tokens.length, to);
        if (from >= to) {
            return "";
        }
        return display.substring(starts[from], ends[to - 1]).replaceAll("\\s+", " ").strip();
    }

    String[] tokenArray() {
        return tokens;
    }

    @Override
    public String toString() {
        return "NormalizedText" + Arrays.toString(Arrays.copyOf(tokens, Math.min(tokens.length, 20)))
                + (tokens.length > 20 ? "…(" + tokens.length + ")" : "");
    }
}
