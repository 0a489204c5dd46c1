package dev.canship.finding;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One rule violation, as a value: which rule, what kind, how severe, under which license and clause,
 * what is wrong and how to fix it. Findings are produced only by rules; reporters only render them.
 *
 * @param rule        the rule id, e.g. {@code LLAMA-MAU}; {@code canship explain RULE} documents it
 * @param kind        the closed finding kind
 * @param severity    error, warning or info (after any policy override)
 * @param license     the license id whose term is enforced, or {@code null} for checks that are not license terms
 * @param clause      the clause of that license, e.g. {@code §2}, or {@code null}
 * @param message     what is wrong, in one or two plain sentences
 * @param remediation what to do about it
 * @param evidence    files (and lines) that ground the finding, sorted
 * @param waiver      the waiver that covers it, or {@code null}
 */
public record Finding(
        String rule,
        FindingKind kind,
        Severity severity,
        String license,
        String clause,
        String message,
        String remediation,
        List<Evidence> evidence,
        Waiver waiver) {

    /** Deterministic order for every report: most severe first, then rule, license, message. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing(Finding::severity, Comparator.reverseOrder())
            .thenComparing(Finding::rule)
            .thenComparing(f -> Objects.toString(f.license(), ""))
            .thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        remediation = remediation == null ? "" : remediation;
        evidence = evidence == null ? List.of() : evidence.stream().distinct().sorted().toList();
    }

    public boolean waived() {
        return waiver != null && waiver.active();
    }

    public Finding withSeverity(Severity s) {
        return new Finding(rule, kind, s, license, clause, message, remediation, evidence, waiver);
    }

    public Finding withWaiver(Waiver w) {
        return new Finding(rule, kind, severity, license, clause, message, remediation, evidence, w);
    }

    public Finding withEvidence(List<Evidence> more) {
        List<Evidence> all = new java.util.ArrayList<>(evidence);
        all.addAll(more);
        return new Finding(rule, kind, severity, license, clause, message, remediation, all, waiver);
    }
}
