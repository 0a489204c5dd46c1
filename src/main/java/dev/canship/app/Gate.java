package dev.canship.app;

import dev.canship.finding.Severity;
import dev.canship.report.RepositoryReport;
import dev.canship.report.Verdict;

import java.util.List;

/**
 * The pipeline gate: whether reports hold an unwaived finding at or above a severity. A front end maps the answer
 * to its own signal (the CLI's exit code 1, a build plugin's failed step).
 *
 * @param threshold the lowest severity that fails, or null for a gate that never fails
 * @param newOnly   count only findings that are new since the baseline the reports were compared with
 */
public record Gate(Severity threshold, boolean newOnly) {

    /** The default gate: errors fail. */
    public static final Gate ERRORS = new Gate(Severity.ERROR, false);

    /** A gate that never fails (report only). */
    public static final Gate NEVER = new Gate(null, false);

    public Gate(Severity threshold) {
        this(threshold, false);
    }

    /** True when any report has an unwaived finding at or above the threshold. */
    public boolean fails(List<RepositoryReport> reports) {
        if (threshold == null) {
            return false;
        }
        // A blocking review (unknown evidence: a license or policy canship cannot read) counts against any gate but
        // "never", though the verdict says review: nothing unknown passes until a policy accepts it.
        return reports.stream().anyMatch(r -> r.findings().stream()
                .filter(f -> !f.waived())
                .filter(f -> !newOnly || r.isNew(f))
                .anyMatch(f -> f.severity().atLeast(threshold) || Verdict.blockingReview(f)));
    }
}
