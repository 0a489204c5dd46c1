package dev.canship.rules.facts;

/**
 * Whether one term of a binding license applies to the deployment, and why, as {@code rules/applicability.drl}
 * derives it; the obligation checklist in the reports renders these and decides nothing itself.
 *
 * @param term    the term
 * @param license the license that carries it
 * @param status  {@link Status#YES} it applies, {@link Status#NO} the deployment does not do what triggers it,
 *                {@link Status#UNDECLARED} whether it is met rests on a field the deployment left out
 * @param reason  in plain words: why it does not apply, which fields were not declared, or why it applies
 */
public record Applicability(TermKind term, String license, Status status, String reason) {

    public enum Status { YES, NO, UNDECLARED }
}
