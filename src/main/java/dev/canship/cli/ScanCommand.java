package dev.canship.cli;

import dev.canship.app.Canship;
import dev.canship.report.Reporter;
import dev.canship.report.RepositoryReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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

    @picocli.CommandLine.Option(names = "--catalog", paramLabel = "DIR", description = {"A folder of your organization's own licenses, merged over the bundled knowledge base "
            + "without rebuilding: catalog/ID.yaml, optional policies/ID.yaml, and fingerprints/*.fp made with 'canship licenses fingerprint FILE --id ID'.",
            "Checked against the same schemas; a problem, or an id canship already ships, is exit 2 naming file:line and key."})
    java.nio.file.Path catalog;

    @Override
    public Integer call() {
        // Choose the reporter first, so a wrong --format fails before any work.
        Reporter reporter = output.reporter(spec.commandLine(), false);
        List<java.nio.file.Path> repos = repositories.repositories();
        output.refuseInside(repos);
        Canship canship = Canship.builder().limits(limitOptions.limits()).hub(repositories.hub()).catalog(catalog).progress(ProgressBar.on(spec.commandLine().getErr())).build();
        List<RepositoryReport> reports = canship.scan(repos);

        output.emit(reporter.render(reports), spec.commandLine().getOut());
        return ExitCodes.CLEAN;
    }
}
