package dev.canship.report;

import dev.canship.deployment.Deployment;
import dev.canship.extract.ModelCard;
import dev.canship.finding.Finding;
import dev.canship.finding.FindingKind;
import dev.canship.finding.Severity;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.LicenseInfo;
import dev.canship.identify.LicenseMatch;
import dev.canship.identify.UsePolicy;
import dev.canship.inventory.FileRole;
import dev.canship.inventory.RepoFile;
import dev.canship.model.ModelFacts;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.data.ComponentData;
import org.cyclonedx.model.component.data.DatasetChoice;
import org.cyclonedx.model.component.modelCard.Considerations;
import org.cyclonedx.model.component.modelCard.InputOutputParameter;
import org.cyclonedx.model.component.modelCard.ModelParameters;
import org.cyclonedx.model.component.modelCard.consideration.Risk;
import org.cyclonedx.model.license.Acknowledgement;
import org.cyclonedx.model.metadata.ToolInformation;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * CycloneDX 1.6 JSON for the systems that keep records: the model as a {@code machine-learning-model} component
 * with its concluded license, a model card (task, architecture, datasets, intended uses, use-policy
 * considerations), canship's facts and verdict as {@code canship:} properties, the small files it read with
 * their SHA-256, the weight files without hashes, and the base models as dependencies. The BOM is built with
 * cyclonedx-core-java's model and written by its generator. The serial number is derived from the content, so
 * the same inputs give the same BOM; a timestamp is written only when a clock is given.
 */
public final class CycloneDxReporter implements Reporter {

    static final Version SPEC = Version.VERSION_16;
    private static final String P = "canship:";

    private final KnowledgeBase kb;
    private final Clock clock;

    /**
     * @param kb    the license catalog (titles, SPDX ids, link patterns, use policies, the use vocabulary)
     * @param clock the BOM's {@code metadata.timestamp}, or null to write none
     */
    public CycloneDxReporter(KnowledgeBase kb, Clock clock) {
        this.kb = kb;
        this.clock = clock;
    }

    @Override
    public String render(List<RepositoryReport> reports) {
        Bom bom = bom(reports);
        // The serial is a name-based UUID of the BOM as written without serial and timestamp: content-derived, so
        // a re-run over unchanged inputs yields the same identity, and any change yields a new one.
        bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes(json(bom).getBytes(StandardCharsets.UTF_8)));
        // Always set: cyclonedx-core-java stamps new metadata with the current time, which would break determinism.
        bom.getMetadata().setTimestamp(clock == null ? null : Date.from(clock.instant()));
        return json(bom) + "\n";
    }

    /** The BOM without serial number and timestamp. */
    Bom bom(List<RepositoryReport> reports) {
        Bom bom = new Bom();
        bom.setVersion(1);
        Metadata metadata = new Metadata();
        metadata.setTimestamp(null);
        ToolInformation tools = new ToolInformation();
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("canship");
        tool.setVersion(dev.canship.BuildInfo.current().version());
        // The knowledge base the verdicts came from, so an archived BOM can be tied to it.
        tool.addProperty(new org.cyclonedx.model.Property("canship:knowledge-base", dev.canship.BuildInfo.current().knowledgeBase()));
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        bom.setMetadata(metadata);

        Refs refs = new Refs();
        Map<String, Component> bases = new LinkedHashMap<>();
        List<Dependency> dependencies = new ArrayList<>();
        List<Component> models = new ArrayList<>();
        for (RepositoryReport r : reports) {
            Component model = model(r, refs);
            models.add(model);
            Dependency dep = new Dependency(model.getBomRef());
            for (String base : baseModels(r)) {
                Component b = bases.computeIfAbsent(base, k -> baseModel(k, refs));
                dep.addDependency(new Dependency(b.getBomRef()));
            }
            dependencies.add(dep);
        }
        if (models.size() == 1) {
            // One repository: it is what the BOM describes.
            metadata.setComponent(models.get(0));
        } else {
            models.forEach(bom::addComponent);
        }
        bases.values().forEach(bom::addComponent);
        bases.values().forEach(b -> dependencies.add(new Dependency(b.getBomRef())));
        bom.setDependencies(dependencies);
        return bom;
    }

    private Component model(RepositoryReport r, Refs refs) {
        Component c = new Component();
        c.setType(Component.Type.MACHINE_LEARNING_MODEL);
        c.setBomRef(refs.unique("model:" + r.name()));
        c.setName(r.name());
        if (r.revision() != null) {
            // The commit read (a cache snapshot, a Hub revision) is the version of the model the BOM describes.
            c.setVersion(r.revision());
        }
        LicenseMatch concluded = r.identification().license();
        dev.canship.identify.DeclaredLicense compound = r.identification().compoundDeclaration();
        if (compound != null && concluded != null) {
            // Several licenses, a choice or an exception: CycloneDX carries them as one SPDX expression, never as an id.
            // Written as declared, it is "declared"; once a license text settled a choice in it, the expression is
            // canship's conclusion about what binds, no longer the publisher's words.
            String expression = compound.boundExpression();
            org.cyclonedx.model.license.Expression e = new org.cyclonedx.model.license.Expression(expression);
            e.setAcknowledgement(expression.equals(compound.expression()) ? Acknowledgement.DECLARED : Acknowledgement.CONCLUDED);
            LicenseChoice choice = new LicenseChoice();
            choice.setExpression(e);
            c.setLicenses(choice);
        } else if (concluded != null) {
            c.setLicenses(license(concluded, r.card()));
        }
        c.setModelCard(modelCard(r));
        c.setProperties(properties(r));
        if (concluded != null && c.getLicenses() != null && c.getLicenses().getExpression() != null) {
            // An expression carries no properties: the license evidence goes on the component instead.
            List<Property> all = new ArrayList<>(c.getProperties() == null ? List.of() : c.getProperties());
            all.addAll(licenseProperties(concluded));
            c.setProperties(all);
        }
        List<Component> files = new ArrayList<>();
        for (RepoFile f : r.files()) {
            files.add(file(c.getBomRef(), f, refs));
        }
        if (!files.isEmpty()) {
            c.setComponents(files);
        }
        return c;
    }

    private LicenseChoice license(LicenseMatch m, ModelCard card) {
        License l = new License();
        LicenseInfo info = kb.license(m.id()).orElse(null);
        if (info != null && info.spdx() != null && !info.spdx().startsWith("LicenseRef-")) {
            l.setId(info.spdx());
        } else {
            l.setName(info == null ? m.id() : info.title());
        }
        String url = url(m.id(), card);
        if (url != null) {
            l.setUrl(url);
        }
        l.setAcknowledgement(Acknowledgement.CONCLUDED);
        l.setProperties(licenseProperties(m));
        LicenseChoice choice = new LicenseChoice();
        if (info != null && info.spdx() != null && info.spdx().startsWith("LicenseRef-")) {
            // A LicenseRef is not an SPDX license id: CycloneDX carries it as an expression, never as license.id.
            org.cyclonedx.model.license.Expression e = new org.cyclonedx.model.license.Expression(info.spdx());
            e.setAcknowledgement(Acknowledgement.CONCLUDED);
            choice.setExpression(e);
            return choice;
        }
        choice.addLicense(l);
        return choice;
    }

    /** canship's evidence for the concluded license, as CycloneDX properties. */
    private static List<Property> licenseProperties(LicenseMatch m) {
        List<Property> props = new ArrayList<>();
        props.add(new Property(P + "license_id", m.id()));
        props.add(new Property(P + "evidence", m.file() + (m.line() > 0 ? ":" + m.line() : "")));
        props.add(new Property(P + "evidence_source", m.source()));
        props.add(new Property(P + "confidence", String.format(Locale.ROOT, "%.3f", m.confidence())));
        props.add(new Property(P + "altered", String.valueOf(m.altered())));
        return props;
    }

    /**
     * The card's {@code license_link} when it is an http(s) address that the catalog recognises as this license's
     * page; canship keeps no URLs of its own, and a link that points elsewhere is not vouched for.
     */
    private String url(String licenseId, ModelCard card) {
        String link = card == null ? null : card.text("license_link");
        if (link == null) {
            return null;
        }
        try {
            URI uri = new URI(link.strip());
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if (web && uri.getHost() != null && kb.byLink(link).map(LicenseInfo::id).filter(licenseId::equals).isPresent()) {
                return uri.toString();
            }
        } catch (java.net.URISyntaxException e) {
            return null;
        }
        return null;
    }

    private org.cyclonedx.model.component.ModelCard modelCard(RepositoryReport r) {
        org.cyclonedx.model.component.ModelCard card = new org.cyclonedx.model.component.ModelCard();
        ModelParameters params = new ModelParameters();
        ModelFacts facts = r.model() == null ? null : r.model().details();
        if (r.model() != null && r.model().architecture() != null) {
            params.setArchitectureFamily(r.model().architecture());
        }
        if (facts != null && facts.architectures() != null) {
            params.setModelArchitecture(facts.architectures());
        }
        ModelCard mc = r.card();
        String task = mc == null ? null : mc.text("pipeline_tag");
        if (task != null && !task.isBlank()) {
            params.setTask(task);
        }
        if (mc != null) {
            List<DatasetChoice> datasets = new ArrayList<>();
            for (String name : mc.texts("datasets")) {
                if (name.isBlank()) {
                    continue;
                }
                ComponentData data = new ComponentData();
                data.setType(ComponentData.ComponentDataType.DATASET);
                data.setName(name);
                DatasetChoice choice = new DatasetChoice();
                choice.setComponentData(data);
                datasets.add(choice);
            }
            if (!datasets.isEmpty()) {
                params.setDatasets(datasets);
            }
        }
        List<String> modalities = r.model() == null ? List.of() : r.model().modalities();
        if (!modalities.isEmpty()) {
            params.setInputs(modalities.stream().map(CycloneDxReporter::format).toList());
        }
        String output = outputOf(task);
        if (output != null) {
            params.setOutputs(List.of(format(output)));
        }
        card.setModelParameters(params);

        Considerations considerations = new Considerations();
        boolean any = false;
        Deployment d = r.deployment();
        if (d != null && d.product().uses() != null && !d.product().uses().isEmpty()) {
            List<String> uses = new ArrayList<>();
            for (String use : d.product().uses()) {
                String description = kb.uses().get(use);
                uses.add(description == null || description.isBlank() ? use : use + ": " + description);
            }
            if (d.product().useDescription() != null && !d.product().useDescription().isBlank()) {
                uses.add(d.product().useDescription());
            }
            considerations.setUseCases(uses);
            any = true;
        }
        List<Risk> risks = new ArrayList<>();
        for (Finding f : r.findings()) {
            if (f.kind() == FindingKind.USE_POLICY || f.kind() == FindingKind.USE_POLICY_REVIEW) {
                Risk risk = new Risk();
                risk.setName(f.message());
                risk.setMitigationStrategy(f.remediation().isEmpty() ? null : f.remediation());
                risks.add(risk);
            }
        }
        if (!risks.isEmpty()) {
            considerations.setEthicalConsiderations(risks);
            any = true;
        }
        MemoryBudget budget = MemoryBudget.of(r).orElse(null);
        if (budget != null && !budget.fits()) {
            considerations.setTechnicalLimitations(List.of("Does not fit " + budget.devices() + " at " + budget.precision() + ": needs "
                    + MemoryBudget.gib(budget.totalBytes()) + " of accelerator memory, " + MemoryBudget.gib(budget.availableBytes()) + " available"));
            any = true;
        }
        if (any) {
            card.setConsiderations(considerations);
        }
        List<Property> restrictions = useRestrictions(r);
        if (!restrictions.isEmpty()) {
            card.setProperties(restrictions);
        }
        return card;
    }

    /** Each section of the governing use policy, as canship's catalogue summarises it. */
    private List<Property> useRestrictions(RepositoryReport r) {
        List<Property> out = new ArrayList<>();
        // The catalog names the policy a license incorporates; a use-policy match carries the license family's id.
        String byLicense = r.identification().license() == null ? null
                : kb.license(r.identification().license().id()).map(LicenseInfo::usePolicy).orElse(null);
        String byMatch = r.identification().usePolicy() == null ? null : r.identification().usePolicy().id();
        UsePolicy policy = kb.policy(byLicense).or(() -> kb.policy(byMatch)).orElse(null);
        if (policy == null) {
            return out;
        }
        for (UsePolicy.Section s : policy.sections()) {
            out.add(new Property(P + "use_restriction", policy.id() + " " + s.section() + ": " + s.title()
                    + (s.summary() == null ? "" : " \u2014 " + s.summary())));
        }
        return out;
    }

    private static InputOutputParameter format(String f) {
        InputOutputParameter p = new InputOutputParameter();
        p.setFormat(f);
        return p;
    }

    /** What a Hugging Face pipeline tag says the model produces, where it says so plainly. */
    static String outputOf(String task) {
        if (task == null) {
            return null;
        }
        String t = task.toLowerCase(Locale.ROOT);
        int to = t.lastIndexOf("-to-");
        if (to >= 0) {
            return t.substring(to + 4);
        }
        return switch (t) {
            case "text-generation", "text2text-generation", "summarization", "translation", "question-answering" -> "text";
            default -> null;
        };
    }

    private List<Property> properties(RepositoryReport r) {
        List<Property> p = new ArrayList<>();
        add(p, "repository", r.path());
        ModelSummary m = r.model();
        ModelFacts f = m == null ? null : m.details();
        if (m != null) {
            add(p, "total_params", m.totalParams());
            add(p, "active_params", m.activeParams());
            add(p, "experts", m.experts());
            add(p, "experts_per_token", m.expertsPerToken());
            if (f != null) {
                add(p, "shared_experts", f.sharedExperts());
                add(p, "layers", f.layers());
                add(p, "context_length", f.contextLength());
                add(p, "native_dtype", f.nativeDtype());
                add(p, "quantization", f.quantization());
                add(p, "params_estimated", f.estimated() ? "true" : null);
            }
            if (!m.modalities().isEmpty()) {
                add(p, "modalities", String.join(",", m.modalities()));
            }
        }
        LicenseMatch l = r.identification().license();
        add(p, "license", l == null ? "none concluded" : l.id());
        if (r.identification().usePolicy() != null) {
            add(p, "use_policy", r.identification().usePolicy().id());
        }
        r.identification().issues().forEach(i -> add(p, "license_issue", i.kind().name() + ": " + i.message()));
        if (r.isCheck()) {
            add(p, "verdict", r.verdict().name().toLowerCase(Locale.ROOT));
            add(p, "verdict_text", r.verdict().plain());
            if (r.deployment().source() != null) {
                add(p, "deployment", r.deployment().source().toString());
            }
            for (Severity s : List.of(Severity.ERROR, Severity.WARNING, Severity.INFO)) {
                add(p, "findings_" + s.label(), r.findings().stream().filter(x -> !x.waived() && x.severity() == s).count());
            }
            add(p, "findings_waived", r.findings().stream().filter(Finding::waived).count());
            for (Finding x : r.findings()) {
                add(p, "finding", x.rule() + " (" + x.severity().label() + (x.waived() ? ", waived" : "")
                        + (x.license() == null ? "" : ", " + x.license() + (x.clause() == null ? "" : " " + x.clause())) + "): " + x.message());
            }
            for (ObligationChecklist.Item i : ObligationChecklist.of(r)) {
                add(p, "obligation", i.obligation() + " [" + (i.clause() == null ? "" : i.clause()) + "]: " + i.status().label());
            }
        }
        MemoryBudget.of(r).ifPresent(b -> {
            add(p, "fit", b.fits() ? "fits" : "does not fit");
            add(p, "fit_devices", b.devices());
            add(p, "fit_memory_needed_bytes", b.totalBytes());
            add(p, "fit_memory_available_bytes", b.availableBytes());
        });
        return p;
    }

    private static Component file(String modelRef, RepoFile f, Refs refs) {
        Component c = new Component();
        c.setType(Component.Type.FILE);
        c.setBomRef(refs.unique(modelRef + "/" + f.path()));
        c.setName(f.path());
        FileDigests.sha256(f).ifPresent(h -> c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, h))));
        List<Property> p = new ArrayList<>();
        add(p, "role", f.role().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        add(p, "size_bytes", f.size());
        if (f.role() == FileRole.WEIGHTS) {
            add(p, "hash", "not computed: weight files are listed, never hashed");
        }
        c.setProperties(p);
        return c;
    }

    private static Component baseModel(String id, Refs refs) {
        Component c = new Component();
        c.setType(Component.Type.MACHINE_LEARNING_MODEL);
        c.setBomRef(refs.unique("model:" + id));
        int slash = id.indexOf('/');
        if (slash > 0 && slash == id.lastIndexOf('/') && slash < id.length() - 1) {
            // Hugging Face ids are owner/name: the owner is the component's group.
            c.setGroup(id.substring(0, slash));
            c.setName(id.substring(slash + 1));
        } else {
            c.setName(id);
        }
        c.setProperties(List.of(new Property(P + "role", "base model named by the card")));
        return c;
    }

    private static List<String> baseModels(RepositoryReport r) {
        return r.model() != null && !r.model().baseModels().isEmpty() ? r.model().baseModels() : r.identification().baseModels();
    }

    private static void add(List<Property> p, String name, Object value) {
        if (value != null) {
            p.add(new Property(P + name, String.valueOf(value)));
        }
    }

    private static String json(Bom bom) {
        try {
            return new BomJsonGenerator(bom, SPEC).toJsonString(true);
        } catch (GeneratorException e) {
            throw new IllegalStateException("CycloneDX generation failed: " + e.getMessage(), e);
        }
    }

    /** bom-refs must be unique in a BOM; a second repository of the same name gets a numbered ref. */
    private static final class Refs {
        private final Set<String> used = new HashSet<>();

        String unique(String ref) {
            String r = ref;
            for (int i = 2; !used.add(r); i++) {
                r = ref + "#" + i;
            }
            return r;
        }
    }
}
