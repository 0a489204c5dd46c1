package dev.canship.report;

import dev.canship.finding.Finding;
import dev.canship.finding.Severity;
import dev.canship.rules.RuleCatalog;

import java.util.List;

/**
 * The answer to "can we ship this?": fail when an unwaived error stands, needs review when warnings (or a blocking
 * review) stand, pass otherwise. Every output states it the same way: {@code pass}, {@code review} or {@code fail}.
 */
public enum Verdict {
    PASS("can ship as described"),
    REVIEW("needs review before shipping"),
    FAIL("cannot ship as described");

    private final String plain;

    Verdict(String plain) {
        this.plain = plain;
    }

    public String plain() {
        return plain;
    }

    /** {@code pass}, {@code review} or {@code fail}, as JSON, SARIF and CycloneDX state it. */
    public String machine() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Verdict of(List<Finding> findings) {
        boolean error = findings.stream().anyMatch(f -> !f.waived() && f.severity() == Severity.ERROR);
        boolean warning = findings.stream().anyMatch(f -> !f.waived() && f.severity() == Severity.WARNING);
        return error ? FAIL : warning ? REVIEW : PASS;
    }

    /**
     * True for a review that rests on evidence canship could not judge (an unknown license, an unread use policy, a
     * model it cannot classify): the verdict stays {@code review}, but the default gate ({@code --fail-on error}) fails
     * on it until a policy accepts it (licenses.allow naming the id, or a waiver). A policy that lowers the rule's
     * severity to info has accepted it too.
     */
    public static boolean blockingReview(Finding f) {
        return !f.waived() && f.severity().atLeast(Severity.WARNING)
                && RuleCatalog.bundled().entry(f.rule()).map(RuleCatalog.Entry::blocksGate).orElse(false);
    }
}
