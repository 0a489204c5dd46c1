package dev.canship.rules.facts;

/** A restriction on offering the model as a hosted service. */
public record HostingRestrictionTerm(String license, String text, String clause) {
}
