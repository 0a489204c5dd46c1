package dev.canship.identify;

import java.util.List;

/**
 * Recognizes known license and use-policy texts inside a document's text, by content.
 */
public interface TextMatcher {

    /** Matches of known texts inside {@code text}, best first; empty when none is contained. */
    List<TextHit> match(String text);

    /**
     * As {@link #match(String)}, for a text shown in the Hub's access gate (a card's {@code extra_gated_prompt}),
     * where the Hub's own accept button replaces the license's click-through sentence.
     */
    default List<TextHit> match(String text, boolean accessGate) {
        return match(text);
    }

    /**
     * Like {@link #match}, for a license or use-policy file taken as a whole: words outside every known text found
     * (beyond a title, preface or copyright line) are reported as an added alteration, so a known text with extra
     * terms is never taken for the known text itself.
     */
    default List<TextHit> matchFile(String text) {
        return match(text);
    }

    /**
     * A known text found inside a document.
     *
     * @param id          the license id
     * @param document    {@code license} or {@code use-policy}
     * @param version     the version of the reference text, or null
     * @param confidence  the share of the reference found, 0..1
     * @param alterations passages that differ beyond presentation
     */
    record TextHit(String id, String document, String version, double confidence, List<LicenseMatch.Alteration> alterations) {
    }
}
