package dev.canship.rules.facts;

import java.util.Locale;

/**
 * What makes an attribution phrase owed ({@code terms.attribution.triggers} in the catalogue): distributing the
 * model, making it available, a model derived from it, or a public statement about one.
 */
public enum AttributionTrigger {
    DISTRIBUTION, MADE_AVAILABLE, DERIVED_MODEL, PUBLIC_STATEMENT;

    /** The trigger of a catalogue value ({@code made_available}); the schema admits only these. */
    public static AttributionTrigger of(String trigger) {
        return valueOf(trigger.toUpperCase(Locale.ROOT));
    }
}
