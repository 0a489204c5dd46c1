package dev.canship.rules.facts;

import java.util.List;

/** The purposes a research-only license allows ({@code allowed}), and those whose reading is open ({@code review}). */
public record PurposeTerm(String license, List<String> allowed, List<String> review, String clause) {

    public boolean allows(String purpose) {
        return allowed.contains(purpose);
    }

    public boolean leavesOpen(String purpose) {
        return review.contains(purpose);
    }
}
