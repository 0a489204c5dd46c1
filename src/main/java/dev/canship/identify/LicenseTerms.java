package dev.canship.identify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.LocalDate;
import java.util.List;

/**
 * The terms of a license that canship's rules enforce, each with the clause it comes from. A term that
 * the license does not have is null, and no rule fires for it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LicenseTerms(
        Mau mau,
        NamePrefix namePrefix,
        Attribution attribution,
        Notice notice,
        Clause licenseCopy,
        OutputTraining outputTraining,
        NonCommercial nonCommercial,
        Clause passThrough,
        Territorial territorial,
        Trademark trademark,
        HostingRestriction hostingRestriction,
        ScaleGate scaleGate,
        Clause guardrails) {

    public static final LicenseTerms NONE = new LicenseTerms(null, null, null, null, null, null, null, null, null, null, null, null, null);

    /**
     * The clause of each term the license has, keyed as in the catalog files ({@code mau}, {@code name_prefix}, ...).
     * An output-training block that prohibits nothing records that a model trained on outputs is a derivative:
     * it is keyed {@code output_derivative}, so {@code output_training} means a prohibition.
     */
    public java.util.Map<String, String> clauses() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        if (mau != null) m.put("mau", mau.clause());
        if (namePrefix != null) m.put("name_prefix", namePrefix.clause());
        if (attribution != null) m.put("attribution", attribution.clause());
        if (notice != null) m.put("notice", notice.clause());
        if (licenseCopy != null) m.put("license_copy", licenseCopy.clause());
        if (outputTraining != null) m.put(outputTraining.prohibited() ? "output_training" : "output_derivative", outputTraining.clause());
        if (nonCommercial != null) m.put("non_commercial", nonCommercial.clause());
        if (passThrough != null) m.put("pass_through", passThrough.clause());
        if (territorial != null) m.put("territorial", territorial.clause());
        if (trademark != null) m.put("trademark", trademark.clause());
        if (hostingRestriction != null) m.put("hosting_restriction", hostingRestriction.clause());
        if (scaleGate != null) m.put("scale_gate", scaleGate.clause());
        if (guardrails != null) m.put("guardrails", guardrails.clause());
        return m;
    }

    /**
     * A duty or a loss of rights that starts above a size of the licensee: more than {@code mau} monthly active
     * users or more than {@code revenueUsd} of revenue per {@code revenuePeriod} ({@code monthly} or {@code annual}),
     * whichever is given. {@code effect}: {@code display} ({@code phrase} must be shown on the product's user
     * interface) or {@code license-required} (no rights without a separate license).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ScaleGate(Long mau, Long revenueUsd, String revenuePeriod, boolean commercialOnly, String effect, String phrase, String clause) {
    }

    /** Users above which a separate license is needed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mau(long threshold, String measuredOn, String reference, LocalDate referenceDate, boolean commercialOnly, String clause) {
        public Mau withThreshold(long t) {
            return new Mau(t, measuredOn, reference, referenceDate, commercialOnly, clause);
        }
    }

    /** The prefix a derived model's name must start with, and what makes a model derived. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NamePrefix(String prefix, List<String> triggers, boolean requiresDistribution, String clause) {
        public NamePrefix {
            triggers = triggers == null ? List.of("materials") : List.copyOf(triggers);
        }
    }

    /** The phrase to display, and where it may be shown. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attribution(List<String> phrases, List<String> where, List<String> triggers, String clause) {
        public Attribution {
            phrases = phrases == null ? List.of() : List.copyOf(phrases);
            where = where == null ? List.of() : List.copyOf(where);
            triggers = triggers == null ? List.of() : List.copyOf(triggers);
        }
    }

    /** The Notice file to ship; the sentence is kept as a template of facts, rendered by {@link #sentence()}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Notice(String file, String template, String materials, String license, String holder, boolean exceptHosted, String clause) {
        public String sentence() {
            if (template == null) {
                return null;
            }
            return template.replace("{materials}", materials == null ? "" : materials)
                    .replace("{license}", license == null ? "" : license)
                    .replace("{holder}", holder == null ? "" : holder)
                    .replace("..", ".");
        }
    }

    /**
     * The trademark clause: no rights to the licensor's marks beyond what the license requires. {@code word}: the mark
     * a product or model name must not use beyond that (Llama), or null when the catalogue names none to check.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Trademark(String clause, String word) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Clause(String clause) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutputTraining(boolean prohibited, String scope, String clause) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NonCommercial(String scope, boolean outputsRestricted, String clause) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Territorial(List<String> excludedRegions, String appliesTo, String measuredOn, String clause) {
        public Territorial {
            excludedRegions = excludedRegions == null ? List.of() : List.copyOf(excludedRegions);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HostingRestriction(String clause, String text) {
    }
}
