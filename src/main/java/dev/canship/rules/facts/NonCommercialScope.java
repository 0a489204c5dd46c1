package dev.canship.rules.facts;

import java.util.Locale;

/**
 * The purposes a non-commercial license allows ({@code terms.non_commercial.scope}): research only, any
 * non-commercial use, or non-production use (testing and evaluation, commercial or not, without live end users).
 * A closed set the license schema enforces, so a rule compares with these constants and cannot misspell one.
 */
public enum NonCommercialScope {
    RESEARCH, NON_COMMERCIAL, NON_PRODUCTION;

    /** The scope of a catalogue value ({@code research}, {@code non-commercial}, {@code non-production}); the schema admits only these. */
    public static NonCommercialScope of(String scope) {
        return valueOf(scope.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The scope as the catalogue and the findings write it ({@code non-commercial}): "use for non-commercial purposes". */
    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
