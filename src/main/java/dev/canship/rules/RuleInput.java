package dev.canship.rules;

import dev.canship.deployment.Deployment;

import java.util.List;

/**
 * Everything the rules see for one repository and deployment: the facts to insert, and the deployment they
 * came from (for evidence lines).
 *
 * @param facts          immutable fact objects from {@code dev.canship.rules.facts}
 * @param deployment     the deployment checked, or null when only the repository is judged
 * @param deploymentFile how the deployment file is named in evidence
 */
public record RuleInput(List<Object> facts, Deployment deployment, String deploymentFile) {

    public RuleInput {
        facts = List.copyOf(facts);
    }

    /** These facts and {@code more}. */
    public RuleInput withFacts(List<?> more) {
        List<Object> all = new java.util.ArrayList<>(facts);
        all.addAll(more);
        return new RuleInput(all, deployment, deploymentFile);
    }
}
