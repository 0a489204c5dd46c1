package dev.canship.cli;

import dev.canship.BadInputException;
import dev.canship.Suggest;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.LicenseInfo;
import dev.canship.rules.RuleCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code canship explain [RULE]}: what a rule checks, the clause it enforces, and how to fix it. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a rule, or every rule of a finding kind: what it checks, which licenses and clauses it enforces, and how to fix a finding. Without RULE, list the rules.")
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(paramLabel = "RULE", arity = "0..1", description = "A rule id as findings show it, e.g. MAU-THRESHOLD, or a finding kind, e.g. MAU_THRESHOLD, for all its rules (case and '_'/'-' do not matter).")
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
        List<RuleCatalog.Entry> entries = lookUp(catalog, rule);
        if (output.json()) {
            // One rule id gives its entry as before; a kind gives the array of its rules.
            Object value = entries.size() == 1 && isRuleId(catalog, rule) ? entries.get(0) : entries;
            output.emit(LicensesCommand.json().writeValueAsString(value) + "\n", spec.commandLine().getOut());
            return ExitCodes.CLEAN;
        }
        if (!isRuleId(catalog, rule)) {
            sb.append(entries.get(0).kind()).append(": ").append(entries.size()).append(entries.size() == 1 ? " rule" : " rules")
                    .append(" of this kind\n\n");
        }
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            detail(entries.get(i), sb);
        }
        output.emit(sb.toString(), spec.commandLine().getOut());
        return ExitCodes.CLEAN;
    }

    private static void detail(RuleCatalog.Entry e, StringBuilder sb) {
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
    }

    /** Rule ids and kinds are written both ways in the wild ({@code MAU-THRESHOLD}, {@code mau_threshold}): compared without case or '_'/'-'. */
    private static String normal(String word) {
        return word.strip().toUpperCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether {@code word} names one rule: its id exactly (any case), else its id with '_' for '-' unless that spelling is a kind. */
    private static boolean isRuleId(RuleCatalog catalog, String word) {
        String upper = word.strip().toUpperCase(Locale.ROOT);
        if (catalog.entry(upper).isPresent()) {
            return true;
        }
        boolean kind = catalog.entries().stream().anyMatch(e -> e.kind().equals(upper));
        return !kind && catalog.entries().stream().anyMatch(e -> normal(e.id()).equals(normal(word)));
    }

    /**
     * The rules {@code word} names: one rule by its id, or every rule of a finding kind (the kind findings show beside
     * the rule id, {@code MAU_THRESHOLD}). The exact spelling decides where a rule and a kind share a name.
     */
    private static List<RuleCatalog.Entry> lookUp(RuleCatalog catalog, String word) {
        String upper = word.strip().toUpperCase(Locale.ROOT);
        if (isRuleId(catalog, word)) {
            return catalog.entry(upper).map(List::of).orElseGet(() ->
                    catalog.entries().stream().filter(e -> normal(e.id()).equals(normal(word))).limit(1).toList());
        }
        List<RuleCatalog.Entry> ofKind = catalog.entries().stream().filter(e -> normal(e.kind()).equals(normal(word))).toList();
        if (!ofKind.isEmpty()) {
            return ofKind;
        }
        throw new BadInputException("unknown rule or kind '" + word + "'" + nearest(catalog, word) + " ('canship explain' lists the rules)");
    }

    /** "; nearest: A, B" — the closest id or kind and every id or kind that contains the word; empty when none is near. */
    private static String nearest(RuleCatalog catalog, String word) {
        Set<String> known = new TreeSet<>();
        catalog.entries().forEach(e -> {
            known.add(e.id());
            known.add(e.kind());
        });
        Set<String> near = new LinkedHashSet<>();
        Suggest.closest(word, known).ifPresent(near::add);
        String n = normal(word);
        if (n.length() >= 3) {
            known.stream().filter(k -> normal(k).contains(n)).limit(MAX_NEAREST).forEach(near::add);
        }
        return near.isEmpty() ? "" : "; nearest: " + String.join(", ", near.stream().limit(MAX_NEAREST).toList());
    }

    /** Enough names to point the way, few enough to read on one line. */
    private static final int MAX_NEAREST = 6;
}
