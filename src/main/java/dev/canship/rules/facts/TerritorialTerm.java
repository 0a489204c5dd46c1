package dev.canship.rules.facts;

import java.util.List;

/** Regions whose organizations are excluded; {@code appliesTo} multimodal or all. */
public record TerritorialTerm(String license, List<String> excludedRegions, String appliesTo, String clause) {
    public boolean excludesRegion(String region) {
        return excludedRegions.contains(region);
    }

    /**
     * True when {@code place} (an ISO country code, or a region code such as {@code EU}) lies in an excluded
     * region: listed itself, or an EU member state while the EU is excluded.
     */
    public boolean excludesPlace(String place) {
        if (place == null) {
            return false;
        }
        String p = place.toUpperCase(java.util.Locale.ROOT);
        if (p.equals("GLOBAL")) {
            return !excludedRegions.isEmpty(); // worldwide users include every excluded region
        }
        if (p.equals("EEA")) {
            return excludedRegions.contains("EU") || excludedRegions.contains("EEA");
        }
        return excludedRegions.contains(p) || (excludedRegions.contains("EU") && dev.canship.deployment.DeploymentReader.isEuMemberState(p));
    }

    /** The first of {@code places} that lies in an excluded region, or null. */
    public String firstExcluded(List<String> places) {
        return places == null ? null : places.stream().filter(this::excludesPlace).findFirst().orElse(null);
    }
}
