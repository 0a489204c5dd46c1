package dev.canship.app;

import dev.canship.deployment.Deployment;
import dev.canship.finding.Policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to check: repositories (one, or several to compare) against one deployment, under an organization's policy.
 *
 * @param repositories     repository folders, in the order reports are wanted
 * @param deployment       the deployment described (see {@link Canship#readDeployment})
 * @param deploymentSource where the deployment came from, as findings cite it ({@code deploy.yaml}, {@code -})
 * @param policy           accepted and refused licenses, severity overrides and waivers; {@link Policy#NONE} for none
 */
public record CheckRequest(List<Path> repositories, Deployment deployment, String deploymentSource, Policy policy) {

    public CheckRequest {
        repositories = List.copyOf(repositories);
        if (repositories.isEmpty()) {
            throw new IllegalArgumentException("a check needs at least one repository");
        }
        Objects.requireNonNull(deployment, "deployment");
        deploymentSource = deploymentSource == null ? "deployment" : deploymentSource;
        policy = policy == null ? Policy.NONE : policy;
    }

    /** One repository, no policy. */
    public static CheckRequest of(Path repository, Deployment deployment, String deploymentSource) {
        return new CheckRequest(List.of(repository), deployment, deploymentSource, Policy.NONE);
    }
}
