package dev.canship.identify;

import java.util.Locale;

/**
 * How far a reviewer can trust that a piece of evidence names the right license, with the reason in words. Kept
 * apart from the match share (how much of the reference text was found): a tag matches no text at all yet names a
 * license, and a short partial copy matches half a text yet is certainly that license's.
 *
 * @param level  high, medium or low
 * @param reason why, in a few words ("exact text", "altered text", "tag only", "link only"...)
 */
public record LicenseConfidence(Level level, String reason) {

    /** The confidence levels, most trusted first. */
    public enum Level {
        HIGH, MEDIUM, LOW;

        /** The machine value: {@code high}, {@code medium} or {@code low}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Share of the reference from which a copy counts as the whole text (page headers and reflow lose a shingle or two). */
    static final double WHOLE_TEXT = 0.95;
    /** Share below which a copy is only a short part of the text. */
    static final double SHORT_PART = 0.75;

    /** The confidence the evidence {@code m} gives in the license it names. */
    public static LicenseConfidence of(LicenseMatch m) {
        String field = field(m.file());
        return switch (m.source()) {
            case "text" -> ofText(m);
            case "lineage" -> new LicenseConfidence(Level.MEDIUM, "the base model's license");
            // A file that names the license and leaves the text to the publisher: which license is plain, and the
            // publisher's text is what governs anyway; what it cannot show is an edited copy, hence not high.
            case "reference" -> new LicenseConfidence(Level.MEDIUM, m.isLicense() ? "a file names the license; the publisher's text applies" : "a file names the use policy; the publisher's text applies");
            case "weights" -> new LicenseConfidence(Level.LOW, field != null && field.endsWith(".link") ? "weights metadata link only" : "weights metadata tag only");
            default -> new LicenseConfidence(Level.LOW, field != null && field.endsWith("link") ? "link only" : "tag only");
        };
    }

    private static LicenseConfidence ofText(LicenseMatch m) {
        double share = m.confidence();
        if (share < SHORT_PART) {
            return new LicenseConfidence(Level.LOW, "a short part of the text");
        }
        if (share < WHOLE_TEXT) {
            // Said before "altered": the missing rest is itself a deletion, and "partial" says why.
            return new LicenseConfidence(Level.MEDIUM, "a partial copy of the text");
        }
        if (m.substantivelyAltered()) {
            return new LicenseConfidence(Level.MEDIUM, "altered text");
        }
        if (m.altered()) {
            return new LicenseConfidence(Level.HIGH, "text with minor edits");
        }
        return new LicenseConfidence(Level.HIGH, share >= 1.0 ? "exact text" : "the whole text, formatting aside");
    }

    /** The card or metadata field in parentheses after the file name ({@code README.md (license_link)}), or null. */
    private static String field(String file) {
        if (file == null || !file.endsWith(")")) {
            return null;
        }
        int open = file.lastIndexOf(" (");
        return open < 0 ? null : file.substring(open + 2, file.length() - 1);
    }

    /** {@code high (exact text)}. */
    public String describe() {
        return level.label() + " (" + reason + ")";
    }
}
