package dev.canship.rules.facts;

/** A derived model offered to others must be named starting with {@code prefix}. */
public record NamePrefixTerm(String license, String prefix, boolean outputsTrigger, boolean requiresDistribution, String clause) {
}
