package dev.canship.identify;

import java.util.List;

/**
 * Which license and use policy govern a repository, from which evidence, and what is wrong with the evidence.
 *
 * @param matches     every match found, sorted by file and id
 * @param license     the concluded governing license, or null when none can be concluded
 * @param usePolicy   the match of the governing use policy text, or null
 * @param terms       the governing license's terms as its publisher states them (never a repository copy's values)
 * @param baseModels  the base models the card, configuration or weights name
 * @param issues      missing, unknown, conflicting or altered evidence
 * @param alsoBinding other known licenses whose terms bind too: further bases of a merge, or bases that sources disagree on
 * @param incorporatedPolicy the id of the use policy the governing license incorporates by reference, as the knowledge
 *                    base holds it (applied whether or not the repository carries a copy), or null
 * @param declared    the license values the card, a Kitfile or a ModelPack config declare, read as SPDX expressions
 */
public record Identification(
        List<LicenseMatch> matches,
        LicenseMatch license,
        LicenseMatch usePolicy,
        LicenseTerms terms,
        List<String> baseModels,
        List<IdentificationIssue> issues,
        List<String> alsoBinding,
        String incorporatedPolicy,
        List<DeclaredLicense> declared) {

    /** An identification without lineage licenses beside the governing one. */
    public Identification(List<LicenseMatch> matches, LicenseMatch license, LicenseMatch usePolicy, LicenseTerms terms,
                          List<String> baseModels, List<IdentificationIssue> issues) {
        this(matches, license, usePolicy, terms, baseModels, issues, List.of(), null, List.of());
    }

    /** An identification that names no incorporated use policy. */
    public Identification(List<LicenseMatch> matches, LicenseMatch license, LicenseMatch usePolicy, LicenseTerms terms,
                          List<String> baseModels, List<IdentificationIssue> issues, List<String> alsoBinding) {
        this(matches, license, usePolicy, terms, baseModels, issues, alsoBinding, null, List.of());
    }

    /** An identification with no declared license values read as expressions. */
    public Identification(List<LicenseMatch> matches, LicenseMatch license, LicenseMatch usePolicy, LicenseTerms terms,
                          List<String> baseModels, List<IdentificationIssue> issues, List<String> alsoBinding, String incorporatedPolicy) {
        this(matches, license, usePolicy, terms, baseModels, issues, alsoBinding, incorporatedPolicy, List.of());
    }

    public Identification {
        alsoBinding = alsoBinding == null ? List.of() : List.copyOf(alsoBinding);
        declared = declared == null ? List.of() : List.copyOf(declared);
        matches = List.copyOf(matches);
        baseModels = List.copyOf(baseModels);
        issues = List.copyOf(issues);
        terms = terms == null ? LicenseTerms.NONE : terms;
    }

    /**
     * The id of the use policy that binds: the one the license incorporates, as the knowledge base holds it, else the
     * license id a use-policy text found in the repository carries; null when neither.
     */
    public String policyId() {
        return incorporatedPolicy != null ? incorporatedPolicy : usePolicy == null ? null : usePolicy.id();
    }

    /**
     * The exception a declaration attaches to the governing license ({@code Apache-2.0 WITH LLVM-exception}), shown
     * beside its title; null when none does.
     */
    public String governingException() {
        return declared.stream().flatMap(d -> d.components().stream())
                .filter(c -> c.role() == DeclaredLicense.Role.GOVERNING && c.exception() != null)
                .map(DeclaredLicense.Component::exception).findFirst().orElse(null);
    }

    /**
     * The declaration that says more than the governing license's id (several licenses, a choice, an exception), as a
     * bill of materials must write it, less the options a license text shows were not taken; null when the governing
     * license stands alone, as when a license text settles a plain choice.
     */
    public DeclaredLicense compoundDeclaration() {
        if (license == null) {
            return null;
        }
        // Only a declaration that names the governing license speaks for it: where lineage or a text concluded
        // another license (a Llama derivative tagged mit OR apache-2.0), the bill of materials names that license.
        return declared.stream().filter(DeclaredLicense::compoundOnceSettled)
                .filter(d -> d.components().stream().anyMatch(c -> c.license().equals(license.id())
                        && (c.role() == DeclaredLicense.Role.GOVERNING || c.role() == DeclaredLicense.Role.OPTION
                        || c.role() == DeclaredLicense.Role.CHOSEN)))
                .findFirst().orElse(null);
    }
}
