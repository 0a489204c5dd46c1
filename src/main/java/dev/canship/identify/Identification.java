package dev.canship.identify;

import java.util.List;

/**
 * Which license and use policy govern a repository, from which evidence, and what is wrong with the evidence.
 *
 * @param matches     every match found, sorted by file and id
 * @param license     the concluded governing license, or null when none can be concluded
 * @param usePolicy   the match of the governing use policy text, or null
 * @param terms       the governing license's terms, as the repository's own text states them where it can be read
 * @param baseModels  the base models the card names
 * @param issues      missing, unknown, conflicting or altered evidence
 */
public record Identification(
        List<LicenseMatch> matches,
        LicenseMatch license,
        LicenseMatch usePolicy,
        LicenseTerms terms,
        List<String> baseModels,
        List<IdentificationIssue> issues) {

    public Identification {
        matches = List.copyOf(matches);
        baseModels = List.copyOf(baseModels);
        issues = List.copyOf(issues);
        terms = terms == null ? LicenseTerms.NONE : terms;
    }
}
