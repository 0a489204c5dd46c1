package dev.canship.rules;

import dev.canship.finding.Finding;
import dev.canship.identify.LicenseInfo;
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

/** Gemma, Qwen, DeepSeek, OpenRAIL, Mistral, NVIDIA, Falcon, CC-BY-NC, Apache-2.0 and MIT: each obligation triggered and avoided. */
class OtherLicensesScenarioTest {

    static Stream<Arguments> scenarios() {
        List<Arguments> c = new ArrayList<>();
        // Gemma: use restrictions passed on, copy and Notice with copies (not for a hosted service), derivatives via outputs.
        add(c, "gemma clean hosted", Scenario.under("gemma"));
        add(c, "gemma hosted without Notice (hosted services are exempt)", Scenario.under("gemma").set("product.ships_notice", false));
        add(c, "gemma weights without copy or Notice", Scenario.under("gemma").set("model.distribution", "weights")
                .set("product.ships_license_copy", false).set("product.ships_notice", false), "LICENSE-COPY:error", "NOTICE-FILE:error");
        add(c, "gemma restrictions not passed on", Scenario.under("gemma").set("product.passes_use_policy", false), "PASS-THROUGH:error");
        add(c, "gemma automated decisions", Scenario.under("gemma").set("product.uses", "[automated_decisions]"), "USE-POLICY-PROHIBITED:error");
        add(c, "gemma distillation", Scenario.under("gemma").set("model.outputs_train_models", true), "OUTPUT-DERIVATIVE:info");
        add(c, "gemma has no MAU, naming, attribution or EU terms", Scenario.under("gemma").set("organization.monthly_active_users", 900_000_000L)
                .set("organization.country", "DE").multimodal().set("model.changes", "fine-tune").set("model.release_name", "Acme").set("product.attribution", "[]"));
        // Tongyi Qianwen: commercial products above 100 million users of the product need permission; no output training.
        add(c, "tongyi-qianwen commercial, organization 150M, product undeclared", Scenario.under("tongyi-qianwen")
                .set("organization.monthly_active_users", 150_000_000L), "MAU-THRESHOLD-COMMERCIAL:error");
        add(c, "tongyi-qianwen commercial, product 50M of an organization's 150M", Scenario.under("tongyi-qianwen")
                .set("organization.monthly_active_users", 150_000_000L).set("product.monthly_active_users", 50_000_000L));
        add(c, "tongyi-qianwen non-commercial at 150M", Scenario.under("tongyi-qianwen").set("organization.monthly_active_users", 150_000_000L)
                .set("product.commercial", false));
        add(c, "tongyi-qianwen product exactly 100M", Scenario.under("tongyi-qianwen").set("product.monthly_active_users", 100_000_000L));
        add(c, "tongyi-qianwen outputs improve another model", Scenario.under("tongyi-qianwen").set("model.outputs_train_models", true), "OUTPUT-TRAINING:error");
        add(c, "tongyi-qianwen weights without Notice", Scenario.under("tongyi-qianwen").set("model.distribution", "weights").set("product.ships_notice", false),
                "NOTICE-FILE:error");
        // Research-only licenses.
        add(c, "qwen-research commercial", Scenario.under("qwen-research"), "NON-COMMERCIAL:error");
        add(c, "qwen-research research use", Scenario.under("qwen-research").set("product.commercial", false));
        add(c, "qwen-research derived model without 'Built with Qwen'", Scenario.under("qwen-research").set("product.commercial", false)
                .set("model.changes", "fine-tune").set("product.attribution", "[]"), "ATTRIBUTION-DERIVATIVE:error");
        add(c, "qwen-research original model without the phrase (no derivative)", Scenario.under("qwen-research").set("product.commercial", false)
                .set("product.attribution", "[]"));
        add(c, "tongyi-qianwen-research commercial", Scenario.under("tongyi-qianwen-research"), "NON-COMMERCIAL:error");
        add(c, "mrl commercial", Scenario.under("mrl"), "NON-COMMERCIAL:error");
        add(c, "mrl research", Scenario.under("mrl").set("product.commercial", false));
        // Mistral Non-Production: offering the model at all is production.
        add(c, "mnpl hosted non-commercial", Scenario.under("mnpl").set("product.commercial", false), "NON-PRODUCTION:error");
        add(c, "mnpl internal commercial company", Scenario.under("mnpl").set("model.distribution", "internal"), "NON-PRODUCTION:error");
        add(c, "mnpl internal evaluation", Scenario.under("mnpl").set("model.distribution", "internal").set("product.commercial", false));
        // DeepSeek and the OpenRAIL family: Attachment A restrictions, passed on.
        add(c, "deepseek clean", Scenario.under("deepseek"));
        add(c, "deepseek military use", Scenario.under("deepseek").set("product.uses", "[military]"), "USE-POLICY-PROHIBITED:error");
        add(c, "deepseek restrictions not passed on", Scenario.under("deepseek").set("product.passes_use_policy", false), "PASS-THROUGH:error");
        add(c, "creativeml-openrail-m medical diagnosis", Scenario.under("creativeml-openrail-m").set("product.uses", "[medical_diagnosis]"), "USE-POLICY-PROHIBITED:error");
        add(c, "creativeml-openrail-m law enforcement", Scenario.under("creativeml-openrail-m").set("product.uses", "[law_enforcement]"), "USE-POLICY-PROHIBITED:error");
        add(c, "bigscience-bloom-rail-1.0 immigration screening", Scenario.under("bigscience-bloom-rail-1.0").set("product.uses", "[immigration_screening]"),
                "USE-POLICY-PROHIBITED:error");
        add(c, "bigcode-openrail-m malware", Scenario.under("bigcode-openrail-m").set("product.uses", "[malware_generation]"), "USE-POLICY-PROHIBITED:error");
        add(c, "openrail++ restrictions not passed on", Scenario.under("openrail++").set("product.passes_use_policy", false), "PASS-THROUGH:error");
        add(c, "openrail++ weights without the license", Scenario.under("openrail++").set("model.distribution", "weights").set("product.ships_license_copy", false),
                "LICENSE-COPY:error");
        // NVIDIA and Falcon.
        add(c, "nvidia clean", Scenario.under("nvidia-open-model-agreement"));
        add(c, "nvidia weights without Notice", Scenario.under("nvidia-open-model-agreement").set("model.distribution", "weights").set("product.ships_notice", false),
                "NOTICE-FILE:error");
        add(c, "falcon derivative published without the phrase", Scenario.under("falcon-llm-license").set("model.changes", "fine-tune")
                .set("product.attribution", "[]"), "ATTRIBUTION-DERIVATIVE:error");
        add(c, "falcon AUP not passed on", Scenario.under("falcon-llm-license").set("product.passes_use_policy", false), "PASS-THROUGH:error");
        add(c, "falcon disinformation", Scenario.under("falcon-llm-license").set("product.uses", "[disinformation]"), "USE-POLICY-PROHIBITED:error");
        // CC-BY-NC-4.0.
        add(c, "cc-by-nc-4.0 commercial", Scenario.under("cc-by-nc-4.0"), "NON-COMMERCIAL:error");
        add(c, "cc-by-nc-4.0 non-commercial", Scenario.under("cc-by-nc-4.0").set("product.commercial", false));
        // Permissive: nothing but the copy of the license with copies.
        for (String id : List.of("apache-2.0", "mit")) {
            add(c, id + " clean pass whatever else is declared", Scenario.under(id).set("organization.monthly_active_users", 900_000_000L)
                    .set("organization.country", "DE").multimodal().set("model.changes", "fine-tune").set("model.release_name", "Acme")
                    .set("product.attribution", "[]").set("product.passes_use_policy", false).set("model.outputs_train_models", true)
                    .set("product.uses", "[military]"));
            add(c, id + " weights without the license", Scenario.under(id).set("model.distribution", "weights").set("product.ships_license_copy", false),
                    "LICENSE-COPY:error");
        }
        return c.stream();
    }

    private static void add(List<Arguments> cases, String name, Scenario s, String... expected) {
        cases.add(Arguments.of(name, s, new TreeSet<>(Arrays.asList(expected))));
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
