package dev.canship.rules;

import dev.canship.deployment.Deployment;
import dev.canship.finding.Evidence;
import dev.canship.finding.Finding;
import dev.canship.finding.FindingKind;
import dev.canship.finding.Severity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The global through which rule consequences report findings. A bundled consequence only calls {@link #raise}
 * with its rule id and the values its words need: kind, severity, message and remedy come from the rule
 * catalogue ({@code rules/catalog.yaml}), so they are written once. It performs no I/O. Evidence is given as
 * short references that this class resolves: {@code deployment:model.release_name} (a field of the deployment
 * file, with its line) or {@code README.md:12}.
 */
public final class FindingSink {

    private final Deployment deployment;
    private final String deploymentFile;
    private final List<Finding> findings = new ArrayList<>();
    private final RuleCatalog catalog = RuleCatalog.bundled();

    public FindingSink(Deployment deployment, String deploymentFile) {
        this.deployment = deployment;
        this.deploymentFile = deploymentFile;
    }

    /**
     * Reports a finding of a catalogued rule.
     *
     * @param location    an evidence reference, a collection of them, or null
     * @param namedValues name, value pairs: one for each placeholder of the rule's message and remedy templates
     * @throws IllegalStateException for a rule the catalogue lacks or values that do not match its templates:
     *                               a rule out of step with the catalogue, which RuleCatalogTest catches first
     */
    public void raise(String ruleId, String license, String clause, Object location, Object... namedValues) {
        RuleCatalog.Entry entry = catalog.entry(ruleId)
                .orElseThrow(() -> new IllegalStateException(ruleId + ": not in rules/catalog.yaml"));
        RuleCatalog.Templates t = catalog.templates(ruleId)
                .orElseThrow(() -> new IllegalStateException(ruleId + ": rules/catalog.yaml gives no message and remedy"));
        if (namedValues.length % 2 != 0) {
            throw new IllegalStateException(ruleId + ": values must come in name, value pairs");
        }
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < namedValues.length; i += 2) {
            if (!(namedValues[i] instanceof String name) || values.containsKey(name)) {
                throw new IllegalStateException(ruleId + ": value name " + namedValues[i] + " is not a string or is given twice");
            }
            values.put(name, namedValues[i + 1]);
        }
        if (!t.names().equals(values.keySet())) {
            throw new IllegalStateException(ruleId + ": the rule passes " + new TreeSet<>(values.keySet())
                    + " but its templates name " + new TreeSet<>(t.names()));
        }
        add(ruleId, entry.kind(), entry.severity(), license, clause, t.message().render(values), t.remedy().render(values), location);
    }

    /**
     * Reports a finding with its words written by the caller.
     *
     * @deprecated only for an organization's own rules ({@code --rules}), which have no catalogue entry; bundled
     * rules use {@link #raise}
     */
    @Deprecated
    public void report(String rule, String kind, String severity, String license, String clause,
                       String message, String remediation, Object... evidence) {
        add(rule, kind, severity, license, clause, message, remediation, evidence);
    }

    private void add(String rule, String kind, String severity, String license, String clause,
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
