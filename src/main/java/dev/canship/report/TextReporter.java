package dev.canship.report;

import dev.canship.extract.pickle.SerializationScan;
import dev.canship.finding.Evidence;
import dev.canship.finding.Finding;
import dev.canship.finding.Severity;
import dev.canship.identify.IdentificationIssue;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.LicenseMatch;
import dev.canship.inventory.Diagnostic;
import dev.canship.inventory.RepoFile;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The plain answer for people at a terminal: verdict first, then findings by severity with clause and fix. */
public final class TextReporter implements Reporter {

    /** Beyond this many repositories (a batch run) a side-by-side table stops being readable. */
    static final int MAX_COMPARED = 12;

    @Override
    public String render(List<RepositoryReport> reports) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < reports.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            render(reports.get(i), sb);
        }
        if (reports.size() > 1 && reports.size() <= MAX_COMPARED && reports.stream().allMatch(RepositoryReport::isCheck)) {
            compare(reports, sb);
        }
        dev.canship.BuildInfo build = dev.canship.BuildInfo.current();
        sb.append("\ncanship ").append(build.version()).append(", knowledge base ").append(build.knowledgeBase()).append('\n');
        // Safety net: every repository string is escaped where it is appended; nothing invisible gets past this either.
        return Untrusted.document(sb.toString());
    }

    /** Side by side: one row per model, then the rules that fire for some candidates and not for others. */
    private static void compare(List<RepositoryReport> reports, StringBuilder sb) {
        sb.append("\nCOMPARISON\n");
        int w = Math.max(12, reports.stream().mapToInt(r -> u(r.name()).length()).max().orElse(12));
        String row = "  %-" + w + "s  %-24s %-7s %6s %8s%n";
        sb.append(String.format(Locale.ROOT, row, "MODEL", "LICENSE", "VERDICT", "ERRORS", "WARNINGS"));
        for (RepositoryReport r : reports) {
            LicenseMatch l = r.identification().license();
            sb.append(String.format(Locale.ROOT, row, u(r.name()), l == null ? "none" : u(l.id()), r.verdict().name(),
                    count(r, Severity.ERROR), count(r, Severity.WARNING)));
        }
        java.util.Set<String> rules = new java.util.TreeSet<>();
        reports.forEach(r -> r.findings().stream().filter(f -> !f.waived()).forEach(f -> rules.add(f.rule())));
        List<String> differing = rules.stream()
                .filter(rule -> reports.stream().anyMatch(r -> !fires(r, rule)))
                .toList();
        if (differing.isEmpty()) {
            sb.append("\n  The same rules fire for every candidate.\n");
            return;
        }
        sb.append("\n  Obligations that differ (x: finding, -: none):\n");
        int rw = differing.stream().mapToInt(x -> u(x).length()).max().orElse(10);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-" + rw + "s", "RULE"));
        for (int i = 0; i < reports.size(); i++) {
            head.append("  ").append(String.format(Locale.ROOT, "%-3s", "#" + (i + 1)));
        }
        sb.append(head).append('\n');
        for (String rule : differing) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-" + rw + "s", u(rule)));
            for (RepositoryReport r : reports) {
                line.append("  ").append(String.format(Locale.ROOT, "%-3s", fires(r, rule) ? "x" : "-"));
            }
            sb.append(line).append('\n');
        }
        for (int i = 0; i < reports.size(); i++) {
            sb.append("  #").append(i + 1).append(" ").append(u(reports.get(i).name())).append('\n');
        }
    }

    private static boolean fires(RepositoryReport r, String rule) {
        return r.findings().stream().anyMatch(f -> !f.waived() && f.rule().equals(rule));
    }

    /** What changed since the baseline, in one line. */
    static String drift(RepositoryReport r) {
        Drift d = r.drift();
        if (!d.known()) {
            return "not in " + d.baseline() + "; every finding is new";
        }
        StringBuilder sb = new StringBuilder("since ").append(d.baseline()).append(": ")
                .append(d.newFindings().size()).append(" new, ").append(d.resolved().size()).append(" resolved");
        String now = r.identification().license() == null ? null : r.identification().license().id();
        if (!java.util.Objects.equals(d.licenseBefore(), now)) {
            sb.append("; governing license ").append(d.licenseBefore() == null ? "none" : d.licenseBefore()).append(" -> ").append(now == null ? "none" : now);
        }
        if (!java.util.Objects.equals(d.verdictBefore(), r.verdict().machine())) {
            sb.append("; verdict ").append(d.verdictBefore()).append(" -> ").append(r.verdict().machine());
        }
        return sb.toString();
    }

    private void render(RepositoryReport r, StringBuilder sb) {
        if (r.isCheck()) {
            Verdict v = r.verdict();
            long errors = count(r, Severity.ERROR);
            long warnings = count(r, Severity.WARNING);
            sb.append(v.name()).append(": ").append(u(r.name())).append(" ").append(v.plain())
                    .append(" (").append(errors).append(errors == 1 ? " error, " : " errors, ")
                    .append(warnings).append(warnings == 1 ? " warning" : " warnings");
            long waived = r.findings().stream().filter(Finding::waived).count();
            if (waived > 0) {
                sb.append(", ").append(waived).append(" waived");
            }
            sb.append(")\n");
        } else {
            sb.append(u(r.name())).append('\n');
        }
        sb.append("  repository: ").append(u(String.valueOf(r.path()))).append('\n');
        if (r.origin() != null && r.origin().revision() != null) {
            sb.append("  revision:   ").append(u(r.origin().revision())).append('\n');
        }
        if (r.origin() != null) {
            r.origin().notes().forEach(n -> sb.append("  source:     ").append(u(n)).append('\n'));
        }
        if (r.isCheck() && r.deployment().source() != null) {
            sb.append("  deployment: ").append(u(String.valueOf(r.deployment().source()))).append('\n');
        }
        if (r.drift() != null) {
            sb.append("  baseline:   ").append(drift(r)).append('\n');
        }
        LicenseMatch l = r.identification().license();
        String exception = r.identification().governingException();
        sb.append("  license:    ").append(l == null ? "none concluded" : describe(l, exception)).append('\n');
        // A declaration that says more than one id (apache-2.0 AND mit, mit OR apache-2.0) is shown as written.
        r.identification().declared().stream().filter(dev.canship.identify.DeclaredLicense::compound)
                .forEach(d -> sb.append("  declared:   ").append(u(d.written())).append(" (").append(u(d.where())).append(")\n"));
        LicenseMatch p = r.identification().usePolicy();
        if (p != null) {
            sb.append("  use policy: ").append(describe(p)).append('\n');
        } else if (MatchWords.incorporatedPolicy(r.identification(), KnowledgeBase.bundled()) != null) {
            sb.append("  use policy: ").append(u(MatchWords.incorporatedPolicy(r.identification(), KnowledgeBase.bundled())))
                    .append(MatchWords.INCORPORATED).append('\n');
        }
        ModelSummary m = r.model();
        if (m != null) {
            sb.append("  model:      ").append(m.name() == null ? "?" : u(m.name()));
            if (m.architecture() != null) {
                sb.append(" (").append(u(m.architecture())).append(')');
            }
            if (m.totalParams() != null) {
                sb.append(", ").append(m.parameters(" / "));
            }
            if (m.mixtureOfExperts()) {
                sb.append(", ").append(m.experts()).append(" experts").append(m.perToken(" (", ")"));
            }
            if (!m.modalities().isEmpty()) {
                sb.append(", ").append(u(String.join("+", m.modalities())));
            }
            sb.append('\n');
        }
        if (!r.identification().baseModels().isEmpty()) {
            sb.append("  base model: ").append(u(String.join(", ", r.identification().baseModels()))).append('\n');
        }
        if (!r.isCheck()) {
            renderScan(r, sb);
        } else {
            for (Severity s : List.of(Severity.ERROR, Severity.WARNING, Severity.INFO)) {
                List<Finding> group = r.findings().stream().filter(f -> f.severity() == s && !f.waived()).toList();
                if (!group.isEmpty()) {
                    sb.append('\n').append(s.label().toUpperCase(Locale.ROOT)).append(s == Severity.INFO ? "" : "S").append('\n');
                    group.forEach(f -> finding(f, sb));
                }
            }
            List<Finding> waived = r.findings().stream().filter(Finding::waived).toList();
            if (!waived.isEmpty()) {
                sb.append("\nWAIVED\n");
                waived.forEach(f -> finding(f, sb));
            }
            if (r.findings().isEmpty()) {
                sb.append("\nNo findings: every term checked is met by the deployment as described.\n");
            }
            obligations(r, sb);
        }
        if (!r.diagnostics().isEmpty()) {
            sb.append("\nNOT READ\n");
            for (Diagnostic d : r.diagnostics()) {
                sb.append("  ").append(u(Places.human(d.file(), 0))).append(": ").append(u(d.message())).append('\n');
            }
        }
    }

    private void renderScan(RepositoryReport r, StringBuilder sb) {
        sb.append("\nFILES\n");
        for (RepoFile f : r.files()) {
            sb.append(String.format(Locale.ROOT, "  %-14s %s%n", f.role().name().toLowerCase(Locale.ROOT).replace('_', '-'), u(f.path())));
        }
        sb.append("\nLICENSE EVIDENCE\n");
        if (r.identification().matches().isEmpty()) {
            sb.append("  none\n");
        }
        for (LicenseMatch m : r.identification().matches()) {
            sb.append("  ").append(describe(m)).append('\n');
            for (LicenseMatch.Alteration a : m.alterations()) {
                sb.append("      altered: ").append(u(a.kind())).append(a.clause() == null ? "" : " in " + u(a.clause()))
                        .append(a.expected() == null ? "" : ", expected \"" + u(a.expected()) + "\"")
                        .append(a.found() == null || a.found().isEmpty() ? "" : ", found \"" + u(a.found()) + "\"").append('\n');
            }
        }
        if (!r.serialization().isEmpty()) {
            sb.append("\nSERIALIZED FILES (pickle scan; nothing was loaded)\n");
            for (SerializationScan s : r.serialization()) {
                serialization(s, sb);
            }
        }
        if (!r.identification().issues().isEmpty()) {
            sb.append("\nLICENSE ISSUES\n");
            for (IdentificationIssue i : r.identification().issues()) {
                sb.append("  ").append(i.kind()).append(": ").append(u(i.message())).append('\n');
            }
        }
    }

    private static void serialization(SerializationScan s, StringBuilder sb) {
        String verdict = !s.isPickle() ? "not a pickle"
                : s.error() != null ? "NOT CHECKED"
                : !s.unsafe().isEmpty() ? "UNSAFE"
                : "allowlisted only";
        int count = s.globals().size();
        sb.append(String.format(Locale.ROOT, "  %-18s %-15s %s (%d %s)%n", verdict, u(s.format()), u(s.file()), count, count == 1 ? "global" : "globals"));
        for (String bad : s.unsafe()) {
            sb.append("      unsafe: ").append(u(bad)).append('\n');
        }
        if (s.error() != null) {
            sb.append("      error:  ").append(u(s.error())).append('\n');
        }
        for (String n : s.notes()) {
            sb.append("      note:   ").append(u(n)).append('\n');
        }
    }

    /**
     * The governing license's duties and where each stands, so that a reader of the text report sees what was met
     * and what does not apply, not only what failed (Markdown and HTML show the same checklist as a table).
     */
    private static void obligations(RepositoryReport r, StringBuilder sb) {
        List<ObligationChecklist.Item> items = ObligationChecklist.of(r);
        if (items.isEmpty()) {
            return;
        }
        sb.append("\nOBLIGATIONS (").append(u(r.identification().license().id())).append(")\n");
        // Short clauses (§2, §1.b.iii) line up; a long one (a policy's paragraph) runs on rather than widen every row.
        int clauseWidth = Math.min(10, items.stream().mapToInt(i -> i.clause() == null ? 0 : i.clause().length()).max().orElse(0));
        for (ObligationChecklist.Item i : items) {
            sb.append(String.format(Locale.ROOT, "  %-15s %-" + Math.max(1, clauseWidth) + "s  ", i.status().label(), i.clause() == null ? "" : u(i.clause())))
                    .append(u(i.obligation()));
            if (i.status() != ObligationChecklist.Status.MET && i.note() != null && !i.note().isBlank()) {
                sb.append(" \u2014 ").append(u(i.note()));
            }
            sb.append('\n');
        }
    }

    private static void finding(Finding f, StringBuilder sb) {
        sb.append("  [").append(u(f.rule())).append("] ").append(f.kind());
        if (f.license() != null) {
            sb.append(" · ").append(u(f.license()));
            if (f.clause() != null) {
                sb.append(' ').append(u(f.clause()));
            }
        }
        if (!f.waived() && f.severity() != Severity.ERROR && Verdict.blockingReview(f)) {
            // Said where the finding is read: a blocking review fails the gate like an error (exit 1), unlike other warnings.
            sb.append(" · blocking review");
        }
        sb.append('\n');
        sb.append("    ").append(u(f.message())).append('\n');
        if (!f.remediation().isEmpty()) {
            sb.append("    fix: ").append(u(f.remediation())).append('\n');
        }
        if (!f.evidence().isEmpty()) {
            sb.append("    at:  ").append(f.evidence().stream().map(TextReporter::at).collect(Collectors.joining(", "))).append('\n');
        }
        if (f.waiver() != null) {
            sb.append("    waiver: ").append(f.waiver().reason().label())
                    .append(f.waiver().expires() == null ? "" : " until " + f.waiver().expires())
                    .append(f.waiver().active() ? "" : " (EXPIRED: no longer waives)")
                    .append(f.waiver().comment() == null ? "" : " - " + u(f.waiver().comment())).append('\n');
        }
    }

    private static String at(Evidence e) {
        return u(Places.human(e.file(), e.line()));
    }

    static String describe(LicenseMatch m) {
        return describe(m, null);
    }

    /** As {@link #describe(LicenseMatch)}, with the exception a declaration attaches to the license (WITH), or null. */
    static String describe(LicenseMatch m, String exception) {
        StringBuilder sb = new StringBuilder(u(m.id()));
        if (exception != null) {
            sb.append(" WITH ").append(u(exception));
        }
        if (m.version() != null && !m.id().endsWith(m.version())) {
            sb.append(" (").append(u(m.version())).append(')');
        }
        sb.append(' ').append(u(m.document())).append(", from ").append(u(m.file())).append(" [").append(u(m.source()));
        String share = MatchWords.share(m, KnowledgeBase.bundled());
        if (share != null) {
            sb.append(": ").append(u(share));
        }
        sb.append("; ").append(MatchWords.confidence(m)).append(']');
        if (m.altered()) {
            sb.append(" ALTERED");
        }
        return sb.toString();
    }

    /** A repository string on one line with nothing hidden (see {@link Untrusted}). */
    private static String u(String s) {
        return Untrusted.text(s);
    }

    private static long count(RepositoryReport r, Severity s) {
        return r.findings().stream().filter(f -> !f.waived() && f.severity() == s).count();
    }
}
