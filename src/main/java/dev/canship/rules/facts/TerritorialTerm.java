package dev.canship.rules.facts;

import java.util.List;

/** Regions whose organizations are excluded; {@code appliesTo} multimodal or all. */
public record TerritorialTerm(String license, List<String> excludedRegions, String appliesTo, String clause) {
    public boolean excludesRegion(String region) {
        return excludedRegions.contains(region);
    }
}
