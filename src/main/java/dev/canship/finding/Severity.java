package dev.canship.finding;

import java.util.Locale;

/** How much a finding matters; ordered so that {@code ERROR} is the most severe. */
public enum Severity {
    INFO, WARNING, ERROR;

    /** The lower-case name used in every output and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code error}, {@code warning} or {@code info}; anything else is a usage error. */
    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.label().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "' (expected error, warning or info)");
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
