package dev.canship.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canship.deployment.Deployment;
import dev.canship.deployment.DeploymentReader;
import dev.canship.finding.Finding;
import dev.canship.identify.Identification;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.LicenseMatch;
import dev.canship.rules.facts.Model;
import dev.canship.rules.facts.OrgPolicy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One rule scenario: a governing license, a deployment (a clean base with some fields changed), a model and
 * a repository. {@link #findings()} fires the bundled rules over them and returns {@code RULE:severity} strings.
 */
final class Scenario {

    /** Adds a case to a parameterized matrix: its name, the scenario, and exactly the {@code RULE:severity} expected. */
    static void expect(List<org.junit.jupiter.params.provider.Arguments> cases, String name, Scenario s, String... expected) {
        cases.add(org.junit.jupiter.params.provider.Arguments.of(name, s, new TreeSet<>(java.util.Arrays.asList(expected))));
    }


    static final KnowledgeBase KB = KnowledgeBase.bundled();
    static final RuleEngine ENGINE = RuleEngine.bundled();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Meets every obligation of every license canship knows, for a hosted, unchanged, commercial use. */
    static final String BASE = """
            canship: 1
            organization: {name: Acme Inc., country: US, monthly_active_users: 1000000}
            model: {changes: none, distribution: hosted, modalities: [text], outputs_train_models: false}
            product:
              name: Acme Assistant
              commercial: true
              attribution: [website]
              ships_license_copy: true
              ships_notice: true
              passes_use_policy: true
              uses: [customer_support]
              regions: [US]
            """;

    final String license;
    final List<String> overrides = new ArrayList<>();
    boolean multimodal;
    boolean derivativeRepository;
    boolean noticeFile = true;
    String modelName = "test-model";
    String modelType = "test";
    boolean noModel;

    private Scenario(String license) {
        this.license = license;
    }

    static Scenario under(String license) {
        return new Scenario(license);
    }

    /** Sets a deployment field by dotted path: {@code set("model.release_name", "Acme")}; a null value removes it. */
    Scenario set(String path, Object value) {
        overrides.add(path + "=" + value);
        return this;
    }

    Scenario multimodal() {
        this.multimodal = true;
        return this;
    }

    /** The model's name (card or folder) and config model_type, as the model facts would give them. */
    Scenario model(String name, String type) {
        this.modelName = name;
        this.modelType = type;
        return this;
    }

    /** No config.json and no weights: no model facts at all. */
    Scenario noModel() {
        this.noModel = true;
        return this;
    }

    /** A repository that ships a NOTICE file (or not). */
    Scenario noticeFile(boolean present) {
        this.noticeFile = present;
        return this;
    }

    Scenario derivativeRepositoryWithoutNotice() {
        this.derivativeRepository = true;
        this.noticeFile = false;
        return this;
    }

    Deployment deployment() throws Exception {
        ObjectNode root = (ObjectNode) YAML.readTree(BASE);
        for (String o : overrides) {
            String path = o.substring(0, o.indexOf('='));
            String value = o.substring(o.indexOf('=') + 1);
            String[] parts = path.split("\\.");
            ObjectNode node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
            }
            String key = parts[parts.length - 1];
            if (value.equals("null")) {
                node.remove(key);
            } else if (value.startsWith("[")) {
                node.set(key, YAML.readTree(value));
            } else if (value.matches("-?\\d+")) {
                node.put(key, Long.parseLong(value));
            } else if (value.equals("true") || value.equals("false")) {
                node.put(key, Boolean.parseBoolean(value));
            } else {
                node.put(key, value);
            }
        }
        return new DeploymentReader(KB.uses().keySet()).parse(Path.of("deployment.yaml"), YAML.writeValueAsString(root));
    }

    List<Finding> run() throws Exception {
        return result().findings();
    }

    /** Findings and applicability, as the engine returns them. */
    RuleEngine.Result result() throws Exception {
        LicenseMatch match = new LicenseMatch(license, KB.license(license).orElseThrow().version(), "license", "text", "LICENSE", 1, 1.0, false, List.of());
        Identification id = new Identification(List.of(match), match, null, KB.license(license).orElseThrow().terms(),
                derivativeRepository ? List.of("org/base-model") : List.of(), List.of());
        Model model = noModel ? null : new Model(modelName, modelType, multimodal, 8_000_000_000L, 8_000_000_000L);
        RuleInput input = new FactAssembler(KB).assemble("test-repo", id, true, noticeFile, model, null, deployment(),
                "deployment.yaml", new OrgPolicy(Set.of(), Set.of()));
        return ENGINE.run(input);
    }

    /**
     * The findings as {@code RULE:severity}, sorted; empty set when the scenario is clean. Standing reminders (kind
     * LICENSE_UPDATES: latest version, use restrictions that may change) fire for every deployment under a license
     * and are left out here; {@link #reminders()} returns them.
     */
    Set<String> findings() throws Exception {
        Set<String> out = new TreeSet<>();
        for (Finding f : run()) {
            if (f.kind() != dev.canship.finding.FindingKind.LICENSE_UPDATES) {
                out.add(f.rule() + ":" + f.severity().label());
            }
        }
        return out;
    }

    /** The standing reminders (kind LICENSE_UPDATES) as {@code RULE:severity}. */
    Set<String> reminders() throws Exception {
        Set<String> out = new TreeSet<>();
        for (Finding f : run()) {
            if (f.kind() == dev.canship.finding.FindingKind.LICENSE_UPDATES) {
                out.add(f.rule() + ":" + f.severity().label());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return license + (multimodal ? " multimodal" : "") + (noModel ? " no-model" : " " + modelName + "/" + modelType)
                + (derivativeRepository ? " derivative-repo" : "") + (noticeFile ? "" : " no-NOTICE") + " " + overrides;
    }
}
