package dev.canship.rules.facts;

import java.util.Locale;

/** What crossing a size gate costs: showing a phrase on the product's user interface, or every right without a separate license. */
public enum ScaleGateEffect {
    DISPLAY, LICENSE_REQUIRED;

    /** The effect of a catalogue value ({@code display}, {@code license-required}); the schema admits only these. */
    public static ScaleGateEffect of(String effect) {
        return valueOf(effect.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
