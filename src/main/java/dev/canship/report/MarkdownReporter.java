package dev.canship.report;

import dev.canship.finding.Evidence;
import dev.canship.finding.Finding;
import dev.canship.finding.Severity;
import dev.canship.identify.LicenseMatch;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Markdown for a pull-request comment: a summary table first (one row per repository), then each
 * repository's findings in collapsible sections. Text from the repository is escaped so a model card cannot
 * inject markup into the comment.
 */
public final class MarkdownReporter implements Reporter {

    @Override
    public String render(List<RepositoryReport> reports) {
        StringBuilder sb = new StringBuilder("## canship: can we ship this?\n\n");
        sb.append("| model | license | verdict | errors | warnings | waived |\n|---|---|---|---:|---:|---:|\n");
        for (RepositoryReport r : reports) {
            LicenseMatch l = r.identification().license();
            sb.append("| ").append(esc(r.name())).append(" | ").append(l == null ? "none found" : "`" + esc(l.id()) + "`")
                    .append(" | ").append(r.isCheck() ? icon(r.verdict()) + " " + r.verdict().plain() : "scanned")
                    .append(" | ").append(count(r, Severity.ERROR)).append(" | ").append(count(r, Severity.WARNING))
                    .append(" | ").append(r.findings().stream().filter(Finding::waived).count()).append(" |\n");
        }
        for (RepositoryReport r : reports) {
            sb.append("\n### ").append(esc(r.name())).append("\n\n");
            if (r.deployment() != null && r.deployment().source() != null) {
                sb.append("Deployment: `").append(esc(r.deployment().source().toString())).append("`\n\n");
            }
            for (Severity s : List.of(Severity.ERROR, Severity.WARNING, Severity.INFO)) {
                List<Finding> group = r.findings().stream().filter(f -> f.severity() == s && !f.waived()).toList();
                if (group.isEmpty()) {
                    continue;
                }
                sb.append("<details").append(s == Severity.ERROR ? " open" : "").append("><summary><b>")
                        .append(group.size()).append(' ').append(s.label()).append(group.size() == 1 ? "" : "s").append("</b></summary>\n\n");
                group.forEach(f -> finding(f, sb));
                sb.append("</details>\n\n");
            }
            List<Finding> waived = r.findings().stream().filter(Finding::waived).toList();
            if (!waived.isEmpty()) {
                sb.append("<details><summary><b>").append(waived.size()).append(" waived</b></summary>\n\n");
                waived.forEach(f -> finding(f, sb));
                sb.append("</details>\n\n");
            }
            if (r.isCheck() && r.findings().isEmpty()) {
                sb.append("No findings: every term checked is met by the deployment as described.\n");
            }
        }
        return sb.toString();
    }

    private static void finding(Finding f, StringBuilder sb) {
        sb.append("- **").append(f.rule()).append("** (`").append(f.kind()).append('`');
        if (f.license() != null) {
            sb.append(", ").append(esc(f.license())).append(f.clause() == null ? "" : " " + esc(f.clause()));
        }
        sb.append("): ").append(esc(f.message())).append("<br>**Fix:** ").append(esc(f.remediation()));
        if (!f.evidence().isEmpty()) {
            sb.append("<br>At: ").append(f.evidence().stream().map(MarkdownReporter::at).collect(Collectors.joining(", ")));
        }
        if (f.waiver() != null) {
            sb.append("<br>Waiver: ").append(f.waiver().reason().label()).append(f.waiver().expires() == null ? "" : " until " + f.waiver().expires())
                    .append(f.waiver().active() ? "" : " (**expired**)");
        }
        sb.append('\n');
    }

    private static String at(Evidence e) {
        return "`" + esc(e.file()) + (e.line() > 0 ? ":" + e.line() : "") + "`";
    }

    private static String icon(Verdict v) {
        return switch (v) {
            case PASS -> ":white_check_mark:";
            case REVIEW -> ":warning:";
            case FAIL -> ":x:";
        };
    }

    private static long count(RepositoryReport r, Severity s) {
        return r.findings().stream().filter(f -> !f.waived() && f.severity() == s).count();
    }

    /** Escapes Markdown and HTML metacharacters (a card is untrusted input). */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '|', '*', '_', '[', ']', '`', '\\', '#' -> sb.append('\\').append(c);
                case '\n', '\r' -> sb.append(' ');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
