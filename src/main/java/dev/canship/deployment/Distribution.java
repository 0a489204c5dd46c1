package dev.canship.deployment;

import java.util.Locale;

/** How the model reaches people outside the organization. */
public enum Distribution {
    /** Used only inside the organization. */
    INTERNAL,
    /** Offered to others as a service or product; the weights stay with the organization. */
    HOSTED,
    /** The weights themselves are handed to others. */
    WEIGHTS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
