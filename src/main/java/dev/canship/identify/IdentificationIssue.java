package dev.canship.identify;

import java.util.List;

/**
 * A problem with the evidence about which license governs: none found, an unknown license-like text,
 * sources that disagree, a known text that was changed. The rules decide what it means for a deployment.
 *
 * @param kind       MISSING, UNKNOWN, CONFLICT, LAUNDERING, ALTERED, ALTERED_MINOR, AMBIGUOUS or UNREAD
 * @param licenseIds the license ids involved, sorted
 * @param message    what was found, in one or two sentences
 * @param files      the files involved, with lines
 */
public record IdentificationIssue(Kind kind, List<String> licenseIds, String message, List<FileLine> files) {

    /**
     * ALTERED_MINOR: only links or a word or two differ from the reference. AMBIGUOUS: the card names a license
     * key twice. UNREAD: a license-bearing document was not parsed (a scan limit was reached), so its terms are
     * unknown.
     */
    public enum Kind { MISSING, UNKNOWN, CONFLICT, LAUNDERING, ALTERED, ALTERED_MINOR, AMBIGUOUS, UNREAD }

    public IdentificationIssue {
        licenseIds = licenseIds.stream().distinct().sorted().toList();
        files = files.stream().distinct().toList();
    }

    public record FileLine(String file, int line) {
    }
}
