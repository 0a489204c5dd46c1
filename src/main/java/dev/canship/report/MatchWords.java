package dev.canship.report;

import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.LicenseInfo;
import dev.canship.identify.LicenseMatch;
import dev.canship.identify.UsePolicy;

import java.util.Locale;

/**
 * The same words in every human report for the two things a piece of license evidence says: how much of the
 * reference text it matched ("matches 97% of the Llama 3.1 Community License text"), and how far the conclusion can
 * be trusted ("confidence high: exact text"). Kept apart so that a short partial copy and a bare tag never read as
 * a percentage of anything.
 */
final class MatchWords {

    private MatchWords() {
    }

    /**
     * "matches 97% of the X text" for a text match, else null. The percentage is rounded down, so a copy that is not
     * whole never reads as 100%.
     */
    static String share(LicenseMatch m, KnowledgeBase kb) {
        Double share = m.matchShare();
        if (share == null) {
            return null;
        }
        String title = kb.license(m.id()).map(LicenseInfo::title).orElse(m.id());
        if (!m.isLicense()) {
            // A use-policy match carries its license's id: the policy is named by the license's use policy.
            title = kb.license(m.id()).map(LicenseInfo::usePolicy).flatMap(kb::policy).map(UsePolicy::title)
                    .orElse("use policy of the " + title);
        }
        return "matches " + percent(share) + " of the " + title + " text";
    }

    /** "confidence high: exact text". */
    static String confidence(LicenseMatch m) {
        var c = m.licenseConfidence();
        return "confidence " + c.level().label() + ": " + c.reason();
    }

    /** The share as a whole percentage, rounded down: {@code 0.996} is 99%, only a whole match is 100%. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%d%%", (int) Math.floor(share * 100 + 1e-9));
    }

    /** The share in a table cell: the percentage, or a dash where no text was compared. */
    static String shareCell(LicenseMatch m) {
        return m.matchShare() == null ? "\u2014" : percent(m.matchShare());
    }

    /** Said after the title of a use policy the license incorporates and the repository holds no copy of. */
    static final String INCORPORATED = ", incorporated by the license (no copy in the repository; canship applies the one it holds)";

    /**
     * The title of the use policy the license incorporates where no copy of it was found ("Llama 3.1 Acceptable Use
     * Policy"), to be followed by {@link #INCORPORATED}; null otherwise (a found copy is described as evidence).
     */
    static String incorporatedPolicy(dev.canship.identify.Identification id, KnowledgeBase kb) {
        if (id.usePolicy() != null || id.incorporatedPolicy() == null) {
            return null;
        }
        return kb.policy(id.incorporatedPolicy()).map(UsePolicy::title).orElse(id.incorporatedPolicy());
    }
}
