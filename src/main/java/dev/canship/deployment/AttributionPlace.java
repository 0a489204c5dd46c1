package dev.canship.deployment;

import java.util.Locale;

/** Where a product can show a license's attribution phrase. */
public enum AttributionPlace {
    WEBSITE, UI, BLOG, ABOUT, DOCS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
