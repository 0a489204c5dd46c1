package dev.canship.identify.fingerprint;

import java.time.LocalDate;
import java.util.List;

/**
 * Key terms read from a candidate license text (the user's own file), each null or empty when the text has none.
 *
 * @param mauThreshold       monthly-active-user threshold, e.g. 700000000 for "700 million monthly active users"
 * @param effectiveDate      release, effective or last-modified date stated in the text (day precision only)
 * @param namePrefix         the name a derived model's name must begin with, e.g. "Llama" or "Llama 3"
 * @param attributionPhrases quoted phrases to display, e.g. "Built with Llama"
 * @param noticeSentence     the sentence to put in a "Notice" text file
 */
public record ExtractedTerms(
        Long mauThreshold,
        LocalDate effectiveDate,
        String namePrefix,
        List<String> attributionPhrases,
        String noticeSentence) {

    /** No terms found. */
    public static final ExtractedTerms NONE = new ExtractedTerms(null, null, null, List.of(), null);

    public ExtractedTerms {
        attributionPhrases = attributionPhrases == null ? List.of() : List.copyOf(attributionPhrases);
    }
}
