package dev.canship.rules.facts;

/** A use the deployment declares, from the use-case vocabulary. */
public record DeclaredUse(String use) {
}
