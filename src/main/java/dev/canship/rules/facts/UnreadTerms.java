package dev.canship.rules.facts;

/**
 * Evidence canship could not judge: a governing license it has no terms for ({@code what} = license), or a use
 * policy the license incorporates that it cannot read ({@code what} = use_policy, {@code id} the policy's id).
 */
public record UnreadTerms(String license, String what, String id) {
}
