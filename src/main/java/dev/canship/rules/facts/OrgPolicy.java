package dev.canship.rules.facts;

import java.util.Set;

/** The organization's own license policy: ids it accepts (empty: all) and ids it refuses. */
public record OrgPolicy(Set<String> allowed, Set<String> denied) {

    public boolean allows(String license) {
        return allowed.isEmpty() || allowed.contains(license);
    }

    /** True when the policy names the license in licenses.allow: it was reviewed and accepted, not merely not refused. */
    public boolean explicitlyAllows(String license) {
        return license != null && allowed.contains(license);
    }

    public boolean denies(String license) {
        return denied.contains(license);
    }
}
