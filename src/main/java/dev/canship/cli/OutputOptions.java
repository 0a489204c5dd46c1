package dev.canship.cli;

import dev.canship.BadInputException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Options every subcommand shares: output format and destination. */
final class OutputOptions {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, json (every command); markdown, html, cyclonedx (scan and check); sarif, codequality (check) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    enum Format { text, json, sarif, codequality, markdown, html, cyclonedx }

    /** Listing commands write JSON for json and text for everything else. */
    boolean json() {
        return format == Format.json;
    }

    /**
     * The clock that dates HTML reports and CycloneDX BOMs: {@code SOURCE_DATE_EPOCH} (seconds) when set, so that
     * a build can reproduce a report byte for byte, else the system clock in UTC.
     */
    static Clock reportClock() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && epoch.strip().matches("\\d{1,12}")) {
            return Clock.fixed(Instant.ofEpochSecond(Long.parseLong(epoch.strip())), ZoneOffset.UTC);
        }
        return Clock.systemUTC();
    }

    /** Writes {@code text} to the output file, or to {@code out}. */
    void emit(String text, PrintWriter out) {
        if (output == null) {
            out.print(text);
            out.flush();
            return;
        }
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(output + ": cannot write the report (" + e.getMessage() + ")");
        }
    }

    /**
     * The reporter for {@code --format}; every format serves both commands but SARIF, which reports findings
     * and so only a check has them. A wrong choice is a usage error, raised before any work.
     */
    dev.canship.report.Reporter reporter(picocli.CommandLine commandLine, boolean check) {
        return switch (format) {
            case json -> new dev.canship.report.JsonReporter();
            case text -> new dev.canship.report.TextReporter();
            case markdown -> new dev.canship.report.MarkdownReporter();
            case html -> new dev.canship.report.HtmlReporter(dev.canship.rules.RuleCatalog.bundled(), dev.canship.identify.KnowledgeBase.bundled(), reportClock());
            case cyclonedx -> new dev.canship.report.CycloneDxReporter(dev.canship.identify.KnowledgeBase.bundled(), reportClock());
            case codequality -> {
                if (!check) {
                    throw new picocli.CommandLine.ParameterException(commandLine, "--format codequality is for check; scan writes text, json, markdown, html or cyclonedx");
                }
                yield new dev.canship.report.CodeQualityReporter();
            }
            case sarif -> {
                if (!check) {
                    throw new picocli.CommandLine.ParameterException(commandLine, "--format sarif is for check; scan writes text, json, markdown, html or cyclonedx");
                }
                yield new dev.canship.report.SarifReporter(dev.canship.rules.RuleCatalog.bundled());
            }
        };
    }
}
