package dev.canship.rules.facts;

import dev.canship.identify.Regions;

import java.util.List;

/**
 * Regions whose organizations are excluded; {@code appliesTo} the multimodal models or all rights. {@code regions} is the membership
 * data of licenses/regions.yaml (which countries the EU and the EEA cover).
 */
public record TerritorialTerm(String license, List<String> excludedRegions, TerritoryScope appliesTo, String clause, Regions regions) {
    public boolean excludesRegion(String region) {
        return excludedRegions.contains(region);
    }

    /**
     * True when {@code place} (an ISO country code, or a region code such as {@code EU} or {@code EEA}) lies at
     * least in part in an excluded region: listed itself, a member country of it, or a region sharing members.
     */
    public boolean excludesPlace(String place) {
        if (place == null) {
            return false;
        }
        if (place.equalsIgnoreCase("GLOBAL")) {
            return !excludedRegions.isEmpty(); // worldwide users include every excluded region
        }
        return excludedRegions.stream().anyMatch(r -> regions.reaches(place, r));
    }

    /** The first of {@code places} that lies in an excluded region, or null. */
    public String firstExcluded(List<String> places) {
        return places == null ? null : places.stream().filter(this::excludesPlace).findFirst().orElse(null);
    }
}
