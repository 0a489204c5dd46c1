package dev.canship.identify;

import java.util.List;

/**
 * A problem with the evidence about which license governs: none found, an unknown license-like text,
 * sources that disagree, a known text that was changed. The rules decide what it means for a deployment.
 *
 * @param kind       MISSING, UNKNOWN, CONFLICT, LAUNDERING, LINEAGE_CONFLICT, LINEAGE_UNDECLARED, LINEAGE_LATER, LINEAGE_PERMISSIVE, ALTERED, ALTERED_MINOR, AMBIGUOUS, UNREAD, ALSO_BINDING, CHOICE, CHOSEN or STATEMENT
 * @param licenseIds the license ids involved, the one that governs first (a conflict lists them sorted)
 * @param message    what was found, in one or two sentences
 * @param files      the files involved, with lines
 */
public record IdentificationIssue(Kind kind, List<String> licenseIds, String message, List<FileLine> files) {

    /**
     * LAUNDERING: the base model's license differs from the one the repository claims (the base's governs).
     * LINEAGE_CONFLICT: the card, configuration or weights name bases under different licenses.
     * LINEAGE_UNDECLARED: the lineage rests on weaker evidence (prose only, or no license of the repository's own).
     * LINEAGE_LATER: the repository claims a later license of the same family and licensor as its base's (Llama 3.3 over a
     * Llama 3.1 base): what a licensor does with its own models, not laundering; the base's license binds as well.
     * LINEAGE_PERMISSIVE: a permissive base (Apache, MIT, BSD) under another license canship knows: allowed, provided
     * the base's notices are kept; the claim governs and the base's license binds as well.
     * ALTERED_MINOR: only links or a word or two that carry no term differ from the reference.
     * AMBIGUOUS: the card names a license key twice.
     * UNREAD: a license, use policy or the card's front matter was not read, or only in part (a bound, a failed parse, no text).
     * ALSO_BINDING: a declaration names another license with AND (or in a list) beside the governing one: it binds too.
     * CHOICE: a declaration offers a choice (OR) and no license text shows which is taken.
     * CHOSEN: a declaration offers a choice (OR) and the repository's license text shows the one taken.
     * STATEMENT: a use-policy or license file is a publisher's statement that binds nothing beyond the law (licenses/statements.yaml).
     */
    public enum Kind { MISSING, UNKNOWN, CONFLICT, LAUNDERING, LINEAGE_CONFLICT, LINEAGE_UNDECLARED, LINEAGE_LATER, LINEAGE_PERMISSIVE, ALTERED, ALTERED_MINOR, AMBIGUOUS, UNREAD, ALSO_BINDING, CHOICE, CHOSEN, STATEMENT }

    public IdentificationIssue {
        licenseIds = licenseIds.stream().distinct().toList();
        files = files.stream().distinct().toList();
    }

    public record FileLine(String file, int line) {
    }
}
