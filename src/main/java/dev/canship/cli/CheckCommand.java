package dev.canship.cli;

import dev.canship.app.Baseline;
import dev.canship.app.Canship;
import dev.canship.app.CheckRequest;
import dev.canship.app.Gate;
import dev.canship.app.Trace;
import dev.canship.deployment.Deployment;
import dev.canship.finding.Policy;
import dev.canship.finding.Severity;
import dev.canship.report.Reporter;
import dev.canship.report.RepositoryReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code canship check PATH... --deployment FILE}: findings for a deployment, and a verdict. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a described deployment against the terms of the model's license and use policy, and give a verdict.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    LimitOptions limitOptions = new LimitOptions();

    @Mixin
    RepositoryArgs repositories = new RepositoryArgs();

    @Option(names = {"-d", "--deployment"}, required = true, paramLabel = "FILE",
            description = "Deployment description (YAML or JSON, schema version 1; see README); - reads it from standard input. 'canship init' writes one.")
    Path deploymentFile;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
            description = "Exit with 1 when an unwaived finding is at or above LEVEL: error, warning, info or never (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Your organization's policy (YAML): accepted and refused licenses, severity overrides, waivers. See README.")
    Path policyFile;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "An earlier 'check --format json' report: say what changed since (new and resolved findings, a changed license or verdict).")
    Path baselineFile;

    @Option(names = "--fail-on-new", description = "With --baseline: exit 1 only for new findings at or above --fail-on.")
    boolean failOnNew;

    @Option(names = "--rules", paramLabel = "DIR", description = {"A folder of your organization's own .drl rules, checked beside the bundled ones.",
                    "Rules are code: they run inside canship with your permissions (a rule can call any Java), so pass only a folder you trust as you would a build script. "
                            + "Only regular .drl files are read (no symlinks; at most 200 files, 1 MiB each, 8 MiB together); a rule that fails or loops at run time is exit 2 naming it."})
    Path userRules;

    @picocli.CommandLine.Option(names = "--catalog", paramLabel = "DIR", description = {"A folder of your organization's own licenses, merged over the bundled knowledge base "
            + "without rebuilding: catalog/ID.yaml, optional policies/ID.yaml, and fingerprints/*.fp made with 'canship licenses fingerprint FILE --id ID'.",
            "Checked against the same schemas; a problem, or an id canship already ships, is exit 2 naming file:line and key."})
    java.nio.file.Path catalog;

    /** How a description read with {@code -d -} is named in messages and reports. */
    static final String STDIN_NAME = "standard input";

    @Override
    public Integer call() {
        Trace.mark("command line parsed");
        if (failOnNew && baselineFile == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--fail-on-new needs --baseline FILE");
        }
        Gate gate = new Gate("never".equalsIgnoreCase(failOn) ? null : parseLevel(failOn), failOnNew);
        Baseline baseline = baselineFile == null ? null : Baseline.read(baselineFile);
        Canship canship = Canship.builder()
                .limits(limitOptions.limits())
                .hub(repositories.hub())
                .userRules(userRules)
                .catalog(catalog)
                .clock(OutputOptions.reportClock())
                .progress(ProgressBar.on(spec.commandLine().getErr()))
                .build();
        boolean stdin = deploymentFile.toString().equals("-");
        Deployment deployment = stdin ? canship.readDeployment(StandardInput.stream(), STDIN_NAME) : canship.readDeployment(deploymentFile);
        Trace.mark("deployment read");
        Policy policy = policyFile == null ? Policy.NONE : canship.readPolicy(policyFile);
        List<Path> repos = repositories.repositories();
        output.refuseInside(repos);
        List<RepositoryReport> reports = canship.check(new CheckRequest(repos, deployment, deploymentFile.toString(), policy));
        if (baseline != null) {
            reports = reports.stream().map(baseline::compare).toList();
        }
        Reporter reporter = output.reporter(spec.commandLine(), true);
        String rendered = reporter.render(reports);
        Trace.mark("report rendered");
        output.emit(rendered, spec.commandLine().getOut());
        return gate.fails(reports) ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
    }

    private Severity parseLevel(String level) {
        try {
            return Severity.parse(level);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--fail-on: unknown level '" + level + "' (expected error, warning, info or never)");
        }
    }
}
