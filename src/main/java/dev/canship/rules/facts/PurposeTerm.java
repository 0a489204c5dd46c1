package dev.canship.rules.facts;

import dev.canship.deployment.Purpose;

import java.util.List;

/** The purposes a research-only license allows ({@code allowed}), and those whose reading is open ({@code review}). */
public record PurposeTerm(String license, List<Purpose> allowed, List<Purpose> review, String clause) {

    /** The allowed purposes as a deployment writes them, for a finding's words. */
    public List<String> allowedLabels() {
        return allowed.stream().map(Purpose::label).toList();
    }

    public boolean allows(Purpose purpose) {
        return allowed.contains(purpose);
    }

    public boolean leavesOpen(Purpose purpose) {
        return review.contains(purpose);
    }
}
