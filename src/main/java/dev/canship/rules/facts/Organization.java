package dev.canship.rules.facts;

import java.util.Set;

/**
 * The deploying organization. {@code regions}: the region codes of {@code licenses/regions.yaml} whose members
 * include the country of its principal place of business ({@code EU} for Germany); membership is data, not code.
 */
public record Organization(String name, String country, long monthlyActiveUsers, Set<String> regions) {
    public Organization {
        regions = Set.copyOf(regions);
    }
}
