package dev.canship.rules.facts;

/** Use limited to research, non-commercial or non-production purposes. */
public record NonCommercialTerm(String license, String scope, boolean outputsRestricted, String clause) {
}
