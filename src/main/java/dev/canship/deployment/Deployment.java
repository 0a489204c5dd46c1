package dev.canship.deployment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an organization declares it will do with a model (deployment description, schema version 1).
 * Absent answers take the conservative reading: a product is commercial, nothing is shipped or shown.
 *
 * @param canship      the schema version, always 1
 * @param organization who deploys
 * @param model        how the model is changed and offered
 * @param product      the product around it
 * @param hardware     where it runs, or null when not declared
 * @param source       the file it was read from
 * @param lines        the 1-based line of each field, keyed by dotted path (e.g. {@code model.release_name})
 */
public record Deployment(
        int canship,
        Organization organization,
        ModelUse model,
        Product product,
        Hardware hardware,
        Path source,
        Map<String, Integer> lines) {

    /** The line of a dotted field path in the source file, 0 when unknown. */
    public int lineOf(String field) {
        return lines == null ? 0 : lines.getOrDefault(field, 0);
    }

    /** The dotted paths of the fields the file states, sorted; the others took their defaults. */
    public List<String> declaredFields() {
        return lines == null ? List.of() : lines.entrySet().stream().filter(e -> e.getValue() != null && e.getValue() > 0)
                .map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * @param name               the legal name
     * @param country            ISO 3166-1 alpha-2 of the principal place of business
     * @param monthlyActiveUsers all products of the organization and its affiliates
     * @param annualRevenueUsd   revenue of the last twelve months in US dollars, null when not declared (unknown)
     * @param monthlyRevenueUsd  revenue of the highest recent month in US dollars, null when not declared (unknown)
     */
    public record Organization(String name, String country, long monthlyActiveUsers, Long annualRevenueUsd, Long monthlyRevenueUsd) {
        public Organization(String name, String country, long monthlyActiveUsers) {
            this(name, country, monthlyActiveUsers, null, null);
        }
    }

    /**
     * @param releaseName        the name under which the model, or a model made with it, is offered; null if none
     * @param changes            what the organization does to the model
     * @param distribution       how it reaches others
     * @param modalities         inputs the deployment uses
     * @param outputsTrainModels outputs used to create, train or improve another AI model
     * @param removesGuardrails  the deployment bypasses, disables or removes the model's safety guardrails (or
     *                           fine-tunes its safety behaviour away)
     */
    public record ModelUse(String releaseName, Change changes, Distribution distribution, List<String> modalities, boolean outputsTrainModels,
                           boolean removesGuardrails) {
        public ModelUse(String releaseName, Change changes, Distribution distribution, List<String> modalities, boolean outputsTrainModels) {
            this(releaseName, changes, distribution, modalities, outputsTrainModels, false);
        }
    }

    /**
     * @param monthlyActiveUsers the product's own monthly active users, or null (licenses that count per product)
     * @param attribution     where the license's attribution phrase is shown
     * @param passesUsePolicy the product's terms bind its users to the use policy or use restrictions
     * @param regions         where the end users are (ISO codes, or EU)
     * @param purpose         research, evaluation or production as declared, or null when left out (then read as
     *                        production, see {@link #purposeOrDefault()})
     * @param disclosesMachineGenerated the product tells its users, wherever generated content appears, that it is
     *                        machine-generated (false when not declared: the conservative reading)
     */
    public record Product(
            String name,
            boolean commercial,
            Long monthlyActiveUsers,
            List<AttributionPlace> attribution,
            boolean shipsLicenseCopy,
            boolean shipsNotice,
            boolean passesUsePolicy,
            List<String> uses,
            String useDescription,
            List<String> regions,
            String purpose,
            boolean disclosesMachineGenerated) {

        public Product(String name, boolean commercial, Long monthlyActiveUsers, List<AttributionPlace> attribution, boolean shipsLicenseCopy,
                       boolean shipsNotice, boolean passesUsePolicy, List<String> uses, String useDescription, List<String> regions, String purpose) {
            this(name, commercial, monthlyActiveUsers, attribution, shipsLicenseCopy, shipsNotice, passesUsePolicy, uses, useDescription,
                    regions, purpose, false);
        }

        /** The purposes a deployment may declare. */
        public static final List<String> PURPOSES = Purpose.labels();

        /** The declared purpose, or production when none was declared: research-only licenses must not pass by default. */
        public String purposeOrDefault() {
            return purpose == null ? Purpose.PRODUCTION.label() : purpose;
        }
    }

    /**
     * @param accelerator         an id of the hardware catalog, or null with custom memory and bandwidth
     * @param count               how many accelerators
     * @param precision           weight precision (native, bf16, fp8, int4, q4_k_m, ...)
     * @param contextTokens       context length served
     * @param concurrentSequences sequences served at once
     * @param memoryGib           custom device memory, when no catalog id fits
     * @param bandwidthGbps       custom device bandwidth in GB/s
     * @param offloadExperts      whether expert weights may live in host memory
     */
    public record Hardware(String accelerator, int count, String precision, long contextTokens, int concurrentSequences,
                           Double memoryGib, Double bandwidthGbps, boolean offloadExperts) {
    }
}
