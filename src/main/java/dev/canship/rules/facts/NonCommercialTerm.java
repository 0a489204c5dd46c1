package dev.canship.rules.facts;

/** Use limited to research, non-commercial or non-production purposes ({@link NonCommercialScope}). */
public record NonCommercialTerm(String license, NonCommercialScope scope, boolean outputsRestricted, String clause) {
}
