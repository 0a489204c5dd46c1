package dev.canship.report;

import dev.canship.deployment.Change;
import dev.canship.deployment.Deployment;
import dev.canship.deployment.Distribution;
import dev.canship.finding.Finding;
import dev.canship.finding.FindingKind;
import dev.canship.finding.Severity;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.LicenseInfo;
import dev.canship.identify.LicenseTerms;
import dev.canship.rules.FindingSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The governing license's obligations for one deployment, each marked met, not met, needs review, waived or not
 * applicable. The rules decide what is broken; this class only maps each term to the finding kinds that enforce
 * it and to the deployment facts that make it apply, so a reviewer sees the duties that were checked and
 * passed, not only the ones that failed. The whole mapping lives here, in one place.
 */
public final class ObligationChecklist {

    /** Where an obligation stands for the deployment. */
    public enum Status {
        /** The term applies and no finding stands against it. */
        MET("met"),
        /** An unwaived error finding stands against it. */
        NOT_MET("not met"),
        /** Only warnings or notes stand against it. */
        REVIEW("needs review"),
        /** Every finding against it is waived. */
        WAIVED("waived"),
        /** No finding stands, but the deployment left out a field the term depends on: not shown to be met. */
        NOT_DECLARED("not declared"),
        /** The deployment does not do what triggers it. */
        NOT_APPLICABLE("not applicable");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** A CSS- and test-friendly token ({@code not-met}). */
        public String token() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One obligation of the checklist.
     *
     * @param term       the key of the term in the catalog ({@code mau}, {@code notice}, ...)
     * @param clause     the clause it comes from
     * @param obligation what the license asks, in canship's words, from the term's data
     * @param status     where it stands
     * @param note       why it does not apply, or which findings stand against it
     * @param rules      the rule ids of the findings against it
     */
    public record Item(String term, String clause, String obligation, Status status, String note, List<String> rules) {
        public Item {
            rules = List.copyOf(rules);
        }
    }

    /** The finding kind that enforces each term; hosting restrictions share a kind with use-policy reviews, so go by rule. */
    private static final Map<String, FindingKind> KIND = Map.ofEntries(
            Map.entry("mau", FindingKind.MAU_THRESHOLD),
            Map.entry("name_prefix", FindingKind.DERIVATIVE_NAMING),
            Map.entry("attribution", FindingKind.ATTRIBUTION),
            Map.entry("notice", FindingKind.NOTICE_FILE),
            Map.entry("license_copy", FindingKind.LICENSE_COPY),
            Map.entry("output_training", FindingKind.OUTPUT_TRAINING),
            Map.entry("output_derivative", FindingKind.OUTPUT_TRAINING),
            Map.entry("non_commercial", FindingKind.NON_COMMERCIAL),
            Map.entry("pass_through", FindingKind.PASS_THROUGH),
            Map.entry("territorial", FindingKind.EU_MULTIMODAL),
            Map.entry("trademark", FindingKind.TRADEMARK));
    private static final String HOSTING_RULE = "HOSTING-RESTRICTION";
    private static final String USE_POLICY = "use_policy";

    private ObligationChecklist() {
    }

    /** The checklist of a check report; empty for a scan or when no license was concluded. */
    public static List<Item> of(RepositoryReport r) {
        if (!r.isCheck() || r.identification().license() == null) {
            return List.of();
        }
        LicenseTerms t = r.identification().terms();
        Deployment d = r.deployment();
        List<Item> items = new ArrayList<>();
        for (Map.Entry<String, String> e : t.clauses().entrySet()) {
            String term = e.getKey();
            List<Finding> against = r.findings().stream().filter(f -> enforces(term, f)).toList();
            String notApplicable = notApplicable(term, t, d, r.model());
            items.add(item(term, e.getValue(), describe(term, t), against, notApplicable, undeclared(term, d, notApplicable != null)));
        }
        // The use policy is incorporated by reference rather than a term of its own, but it binds every use.
        if (r.identification().usePolicy() != null) {
            String policy = usePolicyId(r);
            List<Finding> against = r.findings().stream().filter(f -> enforces(USE_POLICY, f)).toList();
            items.add(item(USE_POLICY, policy, "Declared uses stay within the use policy (" + policy + ")", against, null,
                    undeclared(USE_POLICY, r.deployment(), false)));
        }
        return items;
    }

    /** The catalog's id of the incorporated policy (llama4-aup); a use-policy match carries the license family's id. */
    static String usePolicyId(RepositoryReport r) {
        KnowledgeBase kb = KnowledgeBase.bundled();
        return kb.license(r.identification().license().id()).map(LicenseInfo::usePolicy).filter(id -> kb.policy(id).isPresent())
                .orElse(r.identification().usePolicy().id());
    }

    private static boolean enforces(String term, Finding f) {
        if ("hosting_restriction".equals(term)) {
            return HOSTING_RULE.equals(f.rule());
        }
        if (USE_POLICY.equals(term)) {
            return (f.kind() == FindingKind.USE_POLICY || f.kind() == FindingKind.USE_POLICY_REVIEW) && !HOSTING_RULE.equals(f.rule());
        }
        return KIND.get(term) == f.kind();
    }

    /**
     * The deployment fields a term's "met" rests on that the deployment left out, or null when all were declared.
     * Defaults are conservative for the rules, but a default is not evidence: an item resting on one is "not declared".
     * {@code inapplicable}: the term was judged not to apply; only the output terms can be inapplicable by a default.
     */
    static String undeclared(String term, Deployment d, boolean inapplicable) {
        List<String> fields = inapplicable
                ? switch (term) {
                    case "output_training", "output_derivative" -> List.of("model.outputs_train_models");
                    default -> List.of();
                }
                : switch (term) {
                    case "attribution" -> List.of("product.attribution");
                    case "notice" -> List.of("product.ships_notice");
                    case "license_copy" -> List.of("product.ships_license_copy");
                    case "pass_through" -> List.of("product.passes_use_policy");
                    case "non_commercial" -> List.of("product.commercial");
                    case "trademark" -> List.of("product.name");
                    case "name_prefix" -> List.of("model.release_name");
                    case "output_training", "output_derivative" -> List.of("model.outputs_train_models");
                    case USE_POLICY -> List.of("product.uses");
                    default -> List.of();
                };
        List<String> missing = fields.stream().filter(f -> d.lineOf(f) == 0).toList();
        // A declared use that means training on outputs says it as well as the flag does.
        if (inapplicable && !missing.isEmpty() && d.lineOf("product.uses") > 0
                && d.product().uses().stream().anyMatch(u -> dev.canship.rules.DutyCatalog.bundled().trainingUses().contains(u))) {
            return null;
        }
        return missing.isEmpty() ? null : String.join(", ", missing);
    }

    private static Item item(String term, String clause, String obligation, List<Finding> against, String notApplicable, String undeclared) {
        List<String> rules = against.stream().map(Finding::rule).distinct().toList();
        // A finding outranks the applicability guess: a rule that fired knows the term applied.
        if (!against.isEmpty()) {
            boolean error = against.stream().anyMatch(f -> !f.waived() && f.severity() == Severity.ERROR);
            boolean open = against.stream().anyMatch(f -> !f.waived());
            Status s = error ? Status.NOT_MET : open ? Status.REVIEW : Status.WAIVED;
            String note = (s == Status.WAIVED ? "waived: " : "finding: ") + String.join(", ", rules);
            return new Item(term, clause, obligation, s, note, rules);
        }
        if (undeclared != null) {
            return new Item(term, clause, obligation, Status.NOT_DECLARED, "not declared: " + undeclared, rules);
        }
        if (notApplicable != null) {
            return new Item(term, clause, obligation, Status.NOT_APPLICABLE, notApplicable, rules);
        }
        return new Item(term, clause, obligation, Status.MET, "no finding", rules);
    }

    /** Why a term does not apply to this deployment, or null when it does. Mirrors the triggers in rules/*.drl. */
    static String notApplicable(String term, LicenseTerms t, Deployment d, ModelSummary model) {
        Distribution dist = d.model().distribution();
        boolean madeAvailable = dist != Distribution.INTERNAL;
        boolean weights = dist == Distribution.WEIGHTS;
        return switch (term) {
            case "mau" -> t.mau().commercialOnly() && !d.product().commercial() ? "the product is not commercial" : null;
            case "name_prefix" -> {
                boolean outputs = d.model().outputsTrainModels() && t.namePrefix().triggers().contains("outputs");
                boolean derived = d.model().changes() != Change.NONE || outputs;
                yield !derived ? "no model is made from the materials" + (t.namePrefix().triggers().contains("outputs") ? " or their outputs" : "")
                        : !madeAvailable ? "the derived model stays inside the organization" : null;
            }
            case "attribution", "pass_through" -> madeAvailable ? null : "the model is used inside the organization only";
            case "notice", "license_copy" -> weights ? null : "no copies of the weights are handed to others";
            case "output_training", "output_derivative" -> d.model().outputsTrainModels() ? null : "outputs do not train other models";
            case "territorial" -> "multimodal".equals(t.territorial().appliesTo()) && !multimodal(model) ? "the model is text-only" : null;
            case "hosting_restriction" -> dist == Distribution.HOSTED ? null : "the model is not offered as a hosted service";
            default -> null;
        };
    }

    private static boolean multimodal(ModelSummary m) {
        return m != null && m.modalities().stream().anyMatch(x -> !"text".equals(x));
    }

    /** The obligation in plain words, built from the term's own data (never from license text). */
    static String describe(String term, LicenseTerms t) {
        return switch (term) {
            case "mau" -> "At most " + FindingSink.users(t.mau().threshold()) + " monthly active users"
                    + ("organization".equals(t.mau().measuredOn()) ? " (organization and affiliates)" : "")
                    + (t.mau().commercialOnly() ? " for commercial use" : "") + ", or a separate license";
            case "name_prefix" -> "A derived model that is offered to others is named starting with \"" + t.namePrefix().prefix() + "\"";
            case "attribution" -> "Show " + (t.attribution().phrases().isEmpty() ? "the attribution"
                    : "\"" + t.attribution().phrases().get(0) + "\"") + " where the product is offered";
            case "notice" -> "Ship a \"" + (t.notice().file() == null ? "Notice" : t.notice().file()) + "\" file with every copy handed out";
            case "license_copy" -> "Ship a copy of the license with every copy handed out";
            case "output_training" -> "Do not use outputs to train other models"
                    + (t.outputTraining().scope() == null ? "" : " (" + t.outputTraining().scope() + ")");
            case "output_derivative" -> "A model trained on the outputs is a derivative and carries the license's duties"
                    + (t.outputTraining().scope() == null ? "" : " (" + t.outputTraining().scope() + ")");
            case "non_commercial" -> "Use for " + (t.nonCommercial().scope() == null ? "non-commercial" : t.nonCommercial().scope()) + " purposes only";
            case "pass_through" -> "Bind recipients and users to the use restrictions";
            case "territorial" -> "No rights for organizations based in " + String.join(", ", t.territorial().excludedRegions())
                    + ("multimodal".equals(t.territorial().appliesTo()) ? " (multimodal models)" : "");
            case "trademark" -> "Use the licensor's marks only as the license requires";
            case "hosting_restriction" -> "Hosting the model as a service is restricted";
            default -> term;
        };
    }
}
