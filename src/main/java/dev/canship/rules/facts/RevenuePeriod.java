package dev.canship.rules.facts;

import java.util.Locale;

/** The period a revenue ceiling counts over. */
public enum RevenuePeriod {
    MONTHLY, ANNUAL;

    /** The period of a catalogue value ({@code monthly}, {@code annual}); absent means annual. */
    public static RevenuePeriod of(String period) {
        return period == null ? ANNUAL : valueOf(period.toUpperCase(Locale.ROOT));
    }
}
