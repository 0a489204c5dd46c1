package dev.canship.rules.facts;

/**
 * Evidence canship could not judge: a governing license it has no terms for ({@code what} = LICENSE), or a use
 * policy the license incorporates that it cannot read ({@code what} = USE_POLICY, {@code id} the policy's id).
 */
public record UnreadTerms(String license, What what, String id) {

    /** What could not be read. */
    public enum What { LICENSE, USE_POLICY }
}
