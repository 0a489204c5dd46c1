package dev.canship.cli;

import dev.canship.app.Canship;
import dev.canship.app.CheckRequest;
import dev.canship.deployment.Deployment;
import dev.canship.finding.Policy;
import dev.canship.report.RepositoryReport;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Reports as the CLI builds them, through the same application core ({@link Canship}) as {@code canship scan} and
 * {@code canship check}, with the clock fixed (waiver expiry must not depend on the day the tests run).
 */
public final class TestReports {

    /** The day the tests live in: 14 March 2026. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T09:30:00Z"), ZoneOffset.UTC);
    private static final Canship CANSHIP = Canship.builder().clock(CLOCK).build();

    private TestReports() {
    }

    public static RepositoryReport scan(Path repo) {
        return CANSHIP.scan(repo);
    }

    public static RepositoryReport check(Path repo, Path deploymentFile) {
        return check(repo, deploymentFile, null);
    }

    /** A check with an optional policy file (waivers, overrides). */
    public static RepositoryReport check(Path repo, Path deploymentFile, Path policyFile) {
        Deployment d = CANSHIP.readDeployment(deploymentFile);
        Policy policy = policyFile == null ? Policy.NONE : CANSHIP.readPolicy(policyFile);
        return CANSHIP.check(new CheckRequest(List.of(repo), d, deploymentFile.toString(), policy)).get(0);
    }
}
