package dev.canship.rules.facts;

/**
 * One term a license carries, whatever its details: the applicability rules give every term of every binding
 * license a verdict on whether it applies to the deployment, so none is silently left out of the checklist.
 */
public record LicenseTerm(String license, TermKind kind, String clause) {
}
