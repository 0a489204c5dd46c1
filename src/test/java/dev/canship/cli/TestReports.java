package dev.canship.cli;

import dev.canship.deployment.Deployment;
import dev.canship.deployment.DeploymentReader;
import dev.canship.finding.Policy;
import dev.canship.finding.PolicyReader;
import dev.canship.identify.KnowledgeBase;
import dev.canship.inventory.ScanLimits;
import dev.canship.report.RepositoryReport;
import dev.canship.rules.RuleCatalog;
import dev.canship.rules.RuleEngine;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reports as the CLI builds them, for reporter tests that render with their own clock: the same pipeline,
 * rules and fit stage as {@code canship scan} and {@code canship check}.
 */
public final class TestReports {

    private TestReports() {
    }

    public static RepositoryReport scan(Path repo) {
        return Loaded.pipeline(ScanLimits.DEFAULTS).scan(repo);
    }

    public static RepositoryReport check(Path repo, Path deploymentFile) {
        return check(repo, deploymentFile, null);
    }

    /** A check with an optional policy file (waivers, overrides). */
    public static RepositoryReport check(Path repo, Path deploymentFile, Path policyFile) {
        Deployment d = new DeploymentReader(KnowledgeBase.bundled().uses().keySet()).read(deploymentFile);
        Policy policy = Policy.NONE;
        if (policyFile != null) {
            Set<String> rules = new TreeSet<>();
            RuleCatalog.bundled().entries().forEach(e -> rules.add(e.id()));
            policy = new PolicyReader(rules, KnowledgeBase.bundled().licenses().keySet()).read(policyFile);
        }
        return Loaded.pipeline(ScanLimits.DEFAULTS).check(repo, d, deploymentFile.toString(), RuleEngine.bundled(), new FitStage(), policy);
    }
}
