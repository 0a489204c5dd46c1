package dev.canship.rules;

import dev.canship.identify.LicenseTerms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Llama obligations, version by version: each scenario asserts the exact set of findings (rule and
 * severity). Expectations follow the terms recorded in licenses/catalog (checked first, so that a change
 * in the knowledge base shows up here as a failing premise, not as a silently different matrix).
 */
class LlamaScenarioMatrixTest {

    static final List<String> VERSIONS = List.of("llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4");
    static final Set<String> EU_MULTIMODAL_VERSIONS = Set.of("llama3.2", "llama3.3", "llama4");

    @Test
    void premisesFromTheKnowledgeBase() {
        for (String v : VERSIONS) {
            LicenseTerms t = Scenario.KB.license(v).orElseThrow().terms();
            assertThat(t.mau().threshold()).as(v).isEqualTo(700_000_000L);
            assertThat(t.namePrefix() == null).as(v + " has no naming duty").isEqualTo(v.equals("llama2"));
            assertThat(t.attribution() == null).as(v + " has no attribution duty").isEqualTo(v.equals("llama2"));
            assertThat(t.outputTraining().prohibited()).as(v + " forbids output training").isEqualTo(v.equals("llama2") || v.equals("llama3"));
            assertThat(t.territorial() != null).as(v + " excludes the EU for multimodal").isEqualTo(EU_MULTIMODAL_VERSIONS.contains(v));
        }
        assertThat(Scenario.KB.license("llama3").orElseThrow().terms().namePrefix().prefix()).isEqualTo("Llama 3");
        assertThat(Scenario.KB.license("llama3").orElseThrow().terms().namePrefix().triggers()).containsExactly("materials");
        assertThat(Scenario.KB.license("llama3.1").orElseThrow().terms().namePrefix().triggers()).contains("materials", "outputs");
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (String v : VERSIONS) {
            boolean v2 = v.equals("llama2");
            boolean v3 = v.equals("llama3");
            boolean from31 = !v2 && !v3;
            String naming = v2 ? null : "DERIVATIVE-NAMING:error";

            add(cases, v + ": clean hosted use", Scenario.under(v));
            // §2 MAU boundary: "greater than 700 million" - exactly the threshold passes.
            add(cases, v + ": MAU exactly 700,000,000", Scenario.under(v).set("organization.monthly_active_users", 700_000_000L));
            add(cases, v + ": MAU 700,000,001", Scenario.under(v).set("organization.monthly_active_users", 700_000_001L), "MAU-THRESHOLD:error");
            // §1.b.i naming.
            add(cases, v + ": fine-tune hosted as Acme-Chat", Scenario.under(v).set("model.changes", "fine-tune").set("model.release_name", "Acme-Chat"), naming);
            add(cases, v + ": fine-tune hosted as 'Llama 3 Acme'", Scenario.under(v).set("model.changes", "fine-tune").set("model.release_name", "Llama 3 Acme"));
            add(cases, v + ": fine-tune hosted as 'Llama-Acme'", Scenario.under(v).set("model.changes", "fine-tune").set("model.release_name", "Llama-Acme"),
                    v3 ? "DERIVATIVE-NAMING:error" : null);
            // The hub namespace is not part of the name; case variants of the prefix are a warning, not an error.
            String prefix = v3 ? "Llama 3" : "Llama";
            add(cases, v + ": fine-tune hosted as 'acme/" + prefix + "-Chat'", Scenario.under(v).set("model.changes", "fine-tune").set("model.release_name", "acme/" + prefix + "-Chat"));
            add(cases, v + ": fine-tune hosted as 'acme/Acme-Chat'", Scenario.under(v).set("model.changes", "fine-tune").set("model.release_name", "acme/Acme-Chat"), naming);
            add(cases, v + ": fine-tune hosted as '" + prefix.toLowerCase() + "-chat'", Scenario.under(v).set("model.changes", "fine-tune")
                    .set("model.release_name", prefix.toLowerCase() + "-chat"), v2 ? null : "DERIVATIVE-NAMING-CASE:warning");
            add(cases, v + ": fine-tune hosted as '" + prefix.toUpperCase() + " Chat'", Scenario.under(v).set("model.changes", "fine-tune")
                    .set("model.release_name", prefix.toUpperCase() + " Chat"), v2 ? null : "DERIVATIVE-NAMING-CASE:warning");
            // Uses that are the banned act: a declared distillation use, or words of the description, not only the flag.
            add(cases, v + ": declared use model_distillation, model offered as Acme-Student",
                    Scenario.under(v).set("product.uses", "[model_distillation]").set("model.release_name", "Acme-Student"),
                    from31 ? new String[] {"DERIVATIVE-NAMING:error", "OUTPUT-DERIVATIVE:info"} : new String[] {"OUTPUT-TRAINING:error"});
            add(cases, v + ": declared use synthetic_data_generation, no model offered under a name",
                    Scenario.under(v).set("product.uses", "[synthetic_data_generation]"),
                    from31 ? new String[] {"DERIVATIVE-NAMING-UNDECLARED:warning", "OUTPUT-DERIVATIVE:info"} : new String[] {"OUTPUT-TRAINING:error"});
            add(cases, v + ": description 'we distill it into our own model'",
                    Scenario.under(v).set("product.use_description", "We distill it into a smaller model we train on its outputs"), "OUTPUT-TRAINING-SCREENED:warning");
            add(cases, v + ": description about summaries only (boundary: no training words)",
                    Scenario.under(v).set("product.use_description", "Summarizes support tickets for agents"));
            add(cases, v + ": fine-tune kept internal as Acme-Chat", Scenario.under(v).set("model.changes", "fine-tune").set("model.release_name", "Acme-Chat")
                    .set("model.distribution", "internal"));
            add(cases, v + ": fine-tune hosted, no release name", Scenario.under(v).set("model.changes", "fine-tune"),
                    v2 ? null : "DERIVATIVE-NAMING-UNDECLARED:warning");
            // §1.b.v (Llama 2 and 3) against the 3.1 change: outputs may improve other models, which then need the prefix.
            add(cases, v + ": outputs train a model offered as Acme-Student",
                    Scenario.under(v).set("model.outputs_train_models", true).set("model.release_name", "Acme-Student"),
                    from31 ? new String[] {"DERIVATIVE-NAMING:error", "OUTPUT-DERIVATIVE:info"} : new String[] {"OUTPUT-TRAINING:error"});
            // Attribution.
            add(cases, v + ": hosted without attribution", Scenario.under(v).set("product.attribution", "[]"), v2 ? null : "ATTRIBUTION:error");
            add(cases, v + ": internal without attribution", Scenario.under(v).set("product.attribution", "[]").set("model.distribution", "internal"));
            // License copy and Notice travel with copies of the weights.
            add(cases, v + ": weights handed out without license copy or Notice",
                    Scenario.under(v).set("model.distribution", "weights").set("product.ships_license_copy", false).set("product.ships_notice", false),
                    "LICENSE-COPY:error", "NOTICE-FILE:error");
            add(cases, v + ": hosted without license copy or Notice (no copies change hands)",
                    Scenario.under(v).set("product.ships_license_copy", false).set("product.ships_notice", false));
            add(cases, v + ": derivative repository without a Notice file", Scenario.under(v).derivativeRepositoryWithoutNotice(), "NOTICE-FILE-REPOSITORY:info");
            // EU exclusion for multimodal models (use policy of 3.2, 3.3 and 4). Llama 3.3 has no multimodal models: a
            // vision model built on it is not one "included in" 3.3 (a note, not an error). Every Llama 4 model is multimodal.
            boolean v33 = v.equals("llama3.3");
            boolean v4 = v.equals("llama4");
            String eu = v33 ? "EU-MULTIMODAL-NOT-INCLUDED:info" : EU_MULTIMODAL_VERSIONS.contains(v) ? "EU-MULTIMODAL:error" : null;
            add(cases, v + ": German company, multimodal model, text inputs only", Scenario.under(v).set("organization.country", "DE").multimodal(), eu);
            add(cases, v + ": German company, text-only config", Scenario.under(v).set("organization.country", "DE"), v4 ? "EU-MULTIMODAL:error" : null);
            add(cases, v + ": German company, no config or weights", Scenario.under(v).set("organization.country", "DE").noModel(),
                    v4 ? "EU-MULTIMODAL:error" : v.equals("llama3.2") ? "MULTIMODAL-UNDETERMINED:warning" : null);
            add(cases, v + ": US company, no config or weights", Scenario.under(v).noModel());
            add(cases, v + ": German company, copied config of type mllama without vision section",
                    Scenario.under(v).set("organization.country", "DE").model("acme-model", "mllama"), v.equals("llama3.2") || v4 ? "EU-MULTIMODAL:error" : null);
            add(cases, v + ": German company, model named Llama-3.2-11B-Vision-Instruct with a text config",
                    Scenario.under(v).set("organization.country", "DE").model("Llama-3.2-11B-Vision-Instruct", "llama"), v.equals("llama3.2") || v4 ? "EU-MULTIMODAL:error" : null);
            add(cases, v + ": German company, text model Llama-3.2-1B-Instruct", Scenario.under(v).set("organization.country", "DE").model("Llama-3.2-1B-Instruct", "llama"),
                    v4 ? "EU-MULTIMODAL:error" : null);
            add(cases, v + ": US company, multimodal model, EU end users", Scenario.under(v).multimodal().set("product.regions", "[US, EU]"));
            add(cases, v + ": Norwegian company (EEA, not EU), multimodal model", Scenario.under(v).set("organization.country", "NO").multimodal());
            add(cases, v + ": Irish company, multimodal model", Scenario.under(v).set("organization.country", "IE").multimodal(), eu);
            // Use policy.
            add(cases, v + ": child exploitation", Scenario.under(v).set("product.uses", "[child_exploitation]"), "USE-POLICY-PROHIBITED:error");
            add(cases, v + ": malware generation", Scenario.under(v).set("product.uses", "[malware_generation]"), "USE-POLICY-PROHIBITED:error");
            add(cases, v + ": medical diagnosis (unlicensed practice)", Scenario.under(v).set("product.uses", "[medical_diagnosis]"), "USE-POLICY-REVIEW:warning");
            add(cases, v + ": hiring screening (discrimination)", Scenario.under(v).set("product.uses", "[hiring_screening]"), "USE-POLICY-REVIEW:warning");
            add(cases, v + ": credit scoring (discrimination)", Scenario.under(v).set("product.uses", "[credit_scoring]"), "USE-POLICY-REVIEW:warning");
            add(cases, v + ": biometric identification (sensitive data)", Scenario.under(v).set("product.uses", "[biometric_identification]"), "USE-POLICY-REVIEW:warning");
            add(cases, v + ": description mentions diagnosing patients", Scenario.under(v).set("product.use_description", "Helps doctors diagnose patients from symptoms"),
                    "USE-POLICY-SCREENED:warning");
            // §5.a trademark.
            add(cases, v + ": product named LlamaDesk", Scenario.under(v).set("product.name", "LlamaDesk"), "LLAMA-TRADEMARK:warning");
        }
        return cases.stream();
    }

    private static void add(List<Arguments> cases, String name, Scenario s, String... expected) {
        Set<String> exp = new TreeSet<>();
        Arrays.stream(expected).filter(e -> e != null).forEach(exp::add);
        cases.add(Arguments.of(name, s, exp));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void exactFindings(String name, Scenario scenario, Set<String> expected) throws Exception {
        assertThat(scenario.findings()).as(name).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theMatrixIsLarge() {
        assertThat(matrix().count()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void theMauFindingNamesTheReleaseDateThatApplies() throws Exception {
        var f = Scenario.under("llama3.1").set("organization.monthly_active_users", 800_000_000L).run();
        assertThat(f).singleElement().satisfies(x -> assertThat(x.message()).contains("June 2024").contains("2024-07-23"));
        var g = Scenario.under("llama4").set("organization.monthly_active_users", 800_000_000L).run();
        assertThat(g).singleElement().satisfies(x -> assertThat(x.message()).contains("March 2025"));
    }

    @Test
    void theNoticeFindingQuotesTheSentenceOfThatVersion() throws Exception {
        var f = Scenario.under("llama3.3").set("model.distribution", "weights").set("product.ships_notice", false).run();
        assertThat(f).singleElement().satisfies(x -> assertThat(x.message())
                .contains("It must read: Llama 3.3 is licensed under the Llama 3.3 Community License,")
                .contains("Copyright © Meta Platforms, Inc. All Rights Reserved."));
    }

    @Test
    void theAttributionFindingNamesTheExactPhrase() throws Exception {
        assertThat(Scenario.under("llama3").set("product.attribution", "[]").run()).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("\"Built with Meta Llama 3\""));
        assertThat(Scenario.under("llama4").set("product.attribution", "[]").run()).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("\"Built with Llama\""));
    }
}
