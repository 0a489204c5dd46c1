package dev.canship.rules.facts;

import java.util.List;

/** One section of the governing use policy or use restrictions. */
public record PolicySection(String license, String policy, String section, String title, List<String> prohibits, List<String> review,
                            String settledBy) {
    public PolicySection(String license, String policy, String section, String title, List<String> prohibits, List<String> review) {
        this(license, policy, section, title, prohibits, review, null);
    }

    public boolean prohibitsUse(String use) {
        return prohibits.contains(use);
    }

    public boolean reviewsUse(String use) {
        return review.contains(use);
    }
}
