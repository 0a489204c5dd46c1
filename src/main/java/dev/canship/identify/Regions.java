package dev.canship.identify;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Region codes and their member countries ({@code licenses/regions.yaml}): which countries the {@code EU} of a
 * territorial term or the {@code EEA} of a deployment's regions covers. Data, so a change of membership is an edit
 * of the knowledge base, not of the code.
 */
public record Regions(Map<String, Set<String>> members) {

    public Regions {
        Map<String, Set<String>> m = new TreeMap<>();
        members.forEach((k, v) -> m.put(k.toUpperCase(Locale.ROOT), Collections.unmodifiableSet(new TreeSet<>(v))));
        members = Collections.unmodifiableMap(m);
    }

    /** The region codes, sorted. */
    public Set<String> ids() {
        return members.keySet();
    }

    public boolean has(String region) {
        return region != null && members.containsKey(region.toUpperCase(Locale.ROOT));
    }

    /** True when {@code country} (ISO code) is a member of {@code region}. */
    public boolean isMember(String region, String country) {
        return country != null && members.getOrDefault(region, Set.of()).contains(country.toUpperCase(Locale.ROOT));
    }

    /**
     * True when {@code place} (a country or a region code) lies, at least in part, in {@code region}: the same code,
     * a member country, or a region sharing a member (users across the EEA include users in the EU).
     */
    public boolean reaches(String place, String region) {
        if (place == null || region == null) {
            return false;
        }
        String p = place.toUpperCase(Locale.ROOT);
        String r = region.toUpperCase(Locale.ROOT);
        if (p.equals(r) || isMember(r, p)) {
            return true;
        }
        Set<String> placeMembers = members.get(p);
        if (placeMembers == null) {
            return false;
        }
        Set<String> regionMembers = members.containsKey(r) ? members.get(r) : Set.of(r);
        return placeMembers.stream().anyMatch(regionMembers::contains);
    }

    /** The first of {@code places} that reaches any of {@code regions}, or null. */
    public String firstReaching(List<String> places, List<String> regions) {
        if (places == null) {
            return null;
        }
        return places.stream().filter(p -> regions.stream().anyMatch(r -> reaches(p, r))).findFirst().orElse(null);
    }
}
