package dev.canship.rules;

import dev.canship.deployment.Deployment;
import dev.canship.finding.Evidence;
import dev.canship.finding.Finding;
import dev.canship.finding.FindingKind;
import dev.canship.finding.Severity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The global through which rule consequences report findings. A consequence only calls {@link #report};
 * it performs no I/O. Evidence is given as short references that this class resolves:
 * {@code deployment:model.release_name} (a field of the deployment file, with its line) or {@code README.md:12}.
 */
public final class FindingSink {

    private final Deployment deployment;
    private final String deploymentFile;
    private final List<Finding> findings = new ArrayList<>();

    public FindingSink(Deployment deployment, String deploymentFile) {
        this.deployment = deployment;
        this.deploymentFile = deploymentFile;
    }

    public void report(String rule, String kind, String severity, String license, String clause,
                       String message, String remediation, Object... evidence) {
        List<Evidence> ev = new ArrayList<>();
        for (Object ref : evidence) {
            if (ref instanceof Collection<?> c) {
                c.forEach(r -> resolve(String.valueOf(r), ev));
            } else if (ref != null) {
                resolve(String.valueOf(ref), ev);
            }
        }
        findings.add(new Finding(rule, FindingKind.valueOf(kind), Severity.parse(severity), license, clause, message, remediation, ev, null));
    }

    private void resolve(String ref, List<Evidence> out) {
        if (ref.startsWith("deployment:")) {
            if (deploymentFile != null) {
                String field = ref.substring("deployment:".length());
                out.add(new Evidence(deploymentFile, deployment == null ? 0 : deployment.lineOf(field)));
            }
            return;
        }
        int colon = ref.lastIndexOf(':');
        if (colon > 0 && ref.substring(colon + 1).matches("\\d+")) {
            out.add(new Evidence(ref.substring(0, colon), Integer.parseInt(ref.substring(colon + 1))));
        } else if (!ref.isBlank()) {
            out.add(Evidence.of(ref));
        }
    }

    /** The findings reported so far, in the deterministic report order, without exact duplicates. */
    public List<Finding> findings() {
        return findings.stream().distinct().sorted(Finding.ORDER).toList();
    }

    /** "March 2025" for a release date in April 2025: the month whose users a Llama-style threshold counts. */
    public static String monthBefore(java.time.LocalDate date) {
        if (date == null) {
            return "the month before the release";
        }
        java.time.YearMonth m = java.time.YearMonth.from(date).minusMonths(1);
        return m.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " " + m.getYear();
    }

    /** Formats a count of users the way licenses write it (700 million, 7 billion). */
    public static String users(long n) {
        if (n >= 1_000_000_000L && n % 1_000_000_000L == 0) {
            return (n / 1_000_000_000L) + " billion";
        }
        if (n >= 1_000_000L && n % 1_000_000L == 0) {
            return (n / 1_000_000L) + " million";
        }
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }
}
