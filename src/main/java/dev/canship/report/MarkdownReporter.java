package dev.canship.report;

import dev.canship.finding.Evidence;
import dev.canship.finding.Finding;
import dev.canship.finding.Severity;
import dev.canship.identify.IdentificationIssue;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.LicenseMatch;
import dev.canship.identify.UsePolicy;
import dev.canship.model.ModelFacts;
import dev.canship.rules.RuleCatalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Markdown for a pull-request comment: a summary table first (one row per repository), then for each repository
 * a verdict line and collapsible sections: findings by severity (errors open) with why and fix, the obligations
 * checklist, waivers, model and memory, license evidence. Text from the repository is escaped so a model card
 * cannot inject markup, and the comment is links-free: no Markdown links, and autolinks, @-mentions and issue
 * references in untrusted text are broken with a zero-width space so a card cannot ping people or point anywhere.
 */
public final class MarkdownReporter implements Reporter {

    private final RuleCatalog catalog;
    private final KnowledgeBase kb;

    public MarkdownReporter() {
        this(RuleCatalog.bundled(), KnowledgeBase.bundled());
    }

    public MarkdownReporter(RuleCatalog catalog, KnowledgeBase kb) {
        this.catalog = catalog;
        this.kb = kb;
    }

    @Override
    public String render(List<RepositoryReport> reports) {
        StringBuilder sb = new StringBuilder("## canship: can we ship this?\n\n");
        sb.append("| model | license | verdict | errors | warnings | waived |\n|---|---|---|---:|---:|---:|\n");
        for (RepositoryReport r : reports) {
            LicenseMatch l = r.identification().license();
            sb.append("| ").append(esc(r.name())).append(" | ").append(l == null ? "none found" : code(l.id(), true))
                    .append(" | ").append(r.isCheck() ? icon(r.verdict()) + " " + r.verdict().plain() : "scanned")
                    .append(" | ").append(count(r, Severity.ERROR)).append(" | ").append(count(r, Severity.WARNING))
                    .append(" | ").append(r.findings().stream().filter(Finding::waived).count()).append(" |\n");
        }
        for (RepositoryReport r : reports) {
            repository(r, sb);
        }
        dev.canship.BuildInfo build = dev.canship.BuildInfo.current();
        sb.append("\n<sub>canship ").append(esc(build.version())).append(", knowledge base ").append(esc(build.knowledgeBase())).append("</sub>\n");
        // Safety net: no control or invisible character reaches the comment, whatever a section above missed.
        return Untrusted.document(sb.toString());
    }

    private void repository(RepositoryReport r, StringBuilder sb) {
        sb.append("\n### ").append(esc(r.name())).append("\n\n");
        if (r.revision() != null) {
            sb.append("Revision ").append(code(r.revision(), false)).append(" (").append(esc(r.origin().kind())).append(")\n\n");
        }
        LicenseMatch l = r.identification().license();
        String license = l == null ? "no governing license concluded"
                : "license **" + esc(kb.license(l.id()).map(i -> i.title()).orElse(l.id())
                        + (r.identification().governingException() == null ? "" : " WITH " + r.identification().governingException()))
                + "** (" + code(l.id(), false)
                + ", from " + code(at(l.file(), l.line()), false)
                + (l.matchShare() == null ? "" : ", " + MatchWords.percent(l.matchShare()) + " of its text")
                + "; " + esc(MatchWords.confidence(l)) + ")";
        if (r.isCheck()) {
            sb.append(icon(r.verdict())).append(" **").append(capitalize(r.verdict().plain())).append("**");
            if (r.deployment().source() != null) {
                sb.append(" \u2014 deployment ").append(code(r.deployment().source().toString(), false));
            }
            sb.append(", ").append(license).append("\n\n");
        } else {
            sb.append("Scanned: ").append(license).append("\n\n");
        }
        LicenseMatch p = r.identification().usePolicy();
        String incorporated = MatchWords.incorporatedPolicy(r.identification(), kb);
        if (p != null) {
            String policy = r.identification().policyId();
            sb.append("Use policy **").append(esc(kb.policy(policy).map(UsePolicy::title).orElse(policy))).append("** (from ")
                    .append(code(at(p.file(), p.line()), false)).append(")\n\n");
        } else if (incorporated != null) {
            sb.append("Use policy **").append(esc(incorporated)).append("**").append(MatchWords.INCORPORATED).append("\n\n");
        }
        if (r.isCheck()) {
            findings(r, sb);
            obligations(r, sb);
        }
        model(r, sb);
        evidence(r, sb);
    }

    private void findings(RepositoryReport r, StringBuilder sb) {
        for (Severity s : List.of(Severity.ERROR, Severity.WARNING, Severity.INFO)) {
            List<Finding> group = r.findings().stream().filter(f -> f.severity() == s && !f.waived()).toList();
            if (group.isEmpty()) {
                continue;
            }
            sb.append("<details").append(s == Severity.ERROR ? " open" : "").append("><summary><b>")
                    .append(group.size()).append(' ').append(s.label()).append(group.size() == 1 ? "" : "s").append("</b></summary>\n\n");
            group.forEach(f -> finding(f, sb));
            sb.append("\n</details>\n\n");
        }
        List<Finding> waived = r.findings().stream().filter(f -> f.waiver() != null).toList();
        if (!waived.isEmpty()) {
            long expired = waived.stream().filter(f -> !f.waiver().active()).count();
            sb.append("<details><summary><b>").append(waived.size()).append(waived.size() == 1 ? " waiver" : " waivers")
                    .append(expired > 0 ? " (" + expired + " expired)" : "").append("</b></summary>\n\n");
            sb.append("| rule | reason | comment | expires | state |\n|---|---|---|---|---|\n");
            for (Finding f : waived) {
                sb.append("| ").append(code(f.rule(), true)).append(" | ").append(f.waiver().reason().label())
                        .append(" | ").append(esc(f.waiver().comment())).append(" | ")
                        .append(f.waiver().expires() == null ? "never" : f.waiver().expires().toString()).append(" | ")
                        .append(f.waiver().active() ? "active" : ":x: **expired**, no longer waives").append(" |\n");
            }
            sb.append("\n</details>\n\n");
        }
        if (r.findings().isEmpty()) {
            sb.append("No findings: every term checked is met by the deployment as described.\n\n");
        }
    }

    private void finding(Finding f, StringBuilder sb) {
        sb.append("- **").append(esc(f.rule())).append("** (").append(code(f.kind().name(), false));
        if (f.license() != null) {
            sb.append(", ").append(esc(f.license())).append(f.clause() == null ? "" : " " + esc(f.clause()));
        }
        sb.append("): ").append(esc(f.message()));
        catalog.entry(f.rule()).ifPresent(e -> sb.append("<br>**Why:** ").append(esc(e.why())));
        if (!f.remediation().isEmpty()) {
            sb.append("<br>**Fix:** ").append(esc(f.remediation()));
        }
        if (!f.evidence().isEmpty()) {
            sb.append("<br>At: ").append(f.evidence().stream().map(MarkdownReporter::at).collect(Collectors.joining(", ")));
        }
        if (f.waiver() != null) {
            sb.append("<br>Waiver: ").append(f.waiver().reason().label()).append(f.waiver().expires() == null ? "" : " until " + f.waiver().expires())
                    .append(f.waiver().active() ? "" : " (**expired**)");
        }
        sb.append('\n');
    }

    private static void obligations(RepositoryReport r, StringBuilder sb) {
        List<ObligationChecklist.Item> items = ObligationChecklist.of(r);
        if (items.isEmpty()) {
            return;
        }
        Map<ObligationChecklist.Status, Long> counts = items.stream()
                .collect(Collectors.groupingBy(ObligationChecklist.Item::status, Collectors.counting()));
        // Most pressing first.
        String tally = List.of(ObligationChecklist.Status.NOT_MET, ObligationChecklist.Status.REVIEW, ObligationChecklist.Status.WAIVED,
                        ObligationChecklist.Status.NOT_DECLARED, ObligationChecklist.Status.MET, ObligationChecklist.Status.NOT_APPLICABLE).stream()
                .filter(counts::containsKey).map(s -> counts.get(s) + " " + s.label()).collect(Collectors.joining(", "));
        boolean open = counts.containsKey(ObligationChecklist.Status.NOT_MET);
        sb.append("<details").append(open ? " open" : "").append("><summary><b>Obligations: ").append(tally).append("</b></summary>\n\n");
        sb.append("| clause | obligation | status | note |\n|---|---|---|---|\n");
        for (ObligationChecklist.Item i : items) {
            sb.append("| ").append(esc(i.clause())).append(" | ").append(esc(i.obligation())).append(" | ")
                    .append(statusIcon(i.status())).append(' ').append(i.status().label()).append(" | ").append(esc(i.note())).append(" |\n");
        }
        sb.append("\n</details>\n\n");
    }

    private static void model(RepositoryReport r, StringBuilder sb) {
        ModelSummary m = r.model();
        MemoryBudget b = MemoryBudget.of(r).orElse(null);
        if ((m == null || m.totalParams() == null) && b == null) {
            return;
        }
        sb.append("<details><summary><b>Model").append(b == null ? "" : " and memory").append("</b></summary>\n\n| | |\n|---|---|\n");
        if (m != null) {
            ModelFacts f = m.details();
            row(sb, "architecture", m.architecture() == null ? "unknown" : esc(m.architecture()));
            if (m.totalParams() != null) {
                row(sb, "parameters", m.parameters(", ") + (m.mixtureOfExperts() && m.activeParams() != null ? " per token" : ""));
            }
            if (m.mixtureOfExperts()) {
                row(sb, "experts", m.experts() + " routed" + m.perToken(", ", ""));
            }
            row(sb, "modalities", esc(String.join(", ", m.modalities())));
            if (f != null && f.layers() != null) {
                row(sb, "layers", String.valueOf(f.layers()));
            }
            if (f != null && f.contextLength() != null) {
                row(sb, "context", String.format(Locale.ROOT, "%,d tokens", f.contextLength()));
            }
            if (f != null && f.nativeDtype() != null) {
                row(sb, "native precision", esc(f.nativeDtype()));
            }
            if (!m.baseModels().isEmpty()) {
                row(sb, "base models", m.baseModels().stream().map(x -> code(x, true)).collect(Collectors.joining(", ")));
            }
        }
        if (b != null) {
            row(sb, "memory", (b.fits() ? ":white_check_mark: fits: " : ":x: does not fit: ") + MemoryBudget.gib(b.totalBytes())
                    + " needed (weights " + MemoryBudget.gib(b.weightsBytes()) + ", KV cache " + MemoryBudget.gib(b.kvCacheBytes())
                    + ", overhead " + MemoryBudget.gib(b.overheadBytes()) + "), " + MemoryBudget.gib(b.availableBytes())
                    + " on " + esc(b.devices()) + " at " + esc(b.precision()));
        }
        sb.append("\n</details>\n\n");
    }

    private void evidence(RepositoryReport r, StringBuilder sb) {
        List<LicenseMatch> matches = r.identification().matches();
        List<IdentificationIssue> issues = r.identification().issues();
        if (matches.isEmpty() && issues.isEmpty()) {
            return;
        }
        sb.append("<details><summary><b>License evidence</b></summary>\n\n");
        for (LicenseMatch m : matches) {
            sb.append("- ").append(code(m.id(), false)).append(' ').append(esc(m.document())).append(" from ")
                    .append(code(at(m.file(), m.line()), false)).append(" (").append(esc(m.source()))
                    .append(MatchWords.share(m, kb) == null ? "" : ": " + esc(MatchWords.share(m, kb)))
                    .append("; ").append(esc(MatchWords.confidence(m))).append(')')
                    .append(m.altered() ? " **altered**" : "").append('\n');
            for (LicenseMatch.Alteration a : m.alterations()) {
                sb.append("  - ").append(esc(a.kind())).append(a.clause() == null ? "" : " in " + esc(a.clause()))
                        .append(": the file says \u201c").append(esc(a.found())).append("\u201d")
                        .append(a.expected() == null ? "" : ", the reference has \u201c" + esc(a.expected()) + "\u201d").append('\n');
            }
        }
        for (IdentificationIssue i : issues) {
            sb.append("- ").append(i.kind().name().toLowerCase(Locale.ROOT)).append(": ").append(esc(i.message())).append('\n');
        }
        sb.append("\n</details>\n\n");
    }

    private static void row(StringBuilder sb, String label, String value) {
        sb.append("| ").append(label).append(" | ").append(value).append(" |\n");
    }

    private static String at(Evidence e) {
        return Places.wholeRepository(e.file()) ? Places.WHOLE_REPOSITORY_WORDS : code(at(e.file(), e.line()), false);
    }

    private static String at(String file, int line) {
        return line > 0 ? file + ":" + line : file;
    }

    private static String icon(Verdict v) {
        return switch (v) {
            case PASS -> ":white_check_mark:";
            case REVIEW -> ":warning:";
            case FAIL -> ":x:";
        };
    }

    private static String statusIcon(ObligationChecklist.Status s) {
        return switch (s) {
            case MET -> ":white_check_mark:";
            case NOT_MET -> ":x:";
            case REVIEW -> ":warning:";
            case WAIVED -> ":information_source:";
            case NOT_DECLARED -> ":grey_question:";
            case NOT_APPLICABLE -> ":heavy_minus_sign:";
        };
    }

    private static long count(RepositoryReport r, Severity s) {
        return r.findings().stream().filter(f -> !f.waived() && f.severity() == s).count();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String code(String s, boolean inTable) {
        return Untrusted.code(s, inTable);
    }

    private static String esc(String s) {
        return Untrusted.markdown(s);
    }
}
