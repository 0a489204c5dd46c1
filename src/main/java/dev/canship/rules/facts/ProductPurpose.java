package dev.canship.rules.facts;

import dev.canship.deployment.Purpose;

/**
 * What the deployment is for: research, evaluation or production. {@code declared} is false when the deployment
 * left {@code product.purpose} out and production, the conservative reading, stands in.
 */
public record ProductPurpose(Purpose purpose, boolean declared) {
}
