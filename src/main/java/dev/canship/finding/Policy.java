package dev.canship.finding;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An organization's policy file ({@code --policy FILE}): which licenses it accepts, severity overrides per
 * rule, and waivers. Severity and waivers are applied after the rules fire; allowed and denied licenses are
 * given to the rules as a fact.
 *
 * @param allow     license ids accepted; empty means all
 * @param deny      license ids refused
 * @param severity  rule id to the severity it should have here
 * @param waivers   accepted findings
 */
public record Policy(Set<String> allow, Set<String> deny, Map<String, Severity> severity, List<WaiverSpec> waivers) {

    public static final Policy NONE = new Policy(Set.of(), Set.of(), Map.of(), List.of());

    public Policy {
        allow = Set.copyOf(allow);
        deny = Set.copyOf(deny);
        severity = Map.copyOf(severity);
        waivers = List.copyOf(waivers);
    }

    /**
     * One waiver as written in the policy file.
     *
     * @param rule    the rule id
     * @param model   limits it to a repository whose name is this, or null
     * @param path    limits it to a repository at this path (as given on the command line), or null
     * @param reason  why
     * @param comment free text
     * @param expires last day it applies, or null
     */
    public record WaiverSpec(String rule, String model, String path, WaiverReason reason, String comment, LocalDate expires) {

        boolean covers(Finding f, String repositoryName, String repositoryPath) {
            if (!rule.equals(f.rule())) {
                return false;
            }
            if (model != null && !model.equals(repositoryName)) {
                return false;
            }
            return path == null || normalize(path).equals(normalize(repositoryPath));
        }

        private static String normalize(String p) {
            String n = p.replace('\\', '/');
            while (n.endsWith("/")) {
                n = n.substring(0, n.length() - 1);
            }
            return n.startsWith("./") ? n.substring(2) : n;
        }
    }

    /**
     * Applies severity overrides and waivers to one repository's findings. A waiver past its expiry date is
     * attached but inactive, so reports say it lapsed and exit codes count the finding again.
     */
    public List<Finding> apply(List<Finding> findings, String repositoryName, String repositoryPath, LocalDate today) {
        return findings.stream().map(f -> {
            Finding out = severity.containsKey(f.rule()) ? f.withSeverity(severity.get(f.rule())) : f;
            for (WaiverSpec w : waivers) {
                if (w.covers(out, repositoryName, repositoryPath)) {
                    boolean active = w.expires() == null || !today.isAfter(w.expires());
                    out = out.withWaiver(new Waiver(w.rule(), w.model() != null ? w.model() : w.path(), w.reason(), w.comment(), w.expires(), active));
                    if (active) {
                        break;
                    }
                }
            }
            return out;
        }).sorted(Finding.ORDER).toList();
    }
}
