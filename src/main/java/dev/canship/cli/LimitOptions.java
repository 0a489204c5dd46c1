package dev.canship.cli;

import dev.canship.inventory.ScanLimits;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code --limit NAME=VALUE}, shared by every command that reads a repository: overrides one of the
 * {@link ScanLimits} bounds for this run. Unknown names and bad values are usage errors (exit 2).
 */
final class LimitOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--limit", paramLabel = "NAME=VALUE", mapFallbackValue = "",
            description = "Override a bound on what is read from the repository, e.g. --limit max-files=50000 or "
                    + "--limit max-pickle-bytes=256m (repeatable; names and defaults under Limits below).")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The default limits with this run's overrides applied. */
    ScanLimits limits() {
        ScanLimits l = ScanLimits.DEFAULTS;
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            ScanLimits.Limit limit = ScanLimits.Limit.byKey(e.getKey()).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "--limit: unknown limit '" + e.getKey() + "' (known: " + names() + ")"));
            try {
                l = l.with(limit, ScanLimits.parseValue(limit, e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--limit: " + ex.getMessage());
            }
        }
        return l;
    }

    private static String names() {
        return java.util.Arrays.stream(ScanLimits.Limit.values()).map(ScanLimits.Limit::key).collect(Collectors.joining(", "));
    }

    /** The "Limits" section of {@code --help}: every name, its default and what it bounds. */
    static String helpSection() {
        StringBuilder sb = new StringBuilder();
        for (ScanLimits.Limit l : ScanLimits.Limit.values()) {
            sb.append(String.format(Locale.ROOT, "  %-22s %,14d  %s%n", l.key(), l.defaultValue(), l.meaning()));
        }
        return sb.toString();
    }

    /** Adds the Limits section to the help of every subcommand that has {@code --limit}. */
    static void addHelpSections(CommandLine root) {
        for (CommandLine sub : root.getSubcommands().values()) {
            if (sub.getCommandSpec().findOption("--limit") == null) {
                continue;
            }
            Map<String, CommandLine.IHelpSectionRenderer> sections = sub.getHelpSectionMap();
            sections.put("limitsHeading", help -> String.format("%nLimits (--limit NAME=VALUE; k, m, g suffixes for bytes):%n"));
            sections.put("limits", help -> helpSection());
            java.util.List<String> keys = new java.util.ArrayList<>(sub.getHelpSectionKeys());
            int at = keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING);
            keys.addAll(at < 0 ? keys.size() : at, java.util.List.of("limitsHeading", "limits"));
            sub.setHelpSectionKeys(keys);
        }
    }
}
