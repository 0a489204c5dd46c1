package dev.canship.rules.facts;

import java.util.List;

/** One of {@code phrases} must be shown where the product is offered. */
public record AttributionTerm(String license, List<String> phrases, String clause) {
    public String phrase() {
        return phrases.isEmpty() ? "" : phrases.get(0);
    }
}
