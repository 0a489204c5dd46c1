package dev.canship.cli;

import dev.canship.deployment.Deployment;
import dev.canship.deployment.DeploymentReader;
import dev.canship.finding.Finding;
import dev.canship.finding.Policy;
import dev.canship.finding.PolicyReader;
import dev.canship.rules.RuleCatalog;
import dev.canship.finding.Severity;
import dev.canship.identify.KnowledgeBase;
import dev.canship.report.Reporter;
import dev.canship.report.RepositoryReport;
import dev.canship.rules.RuleEngine;
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
            description = "Deployment description (YAML or JSON, schema version 1; see README).")
    Path deploymentFile;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
            description = "Exit with 1 when an unwaived finding is at or above LEVEL: error, warning, info or never (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Your organization's policy (YAML): accepted and refused licenses, severity overrides, waivers. See README.")
    Path policyFile;

    @Option(names = "--rules", paramLabel = "DIR", description = "A folder of your organization's own .drl rules, checked beside the bundled ones.")
    Path userRules;

    @Override
    public Integer call() {
        Trace.mark("command line parsed");
        Severity threshold = "never".equalsIgnoreCase(failOn) ? null : parseLevel(failOn);
        Deployment deployment = new DeploymentReader(KnowledgeBase.bundled().uses().keySet()).read(deploymentFile);
        Trace.mark("deployment read");
        RuleEngine engine = userRules == null ? RuleEngine.bundled() : RuleEngine.withUserRules(userRules);
        Policy policy = policyFile == null ? Policy.NONE
                : new PolicyReader(knownRuleIds(engine), KnowledgeBase.bundled().licenseIds()).read(policyFile);
        Pipeline pipeline = Loaded.pipeline(limitOptions.limits());
        FitStage fit = new FitStage();
        List<Path> repos = repositories.repositories();
        List<RepositoryReport> reports = Batch.run(repos, p -> pipeline.check(p, deployment, deploymentFile.toString(), engine, fit, policy),
                spec.commandLine().getErr(), Batch.terminal());
        Reporter reporter = output.reporter(spec.commandLine(), true);
        String rendered = reporter.render(reports);
        Trace.mark("report rendered");
        output.emit(rendered, spec.commandLine().getOut());
        return exitCode(reports, threshold);
    }

    /** Waivers and overrides may name bundled rules and the user's own rules. */
    private static java.util.Set<String> knownRuleIds(RuleEngine engine) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        RuleCatalog.bundled().entries().forEach(e -> ids.add(e.id()));
        ids.addAll(engine.userRuleNames());
        return ids;
    }

    private Severity parseLevel(String level) {
        try {
            return Severity.parse(level);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--fail-on: unknown level '" + level + "' (expected error, warning, info or never)");
        }
    }

    static int exitCode(List<RepositoryReport> reports, Severity threshold) {
        if (threshold == null) {
            return ExitCodes.CLEAN;
        }
        // A blocking review (unknown evidence) counts as an error for the gate, though the verdict says review.
        boolean failing = reports.stream().flatMap(r -> r.findings().stream())
                .filter(f -> !f.waived())
                .anyMatch(f -> f.severity().atLeast(threshold) || dev.canship.report.Verdict.blockingReview(f));
        return failing ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
    }
}
