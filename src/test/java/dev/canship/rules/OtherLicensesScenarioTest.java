package dev.canship.rules;

import dev.canship.finding.Finding;
import dev.canship.identify.LicenseInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Gemma, Qwen, DeepSeek, OpenRAIL, Mistral, NVIDIA, Falcon, CC-BY-NC, Apache-2.0 and MIT: each obligation triggered and avoided. */
class OtherLicensesScenarioTest {

    static Stream<Arguments> scenarios() {
        List<Arguments> c = new ArrayList<>();
        // Gemma: use restrictions passed on, copy and Notice with copies (not for a hosted service), derivatives via outputs.
        Scenario.expect(c, "gemma clean hosted", Scenario.under("gemma"));
        Scenario.expect(c, "gemma hosted without Notice (hosted services are exempt)", Scenario.under("gemma").set("product.ships_notice", false));
        Scenario.expect(c, "gemma weights without copy or Notice", Scenario.under("gemma").set("model.distribution", "weights")
                .set("product.ships_license_copy", false).set("product.ships_notice", false), "LICENSE-COPY:error", "NOTICE-FILE:error");
        Scenario.expect(c, "gemma restrictions not passed on", Scenario.under("gemma").set("product.passes_use_policy", false), "PASS-THROUGH:error");
        Scenario.expect(c, "gemma automated decisions", Scenario.under("gemma").set("product.uses", "[automated_decisions]"), "USE-POLICY-PROHIBITED:error");
        Scenario.expect(c, "gemma distillation", Scenario.under("gemma").set("model.outputs_train_models", true), "OUTPUT-DERIVATIVE:info");
        Scenario.expect(c, "gemma has no MAU, naming, attribution or EU terms", Scenario.under("gemma").set("organization.monthly_active_users", 900_000_000L)
                .set("organization.country", "DE").multimodal().set("model.changes", "fine-tune").set("model.release_name", "Acme").set("product.attribution", "[]"),
                "MODIFICATION-NOTICE:info");
        // Tongyi Qianwen: commercial products above 100 million users of the product need permission; no output training.
        Scenario.expect(c, "tongyi-qianwen commercial, organization 150M, product undeclared", Scenario.under("tongyi-qianwen")
                .set("organization.monthly_active_users", 150_000_000L), "MAU-THRESHOLD-COMMERCIAL:error");
        Scenario.expect(c, "tongyi-qianwen commercial, product 50M of an organization's 150M", Scenario.under("tongyi-qianwen")
                .set("organization.monthly_active_users", 150_000_000L).set("product.monthly_active_users", 50_000_000L));
        Scenario.expect(c, "tongyi-qianwen non-commercial at 150M", Scenario.under("tongyi-qianwen").set("organization.monthly_active_users", 150_000_000L)
                .set("product.commercial", false));
        Scenario.expect(c, "tongyi-qianwen product exactly 100M", Scenario.under("tongyi-qianwen").set("product.monthly_active_users", 100_000_000L));
        Scenario.expect(c, "tongyi-qianwen outputs improve another model", Scenario.under("tongyi-qianwen").set("model.outputs_train_models", true), "OUTPUT-TRAINING:error");
        Scenario.expect(c, "tongyi-qianwen weights without Notice", Scenario.under("tongyi-qianwen").set("model.distribution", "weights").set("product.ships_notice", false),
                "NOTICE-FILE:error");
        // Research-only licenses.
        Scenario.expect(c, "qwen-research commercial", Scenario.under("qwen-research"), "NON-COMMERCIAL:error");
        Scenario.expect(c, "qwen-research research use", Scenario.under("qwen-research").set("product.commercial", false).set("product.purpose", "research"));
        Scenario.expect(c, "qwen-research derived model without 'Built with Qwen'", Scenario.under("qwen-research").set("product.commercial", false)
                .set("product.purpose", "research").set("model.changes", "fine-tune").set("product.attribution", "[]"),
                "ATTRIBUTION-DERIVATIVE:error", "MODIFICATION-NOTICE:info");
        Scenario.expect(c, "qwen-research original model without the phrase (no derivative)", Scenario.under("qwen-research").set("product.commercial", false)
                .set("product.purpose", "research").set("product.attribution", "[]"));
        Scenario.expect(c, "tongyi-qianwen-research commercial", Scenario.under("tongyi-qianwen-research"), "NON-COMMERCIAL:error");
        Scenario.expect(c, "mrl commercial", Scenario.under("mrl"), "NON-COMMERCIAL:error");
        Scenario.expect(c, "mrl research", Scenario.under("mrl").set("product.commercial", false).set("product.purpose", "research"));
        // Mistral Non-Production: offering the model at all is production.
        Scenario.expect(c, "mnpl hosted non-commercial", Scenario.under("mnpl").set("product.commercial", false), "NON-PRODUCTION:error");
        Scenario.expect(c, "mnpl internal commercial company", Scenario.under("mnpl").set("model.distribution", "internal"), "NON-PRODUCTION:error");
        Scenario.expect(c, "mnpl internal evaluation", Scenario.under("mnpl").set("model.distribution", "internal").set("product.commercial", false)
                .set("product.purpose", "evaluation"));
        Scenario.expect(c, "mnpl internal, not commercial, purpose left out (read as production)", Scenario.under("mnpl").set("model.distribution", "internal")
                .set("product.commercial", false), "NON-PRODUCTION:error");
        Scenario.expect(c, "mnpl internal, not commercial, purpose production", Scenario.under("mnpl").set("model.distribution", "internal")
                .set("product.commercial", false).set("product.purpose", "production"), "NON-PRODUCTION:error");
        // DeepSeek and the OpenRAIL family: Attachment A restrictions, passed on.
        Scenario.expect(c, "deepseek clean", Scenario.under("deepseek"));
        Scenario.expect(c, "deepseek military use", Scenario.under("deepseek").set("product.uses", "[military]"), "USE-POLICY-PROHIBITED:error");
        Scenario.expect(c, "deepseek restrictions not passed on", Scenario.under("deepseek").set("product.passes_use_policy", false), "PASS-THROUGH:error");
        Scenario.expect(c, "creativeml-openrail-m medical diagnosis", Scenario.under("creativeml-openrail-m").set("product.uses", "[medical_diagnosis]"), "USE-POLICY-PROHIBITED:error");
        Scenario.expect(c, "creativeml-openrail-m law enforcement", Scenario.under("creativeml-openrail-m").set("product.uses", "[law_enforcement]"), "USE-POLICY-PROHIBITED:error");
        Scenario.expect(c, "bigscience-bloom-rail-1.0 immigration screening", Scenario.under("bigscience-bloom-rail-1.0").set("product.uses", "[immigration_screening]"),
                "USE-POLICY-PROHIBITED:error");
        // BLOOM A.5: generated text must be disclosed as machine-generated; a chatbot is reviewed until the product says it does.
        Scenario.expect(c, "bigscience-bloom-rail-1.0 chatbot, disclosure not declared", Scenario.under("bigscience-bloom-rail-1.0").set("product.uses", "[chatbot]"),
                "USE-POLICY-REVIEW:warning");
        Scenario.expect(c, "bigscience-bloom-rail-1.0 chatbot that discloses machine-generated text", Scenario.under("bigscience-bloom-rail-1.0")
                .set("product.uses", "[chatbot]").set("product.discloses_machine_generated", true));
        Scenario.expect(c, "bigscience-bloom-rail-1.0 chatbot said to disclose, described as not disclosing", Scenario.under("bigscience-bloom-rail-1.0")
                .set("product.uses", "[chatbot]").set("product.discloses_machine_generated", true)
                .set("product.use_description", "\"A chatbot; we never tell users the replies are machine-generated.\""), "USE-POLICY-SCREENED:warning");
        Scenario.expect(c, "bigcode-openrail-m code generation that discloses it", Scenario.under("bigcode-openrail-m")
                .set("product.uses", "[code_generation]").set("product.discloses_machine_generated", true));
        Scenario.expect(c, "bigcode-openrail-m malware disclosed is still prohibited", Scenario.under("bigcode-openrail-m")
                .set("product.uses", "[malware_generation]").set("product.discloses_machine_generated", true), "USE-POLICY-PROHIBITED:error");
        Scenario.expect(c, "bigcode-openrail-m malware", Scenario.under("bigcode-openrail-m").set("product.uses", "[malware_generation]"), "USE-POLICY-PROHIBITED:error");
        Scenario.expect(c, "openrail++ restrictions not passed on", Scenario.under("openrail++").set("product.passes_use_policy", false), "PASS-THROUGH:error");
        Scenario.expect(c, "openrail++ weights without the license", Scenario.under("openrail++").set("model.distribution", "weights").set("product.ships_license_copy", false),
                "LICENSE-COPY:error");
        // NVIDIA and Falcon.
        Scenario.expect(c, "nvidia clean", Scenario.under("nvidia-open-model-agreement"));
        Scenario.expect(c, "nvidia weights without Notice", Scenario.under("nvidia-open-model-agreement").set("model.distribution", "weights").set("product.ships_notice", false),
                "NOTICE-FILE:error");
        Scenario.expect(c, "falcon derivative published without the phrase", Scenario.under("falcon-llm-license").set("model.changes", "fine-tune")
                .set("product.attribution", "[]"), "ATTRIBUTION-DERIVATIVE:error", "MODIFICATION-NOTICE:info");
        Scenario.expect(c, "falcon AUP not passed on", Scenario.under("falcon-llm-license").set("product.passes_use_policy", false), "PASS-THROUGH:error");
        Scenario.expect(c, "falcon disinformation", Scenario.under("falcon-llm-license").set("product.uses", "[disinformation]"), "USE-POLICY-PROHIBITED:error");
        // CC-BY-NC-4.0.
        Scenario.expect(c, "cc-by-nc-4.0 commercial", Scenario.under("cc-by-nc-4.0"), "NON-COMMERCIAL:error");
        Scenario.expect(c, "cc-by-nc-4.0 non-commercial", Scenario.under("cc-by-nc-4.0").set("product.commercial", false));
        // Permissive: nothing but the copy of the license with copies.
        for (String id : List.of("apache-2.0", "mit")) {
            // Apache §4(b) asks for notices in modified files (a reminder); MIT does not.
            Scenario.expect(c, id + " clean pass whatever else is declared", Scenario.under(id).set("organization.monthly_active_users", 900_000_000L)
                    .set("organization.country", "DE").multimodal().set("model.changes", "fine-tune").set("model.release_name", "Acme")
                    .set("product.attribution", "[]").set("product.passes_use_policy", false).set("model.outputs_train_models", true)
                    .set("product.uses", "[military]"), id.equals("apache-2.0") ? new String[] {"MODIFICATION-NOTICE:info"} : new String[0]);
            Scenario.expect(c, id + " fine-tune kept internal", Scenario.under(id).set("model.changes", "fine-tune").set("model.distribution", "internal"));
            Scenario.expect(c, id + " weights without the license", Scenario.under(id).set("model.distribution", "weights").set("product.ships_license_copy", false),
                    "LICENSE-COPY:error");
        }
        duties(c);
        return c.stream();
    }

    /** The duties of licenses/duties.yaml and the narrowed ones: for each, a case that triggers it, its boundary, one that must not. */
    private static void duties(List<Arguments> c) {
        // Gemma §1.1(b)/§3.1(2): hosting is distribution, so the terms are owed to a hosted service's users.
        Scenario.expect(c, "gemma hosted without giving users the terms", Scenario.under("gemma").set("product.ships_license_copy", false), "LICENSE-COPY-HOSTED:error");
        Scenario.expect(c, "gemma weights without the terms (the copy rule, not the hosted one)", Scenario.under("gemma").set("model.distribution", "weights")
                .set("product.ships_license_copy", false), "LICENSE-COPY:error");
        Scenario.expect(c, "gemma internal without the terms", Scenario.under("gemma").set("model.distribution", "internal").set("product.ships_license_copy", false));
        // Modification notices (Gemma §3.1(3)): a changed model offered to others; not an unchanged one, not an internal one.
        Scenario.expect(c, "gemma fine-tune hosted", Scenario.under("gemma").set("model.changes", "fine-tune"), "MODIFICATION-NOTICE:info");
        Scenario.expect(c, "gemma quantized weights handed out", Scenario.under("gemma").set("model.changes", "quantize").set("model.distribution", "weights"),
                "MODIFICATION-NOTICE:info");
        Scenario.expect(c, "gemma fine-tune internal", Scenario.under("gemma").set("model.changes", "fine-tune").set("model.distribution", "internal"));
        // Uses that mean training on outputs.
        Scenario.expect(c, "gemma declared use model_distillation", Scenario.under("gemma").set("product.uses", "[model_distillation]"), "OUTPUT-DERIVATIVE:info");
        Scenario.expect(c, "gemma description 'distill'", Scenario.under("gemma").set("product.use_description", "We distill Gemma into a small student model"),
                "OUTPUT-TRAINING-SCREENED:warning");
        // Tongyi Qianwen bans output training: the declared use is the banned act; the description asks for review.
        Scenario.expect(c, "tongyi-qianwen declared use model_distillation", Scenario.under("tongyi-qianwen").set("product.uses", "[model_distillation]"),
                "OUTPUT-TRAINING:error");
        Scenario.expect(c, "tongyi-qianwen declared use synthetic_data_generation", Scenario.under("tongyi-qianwen").set("product.uses", "[synthetic_data_generation]"),
                "OUTPUT-TRAINING:error");
        Scenario.expect(c, "tongyi-qianwen description 'train our own model on its outputs'", Scenario.under("tongyi-qianwen")
                .set("product.use_description", "We train our own model on its outputs"), "OUTPUT-TRAINING-SCREENED:warning");
        Scenario.expect(c, "tongyi-qianwen flag and the use both set (one finding)", Scenario.under("tongyi-qianwen").set("model.outputs_train_models", true)
                .set("product.uses", "[model_distillation]"), "OUTPUT-TRAINING:error");
        Scenario.expect(c, "tongyi-qianwen translation use (must not)", Scenario.under("tongyi-qianwen").set("product.uses", "[translation]"));
        // Research-only scope: Qwen and Tongyi research allow research or evaluation; the default is production.
        for (String id : List.of("qwen-research", "tongyi-qianwen-research")) {
            Scenario.expect(c, id + " free product, purpose left out", Scenario.under(id).set("product.commercial", false), "RESEARCH-PURPOSE:error");
            Scenario.expect(c, id + " free public product, purpose production", Scenario.under(id).set("product.commercial", false).set("product.purpose", "production"),
                    "RESEARCH-PURPOSE:error");
            Scenario.expect(c, id + " evaluation", Scenario.under(id).set("product.commercial", false).set("product.purpose", "evaluation"));
            Scenario.expect(c, id + " research", Scenario.under(id).set("product.commercial", false).set("product.purpose", "research"));
            Scenario.expect(c, id + " commercial research (one finding)", Scenario.under(id).set("product.purpose", "research"), "NON-COMMERCIAL:error");
            Scenario.expect(c, id + " fine-tune handed out for research", Scenario.under(id).set("product.commercial", false).set("product.purpose", "research")
                    .set("model.changes", "fine-tune").set("model.distribution", "weights"),
                    // The base shows the phrase on the website only: Qwen research wants it in the product documentation.
                    id.equals("qwen-research") ? new String[] {"ATTRIBUTION-PLACE:error", "MODIFICATION-NOTICE:info"} : new String[] {"MODIFICATION-NOTICE:info"});
        }
        // Qwen research §4.b: "Built with Qwen" in the related product documentation.
        Scenario.expect(c, "qwen-research derived model, phrase on the website only", Scenario.under("qwen-research").set("product.commercial", false)
                .set("product.purpose", "research").set("model.changes", "fine-tune").set("product.attribution", "[website]"),
                "ATTRIBUTION-PLACE:error", "MODIFICATION-NOTICE:info");
        Scenario.expect(c, "qwen-research derived model, phrase in the docs", Scenario.under("qwen-research").set("product.commercial", false)
                .set("product.purpose", "research").set("model.changes", "fine-tune").set("product.attribution", "[docs]"), "MODIFICATION-NOTICE:info");
        Scenario.expect(c, "qwen-research model trained on outputs, phrase on the blog only", Scenario.under("qwen-research").set("product.commercial", false)
                .set("product.purpose", "research").set("model.outputs_train_models", true).set("product.attribution", "[blog]"),
                "ATTRIBUTION-PLACE:error", "OUTPUT-DERIVATIVE:info");
        // MRL: research only; an organization's evaluation is open; §2.2 duties attach to Mistral's own models only.
        Scenario.expect(c, "mrl free product, purpose left out", Scenario.under("mrl").set("product.commercial", false), "RESEARCH-PURPOSE:error");
        Scenario.expect(c, "mrl evaluation (reading open)", Scenario.under("mrl").set("product.commercial", false).set("product.purpose", "evaluation"),
                "RESEARCH-PURPOSE-REVIEW:warning");
        Scenario.expect(c, "mrl original weights handed out without agreement or Notice", Scenario.under("mrl").set("product.commercial", false)
                .set("product.purpose", "research").set("model.distribution", "weights").set("product.ships_license_copy", false)
                .set("product.ships_notice", false), "LICENSE-COPY:error", "NOTICE-FILE:error");
        Scenario.expect(c, "mrl own fine-tune handed out without agreement or Notice (§2.3, not §2.2)", Scenario.under("mrl").set("product.commercial", false)
                .set("product.purpose", "research").set("model.changes", "fine-tune").set("model.distribution", "weights")
                .set("product.ships_license_copy", false).set("product.ships_notice", false), "MODIFICATION-NOTICE:info");
        Scenario.expect(c, "mrl derivative repository without a Notice file", Scenario.under("mrl").set("product.commercial", false).set("product.purpose", "research")
                .derivativeRepositoryWithoutNotice());
        Scenario.expect(c, "mnpl own fine-tune handed out for evaluation", Scenario.under("mnpl").set("product.commercial", false).set("product.purpose", "evaluation")
                .set("model.changes", "fine-tune").set("model.distribution", "weights").set("product.ships_license_copy", false).set("product.ships_notice", false),
                "NON-PRODUCTION:error", "MODIFICATION-NOTICE:info");
        // NVIDIA §3(c): the Notice passes on a NOTICE file the work ships; none, no duty.
        Scenario.expect(c, "nvidia weights without Notice, no NOTICE upstream", Scenario.under("nvidia-open-model-agreement").set("model.distribution", "weights")
                .set("product.ships_notice", false).noticeFile(false));
        Scenario.expect(c, "nvidia derivative repository without a Notice file", Scenario.under("nvidia-open-model-agreement").derivativeRepositoryWithoutNotice());
        Scenario.expect(c, "nvidia weights without the agreement", Scenario.under("nvidia-open-model-agreement").set("model.distribution", "weights")
                .set("product.ships_license_copy", false), "LICENSE-COPY:error");
        // OpenRAIL family and DeepSeek: hosting is distribution, the copy is owed to "recipients" (open reading: warning).
        // (Translation: a use no RAIL attachment reviews, so that only the duty under test shows.)
        for (String id : List.of("deepseek", "creativeml-openrail-m", "bigscience-bloom-rail-1.0", "bigcode-openrail-m", "openrail++")) {
            Scenario.expect(c, id + " hosted without the license for users", Scenario.under(id).set("product.uses", "[translation]").set("product.ships_license_copy", false),
                    "LICENSE-COPY-HOSTED-REVIEW:warning");
            Scenario.expect(c, id + " internal without the license", Scenario.under(id).set("product.uses", "[translation]").set("model.distribution", "internal")
                    .set("product.ships_license_copy", false));
            Scenario.expect(c, id + " fine-tune hosted", Scenario.under(id).set("product.uses", "[translation]").set("model.changes", "fine-tune"),
                    id.equals("bigcode-openrail-m") ? new String[0] : new String[] {"MODIFICATION-NOTICE:info"});
        }
        Scenario.expect(c, "tongyi-qianwen fine-tune weights handed out", Scenario.under("tongyi-qianwen").set("model.changes", "fine-tune").set("model.distribution", "weights"),
                "MODIFICATION-NOTICE:info");
        Scenario.expect(c, "falcon-2-11b fine-tune hosted with the phrase", Scenario.under("falcon-2-11b-tii-license").set("model.changes", "fine-tune"), "MODIFICATION-NOTICE:info");
    }

    /** Standing reminders: the latest-version and use-restriction-update duties, per license, whatever the deployment. */
    @Test
    void remindersOfTheRailAndGemmaFamily() throws Exception {
        // The scenario's text is the catalog's current Gemma version: only the 2024-02-21 terms asked for the latest Gemma.
        assertThat(Scenario.under("gemma").reminders()).containsExactly("USE-RESTRICTIONS-UPDATES:info");
        assertThat(Scenario.under("creativeml-openrail-m").reminders()).containsExactly("LATEST-VERSION:info", "USE-RESTRICTIONS-UPDATES:info");
        assertThat(Scenario.under("bigscience-bloom-rail-1.0").reminders()).containsExactly("LATEST-VERSION:info", "USE-RESTRICTIONS-UPDATES:info");
        for (String id : List.of("deepseek", "bigcode-openrail-m", "openrail++", "falcon-llm-license", "falcon-2-11b-tii-license")) {
            assertThat(Scenario.under(id).reminders()).as(id).containsExactly("USE-RESTRICTIONS-UPDATES:info");
        }
        for (String id : List.of("llama3.1", "apache-2.0", "mit", "qwen-research", "mrl")) {
            assertThat(Scenario.under(id).reminders()).as(id).isEmpty();
        }
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void exactFindings(String name, Scenario scenario, Set<String> expected) throws Exception {
        assertThat(scenario.findings()).as(name).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** A license without a term never gets that term's finding, whatever the deployment does. */
    @Test
    void noLicenseIsHeldToATermItDoesNotHave() throws Exception {
        RuleCatalog catalog = RuleCatalog.bundled();
        for (LicenseInfo l : Scenario.KB.licenses().values()) {
            Set<String> terms = l.terms().clauses().keySet();
            for (Scenario s : everythingWrong(l.id())) {
                for (Finding f : s.run()) {
                    String term = catalog.entry(f.rule()).map(RuleCatalog.Entry::term).orElse(null);
                    if (term != null) {
                        assertThat(terms).as(l.id() + ": " + f.rule() + " needs the '" + term + "' term").contains(term);
                    }
                }
            }
        }
    }

    private static List<Scenario> everythingWrong(String license) {
        return List.of(
                Scenario.under(license).set("organization.monthly_active_users", 2_000_000_000L).set("organization.country", "FR").multimodal()
                        .set("model.changes", "fine-tune").set("model.release_name", "Acme Llama Gemma").set("model.outputs_train_models", true)
                        .set("product.attribution", "[]").set("product.passes_use_policy", false).set("product.name", "Llama Gemma Qwen"),
                Scenario.under(license).set("model.distribution", "weights").set("product.ships_license_copy", false).set("product.ships_notice", false)
                        .set("model.changes", "distill").derivativeRepositoryWithoutNotice());
    }
}
