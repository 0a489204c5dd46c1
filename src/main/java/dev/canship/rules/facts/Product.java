package dev.canship.rules.facts;

import java.util.List;

/**
 * The product around the model, as declared. {@code monthlyActiveUsers}: the product's own users where declared,
 * else the organization's (an upper bound), with {@code monthlyActiveUsersDeclared} telling which.
 */
public record Product(
        String name,
        boolean commercial,
        long monthlyActiveUsers,
        boolean monthlyActiveUsersDeclared,
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
