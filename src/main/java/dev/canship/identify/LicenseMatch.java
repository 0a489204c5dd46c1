package dev.canship.identify;

import java.util.List;

/**
 * One piece of evidence about a license: a text that matched a known license or use policy, or a
 * metadata field that names one.
 *
 * @param id          the license id (catalog id)
 * @param version     the version of the text matched (e.g. a dated Gemma text), or null
 * @param document    {@code license} or {@code use-policy}
 * @param source      {@code text} (a file's or card field's content), {@code metadata} (card tags, weights metadata) or {@code weights}
 * @param file        the file, relative to the repository root, with the card field in parentheses where it applies
 * @param line        the 1-based line in that file, 0 when unknown
 * @param confidence  0..1: for a text, how much of the reference text was found ({@link #matchShare}); for other
 *                    sources a fixed weight of the kind of evidence (kept for the JSON contract), never a share
 * @param altered     the text differs from the reference beyond presentation
 * @param alterations the changed passages, when altered
 */
public record LicenseMatch(
        String id,
        String version,
        String document,
        String source,
        String file,
        int line,
        double confidence,
        boolean altered,
        List<Alteration> alterations) {

    public LicenseMatch {
        alterations = alterations == null ? List.of() : List.copyOf(alterations);
        confidence = Math.round(confidence * 1000) / 1000.0;
    }

    public boolean isLicense() {
        return "license".equals(document);
    }

    /**
     * A passage of a known text that reads differently in the repository.
     *
     * @param kind      changed, deleted or inserted
     * @param clause    the clause of the reference where it happens, when known
     * @param before    the words of the repository's file just before the change (context)
     * @param found     what the repository's file says there (empty when deleted)
     * @param expected  what the reference has there, where canship knows it (numbers and key terms), else null
     * @param substantive true when it can change the terms: a number or key term, or more than a few words;
     *                  false for a changed link or a word or two (copies on the Hub often differ that much)
     */
    public record Alteration(String kind, String clause, String before, String found, String expected, boolean substantive) {
    }

    /**
     * How much of the reference text this evidence matched, 0..1; null where no text was compared (a tag, a link,
     * a file that only names the license, lineage), so a tag never reads as "100% of the text".
     */
    public Double matchShare() {
        return "text".equals(source) ? confidence : null;
    }

    /** How far this evidence can be trusted to name the right license, and why. */
    public LicenseConfidence licenseConfidence() {
        return LicenseConfidence.of(this);
    }

    /** True when any alteration can change the terms. */
    public boolean substantivelyAltered() {
        return alterations.stream().anyMatch(Alteration::substantive);
    }
}
