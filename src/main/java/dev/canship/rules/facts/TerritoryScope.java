package dev.canship.rules.facts;

import java.util.Locale;

/** What a territorial exclusion withholds: the multimodal models only, or every right ({@code applies_to}). */
public enum TerritoryScope {
    MULTIMODAL, ALL;

    /** The scope of a catalogue value; the schema admits only these, so another is a broken knowledge base. */
    public static TerritoryScope of(String appliesTo) {
        return valueOf(appliesTo.toUpperCase(Locale.ROOT));
    }
}
