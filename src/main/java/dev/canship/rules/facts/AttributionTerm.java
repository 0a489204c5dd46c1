package dev.canship.rules.facts;

import java.util.List;
import java.util.Set;

/**
 * One of {@code phrases} must be shown where the product is offered. {@code triggers}: what makes it owed, as the
 * catalogue lists it; the rules read from them whether offering the model itself owes it, or only a model built
 * with the materials or their outputs (Qwen research, Falcon).
 */
public record AttributionTerm(String license, List<String> phrases, Set<AttributionTrigger> triggers, String clause) {
    public AttributionTerm {
        triggers = Set.copyOf(triggers);
    }

    public String phrase() {
        return phrases.isEmpty() ? "" : phrases.get(0);
    }
}
