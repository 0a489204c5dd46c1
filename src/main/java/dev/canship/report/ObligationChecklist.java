package dev.canship.report;

import dev.canship.finding.Finding;
import dev.canship.finding.FindingKind;
import dev.canship.finding.Severity;
import dev.canship.identify.LicenseTerms;
import dev.canship.rules.RuleCatalog;
import dev.canship.rules.facts.Applicability;
import dev.canship.rules.facts.TermKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The governing license's obligations for one deployment, each marked met, not met, needs review, waived, not
 * declared or not applicable, so a reviewer sees the duties that were checked and passed, not only the ones that
 * failed. The rules decide everything: the findings say what is broken, and the applicability facts
 * ({@code rules/applicability.drl}) say which terms apply to the deployment and why. This class only maps each
 * term to the finding kinds that enforce it and renders the two together.
 */
public final class ObligationChecklist {

    /** Where an obligation stands for the deployment. */
    public enum Status {
        /** The term applies and no finding stands against it. */
        MET("met"),
        /** An unwaived error finding stands against it. */
        NOT_MET("not met"),
        /** Only warnings or notes stand against it. */
        REVIEW("needs review"),
        /** Every finding against it is waived. */
        WAIVED("waived"),
        /** No finding stands, but the deployment left out a field the term depends on: not shown to be met. */
        NOT_DECLARED("not declared"),
        /** The deployment does not do what triggers it. */
        NOT_APPLICABLE("not applicable");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** A CSS- and test-friendly token ({@code not-met}). */
        public String token() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One obligation of the checklist.
     *
     * @param term       the key of the term in the catalog ({@code mau}, {@code notice}, ...)
     * @param clause     the clause it comes from
     * @param obligation what the license asks, in canship's words: the term's template in {@code rules/catalog.yaml}
     *                   ({@code terms:}) filled from the term's data
     * @param status     where it stands
     * @param note       why it does not apply, or which findings stand against it
     * @param rules      the rule ids of the findings against it
     */
    public record Item(String term, String clause, String obligation, Status status, String note, List<String> rules) {
        public Item {
            rules = List.copyOf(rules);
        }
    }

    private static final String USE_POLICY = ObligationWords.USE_POLICY;

    private ObligationChecklist() {
    }

    /** The checklist of a check report; empty for a scan or when no license was concluded. */
    public static List<Item> of(RepositoryReport r) {
        if (!r.isCheck() || r.identification().license() == null) {
            return List.of();
        }
        String license = r.identification().license().id();
        LicenseTerms t = r.identification().terms();
        List<Item> items = new ArrayList<>();
        for (Map.Entry<String, String> e : t.clauses().entrySet()) {
            String term = e.getKey();
            List<Finding> against = r.findings().stream().filter(f -> enforces(term, f)).toList();
            items.add(item(term, e.getValue(), ObligationWords.describe(term, t, null), against, applicability(r, license, term)));
        }
        // The use policy is incorporated by reference rather than a term of its own, but it binds every use.
        String policy = r.identification().policyId();
        if (policy != null) {
            List<Finding> against = r.findings().stream().filter(f -> enforces(USE_POLICY, f)).toList();
            items.add(item(USE_POLICY, policy, ObligationWords.describe(USE_POLICY, t, policy), against,
                    applicability(r, license, USE_POLICY)));
        }
        return items;
    }

    /** What the rules derived for the governing license's term, or null when they derived nothing. */
    private static Applicability applicability(RepositoryReport r, String license, String term) {
        TermKind kind = TermKind.ofKey(term).orElse(null);
        return r.applicability().stream().filter(a -> a.term() == kind && a.license().equals(license)).findFirst().orElse(null);
    }


    /**
     * Whether {@code f} stands against {@code term}: the rule catalogue's {@code term:} says which term each rule
     * enforces; rules of the use policy carry none and go by their kind. A user's rule (not in the catalogue) is
     * shown among the findings only.
     */
    private static boolean enforces(String term, Finding f) {
        return RuleCatalog.bundled().entry(f.rule()).map(e -> e.term() != null ? e.term().equals(term)
                : USE_POLICY.equals(term) && (f.kind() == FindingKind.USE_POLICY || f.kind() == FindingKind.USE_POLICY_REVIEW)).orElse(false);
    }

    private static Item item(String term, String clause, String obligation, List<Finding> against, Applicability applies) {
        List<String> rules = against.stream().map(Finding::rule).distinct().toList();
        // A finding outranks applicability: a rule that fired knows the term applied. Information (a note about the
        // copy, such as NOTICE-FILE-REPOSITORY) changes no status: it is named beside what applicability says.
        List<Finding> judging = against.stream().filter(f -> f.severity() != Severity.INFO).toList();
        if (!judging.isEmpty()) {
            boolean error = judging.stream().anyMatch(f -> !f.waived() && f.severity() == Severity.ERROR);
            boolean open = judging.stream().anyMatch(f -> !f.waived());
            Status s = error ? Status.NOT_MET : open ? Status.REVIEW : Status.WAIVED;
            String note = (s == Status.WAIVED ? "waived: " : "finding: ") + String.join(", ", rules);
            return new Item(term, clause, obligation, s, note, rules);
        }
        String noted = rules.isEmpty() ? "" : " (note: " + String.join(", ", rules) + ")";
        if (applies == null) {
            // Nothing derived is nothing known: not shown to be met.
            return new Item(term, clause, obligation, Status.NOT_DECLARED, "not derived by the rules" + noted, rules);
        }
        return switch (applies.status()) {
            case UNDECLARED -> new Item(term, clause, obligation, Status.NOT_DECLARED, applies.reason() + noted, rules);
            case NO -> new Item(term, clause, obligation, Status.NOT_APPLICABLE, applies.reason() + noted, rules);
            case YES -> new Item(term, clause, obligation, Status.MET, (rules.isEmpty() ? "no finding" : "no finding against it") + noted, rules);
        };
    }
}
