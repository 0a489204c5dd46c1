package dev.canship.report;

import dev.canship.finding.Finding;
import dev.canship.finding.Severity;

import java.util.List;

/** The answer to "can we ship this?": fail when an unwaived error stands, needs review when only warnings do. */
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

    /** {@code pass} or {@code fail}, as machine output states it (a review verdict passes: no errors stand). */
    public String machine() {
        return this == FAIL ? "fail" : "pass";
    }

    public static Verdict of(List<Finding> findings) {
        boolean error = findings.stream().anyMatch(f -> !f.waived() && f.severity() == Severity.ERROR);
        boolean warning = findings.stream().anyMatch(f -> !f.waived() && f.severity() == Severity.WARNING);
        return error ? FAIL : warning ? REVIEW : PASS;
    }
}
