package dev.canship.rules.facts;

import java.util.List;

/** The product around the model, as declared. */
public record Product(
        String name,
        boolean commercial,
        List<String> attribution,
        boolean shipsLicenseCopy,
        boolean shipsNotice,
        boolean passesUsePolicy,
        List<String> regions) {

    public boolean showsAttribution() {
        return !attribution.isEmpty();
    }

    /** True when the product name uses {@code word} (for trademark checks). */
    public boolean nameMentions(String word) {
        return name != null && word != null && name.toLowerCase(java.util.Locale.ROOT).contains(word.toLowerCase(java.util.Locale.ROOT));
    }
}
