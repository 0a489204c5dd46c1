package dev.canship.rules.facts;

/**
 * What the deployment is for: research, evaluation or production. {@code declared} is false when the deployment
 * left {@code product.purpose} out and production, the conservative reading, stands in.
 */
public record ProductPurpose(String purpose, boolean declared) {
}
