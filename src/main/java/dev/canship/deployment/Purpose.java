package dev.canship.deployment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a deployment is for, as research-only licenses distinguish it: {@code product.purpose}. */
public enum Purpose {
    /** Research: the reading research licenses grant. */
    RESEARCH,
    /** Evaluating the model, e.g. before a decision to adopt it; some licenses leave it open. */
    EVALUATION,
    /** Production use: the conservative reading when a deployment declares none. */
    PRODUCTION;

    /** The value written in a deployment description ({@code research}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The labels, in the order help lists them. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Purpose::label).toList();
    }

    /** The purpose a label names, or empty. */
    public static Optional<Purpose> ofLabel(String label) {
        return Arrays.stream(values()).filter(p -> p.label().equals(label)).findFirst();
    }
}
