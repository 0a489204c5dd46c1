package dev.canship.cli;

import dev.canship.BadInputException;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.LicenseInfo;
import dev.canship.rules.RuleCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code canship explain [RULE]}: what a rule checks, the clause it enforces, and how to fix it. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a rule: what it checks, which licenses and clauses it enforces, and how to fix a finding. Without RULE, list the rules.")
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(paramLabel = "RULE", arity = "0..1", description = "A rule id as findings show it, e.g. MAU-THRESHOLD.")
    String rule;

    @Override
    public Integer call() throws Exception {
        output.textOrJson(spec.commandLine());
        RuleCatalog catalog = RuleCatalog.bundled();
        StringBuilder sb = new StringBuilder();
        if (rule == null) {
            if (output.json()) {
                output.emit(LicensesCommand.json().writeValueAsString(catalog.entries()) + "\n", spec.commandLine().getOut());
                return ExitCodes.CLEAN;
            }
            for (RuleCatalog.Entry e : catalog.entries()) {
                sb.append(String.format(Locale.ROOT, "%-30s %-8s %-18s %s%n", e.id(), e.severity(), e.kind(), e.checks().length() > 80 ? e.checks().substring(0, 79) + "…" : e.checks()));
            }
            output.emit(sb.toString(), spec.commandLine().getOut());
            return ExitCodes.CLEAN;
        }
        RuleCatalog.Entry e = catalog.entry(rule.toUpperCase(Locale.ROOT)).orElseThrow(() ->
                new BadInputException("unknown rule '" + rule + "' ('canship explain' lists the rules)"));
        if (output.json()) {
            output.emit(LicensesCommand.json().writeValueAsString(e) + "\n", spec.commandLine().getOut());
            return ExitCodes.CLEAN;
        }
        sb.append(e.id()).append("  (").append(e.kind()).append(", ").append(e.severity()).append(", rules/").append(e.file()).append(")\n\n");
        sb.append("Checks:  ").append(LicensesCommand.wrap(e.checks(), "         ").strip()).append('\n');
        sb.append("Why:     ").append(LicensesCommand.wrap(e.why(), "         ").strip()).append('\n');
        sb.append("Fix:     ").append(LicensesCommand.wrap(e.fix(), "         ").strip()).append('\n');
        if (e.term() != null) {
            sb.append("\nLicenses with this term, and the clause:\n");
            for (LicenseInfo l : KnowledgeBase.bundled().licenses().values()) {
                String clause = l.terms().clauses().get(e.term());
                if (clause != null) {
                    sb.append(String.format(Locale.ROOT, "  %-28s %s%n", l.id(), clause));
                }
            }
        }
        output.emit(sb.toString(), spec.commandLine().getOut());
        return ExitCodes.CLEAN;
    }
}
