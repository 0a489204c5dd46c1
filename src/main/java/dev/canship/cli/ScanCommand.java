package dev.canship.cli;

import dev.canship.identify.KnowledgeBase;
import dev.canship.inventory.ScanLimits;
import dev.canship.report.CycloneDxReporter;
import dev.canship.report.HtmlReporter;
import dev.canship.report.JsonReporter;
import dev.canship.report.MarkdownReporter;
import dev.canship.report.Reporter;
import dev.canship.report.RepositoryReport;
import dev.canship.report.TextReporter;
import dev.canship.rules.RuleCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code canship scan PATH...}: what a repository is — files, licenses, model facts. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Show what a model repository is: its files, the licenses identified (with evidence) and the model facts.")
final class ScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Folder of a downloaded model repository.")
    List<Path> paths;

    @Override
    public Integer call() {
        Pipeline pipeline = Runtime.pipeline(ScanLimits.DEFAULTS);
        List<RepositoryReport> reports = new ArrayList<>();
        for (Path p : paths) {
            reports.add(pipeline.scan(p));
        }
        Reporter reporter = switch (output.format) {
            case json -> new JsonReporter();
            case text -> new TextReporter();
            case markdown -> new MarkdownReporter();
            case html -> new HtmlReporter(RuleCatalog.bundled(), KnowledgeBase.bundled(), OutputOptions.reportClock());
            case cyclonedx -> new CycloneDxReporter(KnowledgeBase.bundled(), OutputOptions.reportClock());
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format " + output.format + " is for check; scan writes text, json, markdown, html or cyclonedx");
        };
        output.emit(reporter.render(reports), spec.commandLine().getOut());
        return ExitCodes.CLEAN;
    }
}
