package dev.canship.rules.facts;

/**
 * Restriction on using outputs to improve other models. {@code scope} stays text: it is the catalogue's own summary
 * of what the license allows and forbids (one sentence per license, shown in findings), an open set that no rule
 * compares, not a closed set of values.
 */
public record OutputTrainingTerm(String license, boolean prohibited, String scope, String clause) {
}
