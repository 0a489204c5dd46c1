package dev.canship.report;

import dev.canship.identify.LicenseTerms;
import dev.canship.rules.FindingSink;
import dev.canship.rules.RuleCatalog;
import dev.canship.rules.facts.NonCommercialScope;
import dev.canship.rules.facts.ScaleGateEffect;
import dev.canship.rules.facts.ScaleGateTerm;

import java.util.HashMap;
import java.util.Map;

/**
 * A license term's obligation in plain words for the checklist. The sentences are the {@code terms:} templates of
 * {@code rules/catalog.yaml}; this class only computes the values they name from the term's data (never from license
 * text), so the words are written once, next to the findings' words.
 */
final class ObligationWords {

    /** The key of the incorporated use policy's row; not a term of the license but bound by it. */
    static final String USE_POLICY = "use_policy";

    private ObligationWords() {
    }

    /**
     * The obligation of {@code term} in {@code t}; {@code policy} is the binding use policy's id (for
     * {@value #USE_POLICY}). A term the catalogue does not word shows its key: {@code ObligationWordsTest} keeps
     * every term a license can carry worded.
     */
    static String describe(String term, LicenseTerms t, String policy) {
        return RuleCatalog.bundled().obligation(term).map(tpl -> tpl.render(values(term, t, policy))).orElse(term);
    }

    /**
     * The values the template of {@code term} names, each given (a null value leaves its optional segment out). A
     * boolean picks a wording: {@code true} keeps its segment, {@code false} drops it.
     */
    static Map<String, Object> values(String term, LicenseTerms t, String policy) {
        Map<String, Object> v = new HashMap<>();
        switch (term) {
            case "mau" -> {
                v.put("users", FindingSink.users(t.mau().threshold()));
                v.put("organization", "organization".equals(t.mau().measuredOn()));
                v.put("commercialOnly", t.mau().commercialOnly());
            }
            case "name_prefix" -> v.put("prefix", t.namePrefix().prefix());
            case "attribution" -> {
                boolean none = t.attribution().phrases().isEmpty();
                v.put("phrase", none ? null : t.attribution().phrases().get(0));
                v.put("noPhrase", none);
            }
            case "notice" -> {
                v.put("file", t.notice().file());
                v.put("noFile", t.notice().file() == null);
            }
            case "output_training", "output_derivative" -> v.put("scope", t.outputTraining().scope());
            // The schema requires a scope; a block without one reads as the broad non-commercial wording.
            case "non_commercial" -> v.put("scope", (t.nonCommercial().scope() == null ? NonCommercialScope.NON_COMMERCIAL
                    : NonCommercialScope.of(t.nonCommercial().scope())).words());
            case "territorial" -> {
                v.put("regions", String.join(", ", t.territorial().excludedRegions()));
                v.put("multimodal", "multimodal".equals(t.territorial().appliesTo()));
            }
            case "scale_gate" -> {
                ScaleGateTerm g = ScaleGateTerm.of(null, t.scaleGate());
                v.put("users", g.mau() == null ? null : FindingSink.users(g.mau()));
                v.put("either", g.mau() != null && g.revenueUsd() != null);
                v.put("revenue", g.revenueUsd() == null ? null : g.revenueText());
                v.put("commercialOnly", g.commercialOnly());
                v.put("display", g.effect() == ScaleGateEffect.DISPLAY);
                v.put("phrase", g.phrase());
                v.put("licenseRequired", g.effect() == ScaleGateEffect.LICENSE_REQUIRED);
            }
            case USE_POLICY -> v.put("policy", policy);
            default -> {
                // license_copy, pass_through, trademark, hosting_restriction, guardrails: fixed words, no values
            }
        }
        return v;
    }
}
