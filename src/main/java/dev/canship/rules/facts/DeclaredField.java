package dev.canship.rules.facts;

/**
 * A field the deployment file states ({@code product.attribution}); a field left out takes a conservative default,
 * and a default is not evidence that a duty is met.
 */
public record DeclaredField(String path) {
}
