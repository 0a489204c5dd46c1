package dev.canship.deployment;

import java.util.Locale;

/** What the organization does to the model before using or offering it. */
public enum Change {
    NONE, FINE_TUNE, QUANTIZE, MERGE, DISTILL, ADAPTER;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when the result is a new model made with the original (a derivative in the licenses' sense). */
    public boolean createsDerivative() {
        return this != NONE;
    }
}
