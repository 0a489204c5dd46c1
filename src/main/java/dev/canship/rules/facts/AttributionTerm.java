package dev.canship.rules.facts;

import java.util.List;

/**
 * One of {@code phrases} must be shown where the product is offered. {@code derivativesOnly}: the duty arises only
 * for a model built with the materials or their outputs (Qwen research, Falcon), not for offering the model itself.
 */
public record AttributionTerm(String license, List<String> phrases, boolean derivativesOnly, String clause) {
    public String phrase() {
        return phrases.isEmpty() ? "" : phrases.get(0);
    }
}
