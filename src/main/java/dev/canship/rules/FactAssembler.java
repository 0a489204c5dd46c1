package dev.canship.rules;

import dev.canship.deployment.Deployment;
import dev.canship.deployment.DeploymentReader;
import dev.canship.extract.pickle.SerializationScan;
import dev.canship.identify.Identification;
import dev.canship.identify.IdentificationIssue;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.LicenseInfo;
import dev.canship.identify.LicenseTerms;
import dev.canship.identify.UsePolicy;
import dev.canship.rules.facts.AttributionTerm;
import dev.canship.rules.facts.AttributionWhere;
import dev.canship.rules.facts.DeclaredField;
import dev.canship.rules.facts.LicenseTerm;
import dev.canship.rules.facts.TermKind;
import dev.canship.rules.facts.DeclaredUse;
import dev.canship.rules.facts.EvidenceIssue;
import dev.canship.rules.facts.Governing;
import dev.canship.rules.facts.MemoryFit;
import dev.canship.rules.facts.HostingRestrictionTerm;
import dev.canship.rules.facts.LicenseCopyTerm;
import dev.canship.rules.facts.MauTerm;
import dev.canship.rules.facts.Model;
import dev.canship.rules.facts.ModelOffer;
import dev.canship.rules.facts.NamePrefixTerm;
import dev.canship.rules.facts.NonCommercialTerm;
import dev.canship.rules.facts.NoticeTerm;
import dev.canship.rules.facts.OrgPolicy;
import dev.canship.rules.facts.Organization;
import dev.canship.rules.facts.OutputTrainingTerm;
import dev.canship.rules.facts.PassThroughTerm;
import dev.canship.rules.facts.PolicySection;
import dev.canship.rules.facts.Product;
import dev.canship.rules.facts.Repository;
import dev.canship.rules.facts.ProductPurpose;
import dev.canship.rules.facts.ScreenedUse;
import dev.canship.rules.facts.TrainingUse;
import dev.canship.rules.facts.UnreadTerms;
import dev.canship.rules.facts.SerializedFile;
import dev.canship.rules.facts.TerritorialTerm;
import dev.canship.rules.facts.TrademarkTerm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the results of the earlier stages into rule facts. It copies values; it decides nothing about
 * obligations (that is the rules' job), so a reviewer reading {@code rules/} sees every condition.
 */
public final class FactAssembler {

    private final KnowledgeBase kb;
    private volatile Map<String, List<Map.Entry<String, Pattern>>> patterns;
    /** Screening results by description: a batch checks one deployment against hundreds of repositories. */
    private final Map<String, List<ScreenedUse>> screened = new java.util.concurrent.ConcurrentHashMap<>();

    public FactAssembler(KnowledgeBase kb) {
        this.kb = kb;
    }

    /**
     * @param repositoryName display name of the repository
     * @param hasLicenseFile whether a license file is present
     * @param hasNoticeFile  whether a Notice file is present
     * @param model          model facts, or null when none could be read
     * @param fit            the hardware fit, or null when no hardware was declared
     * @param orgPolicy      the organization's accepted and refused licenses, or null
     */
    public RuleInput assemble(String repositoryName, Identification id, boolean hasLicenseFile, boolean hasNoticeFile,
                              Model model, MemoryFit fit, Deployment deployment, String deploymentFile, OrgPolicy orgPolicy) {
        List<Object> facts = new ArrayList<>();
        if (orgPolicy != null) {
            facts.add(orgPolicy);
        }
        facts.add(new Repository(repositoryName, hasLicenseFile, hasNoticeFile, id.baseModels()));
        if (model != null) {
            facts.add(model);
        }
        if (fit != null) {
            facts.add(fit);
        }
        for (IdentificationIssue issue : id.issues()) {
            facts.add(new EvidenceIssue(issue.kind(), issue.licenseIds(), issue.message(),
                    issue.files().stream().map(f -> f.file() + ":" + f.line()).toList()));
        }
        if (id.license() != null) {
            String licenseId = id.license().id();
            LicenseInfo info = kb.license(licenseId).orElse(null);
            if (info != null) {
                facts.add(new Governing(licenseId, info.family(), info.title(), info.released(), "text".equals(id.license().source())));
                addTerms(licenseId, id.terms(), facts);
                if (id.usePolicy() != null || id.incorporatedPolicy() != null) {
                    // The use policy binds every declared use, with or without a copy in the repository; the
                    // checklist lists it beside the terms.
                    facts.add(new LicenseTerm(licenseId, TermKind.USE_POLICY, info.usePolicy() != null ? info.usePolicy() : id.usePolicy().id()));
                }
                addPolicy(info, facts);
                // The version a license text matched decides version-scoped duties; a tag does not tell the version.
                addDuties(licenseId, "text".equals(id.license().source()) ? id.license().version() : null, info, facts);
            } else {
                facts.add(new UnreadTerms(licenseId, UnreadTerms.What.LICENSE, licenseId));
            }
        }
        // Every further base license binds as well (a merge, or sources naming different bases): its publisher's
        // terms and use policy go to the rules, each fact naming its own license, so the strictest result per duty shows.
        // A use policy declared with AND (apache-2.0 AND llama3.1-aup) binds as the governing license's policy does;
        // one a bound license already incorporates is not added twice.
        java.util.Set<String> policies = new java.util.HashSet<>();
        java.util.stream.Stream.concat(java.util.stream.Stream.ofNullable(id.license()).map(m -> m.id()), id.alsoBinding().stream())
                .flatMap(l -> kb.license(l).stream()).map(LicenseInfo::usePolicy).filter(java.util.Objects::nonNull).forEach(policies::add);
        for (String other : id.alsoBinding()) {
            facts.add(new dev.canship.rules.facts.AlsoBinding(other));
            LicenseInfo info = kb.license(other).orElse(null);
            if (info != null) {
                addTerms(other, info.terms(), facts);
                addPolicy(info, facts);
                // Its duties and scopes too: a later license's "no multimodal models" must not hide a Vision base's exclusion.
                addDuties(other, null, info, facts);
            } else if (policies.add(other)) {
                kb.policy(other).ifPresent(p -> addPolicy(policyLicense(p), p, facts));
            }
        }
        if (deployment != null) {
            addDeployment(deployment, facts);
        }
        return new RuleInput(facts, deployment, deploymentFile);
    }

    /** What the inventory found: the rules tell a model repository from a folder that holds nothing of one. */
    public dev.canship.rules.facts.Contents contents(dev.canship.inventory.Inventory inventory, dev.canship.extract.ModelCard card) {
        boolean cardWithFrontMatter = card != null && !card.frontMatter().isMissingNode() && !card.frontMatter().isEmpty();
        return new dev.canship.rules.facts.Contents(inventory.files().size(), cardWithFrontMatter,
                inventory.has(dev.canship.inventory.FileRole.CONFIG) || inventory.has(dev.canship.inventory.FileRole.ADAPTER_CONFIG),
                inventory.has(dev.canship.inventory.FileRole.WEIGHTS) || inventory.has(dev.canship.inventory.FileRole.WEIGHTS_INDEX),
                inventory.has(dev.canship.inventory.FileRole.LICENSE) || inventory.has(dev.canship.inventory.FileRole.USE_POLICY));
    }

    private void addTerms(String license, LicenseTerms t, List<Object> facts) {
        t.clauses().forEach((key, clause) -> TermKind.ofKey(key).ifPresent(k -> facts.add(new LicenseTerm(license, k, clause))));
        if (t.mau() != null) {
            facts.add(new MauTerm(license, t.mau().threshold(), t.mau().measuredOn(), t.mau().reference(), t.mau().referenceDate(), t.mau().commercialOnly(), t.mau().clause()));
        }
        if (t.scaleGate() != null) {
            facts.add(dev.canship.rules.facts.ScaleGateTerm.of(license, t.scaleGate()));
        }
        if (t.guardrails() != null) {
            facts.add(new dev.canship.rules.facts.GuardrailTerm(license, t.guardrails().clause()));
        }
        if (t.namePrefix() != null) {
            facts.add(new NamePrefixTerm(license, t.namePrefix().prefix(), t.namePrefix().triggers().contains("outputs"), t.namePrefix().requiresDistribution(), t.namePrefix().clause()));
        }
        if (t.attribution() != null && !t.attribution().phrases().isEmpty()) {
            facts.add(new AttributionTerm(license, t.attribution().phrases(),
                    t.attribution().triggers().stream().map(dev.canship.rules.facts.AttributionTrigger::of).collect(java.util.stream.Collectors.toSet()),
                    t.attribution().clause()));
        }
        if (t.notice() != null) {
            facts.add(new NoticeTerm(license, t.notice().file() == null ? "Notice" : t.notice().file(), t.notice().sentence(), t.notice().exceptHosted(), t.notice().clause()));
        }
        if (t.licenseCopy() != null) {
            facts.add(new LicenseCopyTerm(license, t.licenseCopy().clause()));
        }
        if (t.outputTraining() != null) {
            facts.add(new OutputTrainingTerm(license, t.outputTraining().prohibited(), t.outputTraining().scope(), t.outputTraining().clause()));
        }
        if (t.nonCommercial() != null) {
            facts.add(new NonCommercialTerm(license, dev.canship.rules.facts.NonCommercialScope.of(t.nonCommercial().scope()), t.nonCommercial().outputsRestricted(), t.nonCommercial().clause()));
        }
        if (t.passThrough() != null) {
            facts.add(new PassThroughTerm(license, t.passThrough().clause()));
        }
        if (t.territorial() != null) {
            facts.add(new TerritorialTerm(license, t.territorial().excludedRegions(), dev.canship.rules.facts.TerritoryScope.of(t.territorial().appliesTo()), t.territorial().clause(), kb.regions()));
        }
        if (t.trademark() != null) {
            // The mark is data (terms.trademark.word); a clause that names none gives the rules nothing to match.
            if (t.trademark().word() != null) {
                facts.add(new TrademarkTerm(license, t.trademark().word(), t.trademark().clause()));
            }
        }
        if (t.hostingRestriction() != null) {
            facts.add(new HostingRestrictionTerm(license, t.hostingRestriction().text(), t.hostingRestriction().clause()));
        }
    }

    private void addPolicy(LicenseInfo info, List<Object> facts) {
        if (info.usePolicy() == null) {
            return;
        }
        kb.policy(info.usePolicy()).ifPresent(p -> addPolicy(info.id(), p, facts));
    }

    private static void addPolicy(String license, UsePolicy p, List<Object> facts) {
        for (UsePolicy.Section s : p.sections()) {
            facts.add(new PolicySection(license, p.id(), s.section(), s.title(), s.prohibits(), s.review(), s.settledBy()));
        }
    }

    /** The license a policy declared on its own is findings' license: the first it applies to, else the policy itself. */
    private String policyLicense(UsePolicy p) {
        return p.appliesTo().stream().filter(l -> kb.license(l).isPresent()).findFirst().orElse(p.id());
    }

    /**
     * The governing license's entries of licenses/duties.yaml, and a fact for a use policy the license
     * incorporates but canship cannot read (unknown evidence is not clean).
     */
    private void addDuties(String licenseId, String version, LicenseInfo info, List<Object> facts) {
        facts.addAll(DutyCatalog.bundled().facts(licenseId, version));
        LicenseTerms.Attribution a = info.terms().attribution();
        if (a != null) {
            // Only places a deployment can declare: Falcon's "public statements" is not one, so it is not narrowed.
            List<String> places = a.where().stream().filter(w -> java.util.Arrays.stream(dev.canship.deployment.AttributionPlace.values())
                    .anyMatch(p -> p.label().equals(w))).toList();
            if (!places.isEmpty() && places.size() == a.where().size() && places.size() < dev.canship.deployment.AttributionPlace.values().length) {
                facts.add(new AttributionWhere(licenseId, places, a.clause()));
            }
        }
        if (info.usePolicy() != null && kb.policy(info.usePolicy()).isEmpty()) {
            facts.add(new UnreadTerms(licenseId, UnreadTerms.What.USE_POLICY, info.usePolicy()));
        }
    }

    private void addDeployment(Deployment d, List<Object> facts) {
        String country = d.organization().country();
        facts.add(new Organization(d.organization().name(), country, d.organization().monthlyActiveUsers(),
                kb.regions().ids().stream().filter(r -> kb.regions().isMember(r, country)).collect(java.util.stream.Collectors.toSet())));
        facts.add(new dev.canship.rules.facts.Revenue(d.organization().annualRevenueUsd(), d.organization().monthlyRevenueUsd()));
        if (d.model().removesGuardrails()) {
            facts.add(new dev.canship.rules.facts.GuardrailsRemoved());
        }
        facts.add(new ModelOffer(d.model().releaseName(), d.model().changes(), d.model().distribution(),
                d.model().outputsTrainModels(), d.model().modalities()));
        Deployment.Product p = d.product();
        facts.add(new Product(p.name(), p.commercial(), p.monthlyActiveUsers() == null ? d.organization().monthlyActiveUsers() : p.monthlyActiveUsers(),
                p.monthlyActiveUsers() != null, p.attribution().stream().map(a -> a.label()).toList(),
                p.shipsLicenseCopy(), p.shipsNotice(), p.passesUsePolicy(), p.regions()));
        facts.add(new ProductPurpose(dev.canship.deployment.Purpose.ofLabel(p.purposeOrDefault()).orElseThrow(), p.purpose() != null));
        if (p.disclosesMachineGenerated()) {
            facts.add(new dev.canship.rules.facts.ProductCommitment(dev.canship.rules.facts.ProductCommitment.DISCLOSES_MACHINE_GENERATED));
        }
        d.declaredFields().forEach(f -> facts.add(new DeclaredField(f)));
        java.util.Set<String> training = DutyCatalog.bundled().trainingUses();
        for (String use : p.uses()) {
            facts.add(new DeclaredUse(use));
            if (training.contains(use)) {
                facts.add(new TrainingUse(use, true, List.of()));
            }
        }
        if (p.useDescription() != null) {
            List<ScreenedUse> hits = screen(p.useDescription());
            facts.addAll(hits);
            hits.stream().filter(h -> training.contains(h.use()) && !p.uses().contains(h.use()))
                    .forEach(h -> facts.add(new TrainingUse(h.use(), false, h.words())));
        }
    }

    /**
     * One fact per pickle-based file the extraction scanned; files of other formats that only share an extension
     * (GGML in a {@code .bin}) are left out.
     *
     * @param safetensorsPresent whether the repository also has safetensors weights
     */
    public List<SerializedFile> serializedFiles(List<SerializationScan> scans, boolean safetensorsPresent) {
        return scans.stream().filter(SerializationScan::isPickle)
                .map(s -> new SerializedFile(s.file(), s.format(), s.weights(), s.unsafe(), s.error(), safetensorsPresent))
                .toList();
    }

    /** Lexicon screening of the free-text use description: which uses its words suggest, quoting them. */
    List<ScreenedUse> screen(String description) {
        return screened.computeIfAbsent(description, this::screenNow);
    }

    private List<ScreenedUse> screenNow(String description) {
        String text = " " + description.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
        List<ScreenedUse> out = new ArrayList<>();
        for (Map.Entry<String, List<Map.Entry<String, Pattern>>> e : lexiconPatterns().entrySet()) {
            List<String> hits = new ArrayList<>();
            for (Map.Entry<String, Pattern> word : e.getValue()) {
                if (word.getValue().matcher(text).find()) {
                    hits.add(word.getKey());
                }
            }
            if (!hits.isEmpty()) {
                out.add(new ScreenedUse(e.getKey(), List.copyOf(hits)));
            }
        }
        return List.copyOf(out);
    }

    /** The lexicon as compiled patterns (a word, or a phrase, with simple English endings), built once per assembler. */
    private Map<String, List<Map.Entry<String, Pattern>>> lexiconPatterns() {
        Map<String, List<Map.Entry<String, Pattern>>> p = patterns;
        if (p == null) {
            p = new java.util.TreeMap<>();
            for (Map.Entry<String, List<String>> e : kb.lexicon().entrySet()) {
                List<Map.Entry<String, Pattern>> words = new ArrayList<>();
                for (String word : e.getValue()) {
                    String w = word.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
                    if (!w.isEmpty()) {
                        words.add(Map.entry(word, Pattern.compile(" " + Pattern.quote(w) + "(s|es|ed|ing)? ")));
                    }
                }
                p.put(e.getKey(), List.copyOf(words));
            }
            patterns = p;
        }
        return p;
    }
}
