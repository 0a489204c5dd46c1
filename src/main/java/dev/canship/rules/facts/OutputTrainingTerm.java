package dev.canship.rules.facts;

/** Restriction on using outputs to improve other models. */
public record OutputTrainingTerm(String license, boolean prohibited, String scope, String clause) {
}
