package dev.canship.cli;

import dev.canship.identify.KnowledgeBase;
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
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
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

    @Mixin
    LimitOptions limitOptions = new LimitOptions();

    @Mixin
    RepositoryArgs repositories = new RepositoryArgs();

    @Override
    public Integer call() {
        // Choose the reporter first, so a wrong --format fails before any work.
        Reporter reporter = switch (output.format) {
            case json -> new JsonReporter();
            case text -> new TextReporter();
            case markdown -> new MarkdownReporter();
            case html -> new HtmlReporter(RuleCatalog.bundled(), KnowledgeBase.bundled(), OutputOptions.reportClock());
            case cyclonedx -> new CycloneDxReporter(KnowledgeBase.bundled(), OutputOptions.reportClock());
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format " + output.format + " is for check; scan writes text, json, markdown, html or cyclonedx");
        };
        Pipeline pipeline = Runtime.pipeline(limitOptions.limits());
        List<RepositoryReport> reports = Batch.run(repositories.repositories(), pipeline::scan, spec.commandLine().getErr(), Batch.terminal());

        output.emit(reporter.render(reports), spec.commandLine().getOut());
        return ExitCodes.CLEAN;
    }
}
