package dev.canship.rules.facts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of term a license in {@code licenses/catalog/<id>.yaml} can carry (the keys under {@code terms:}), and
 * the incorporated use policy. A closed set: rules compare with these constants, never with strings.
 */
public enum TermKind {
    MAU, NAME_PREFIX, ATTRIBUTION, NOTICE, LICENSE_COPY, OUTPUT_TRAINING, OUTPUT_DERIVATIVE, NON_COMMERCIAL,
    PASS_THROUGH, TERRITORIAL, TRADEMARK, HOSTING_RESTRICTION, SCALE_GATE, GUARDRAILS, USE_POLICY;

    /** The key as the catalogue and the reports write it ({@code name_prefix}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a catalogue key, if canship knows it. */
    public static Optional<TermKind> ofKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
    }
}
