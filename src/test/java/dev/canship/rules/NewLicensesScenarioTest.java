package dev.canship.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tencent Hunyuan, Stability non-commercial research, FLUX non-commercial, Grok 2, Databricks Open Model, OpenMDW,
 * Apple AMLR, GLM-4, EXAONE 1.1 NC and the MiniMax Model License:
 * each duty triggered, at its boundary where it has one, and avoided.
 */
class NewLicensesScenarioTest {

    static Stream<Arguments> scenarios() {
        List<Arguments> c = new ArrayList<>();
        // Tencent Hunyuan: territory without the EU, UK and South Korea; 100M users; no improving other models.
        Scenario.expect(c, "hunyuan US company, US users", Scenario.under("tencent-hunyuan-community"));
        Scenario.expect(c, "hunyuan German company", Scenario.under("tencent-hunyuan-community").set("organization.country", "DE"), "TERRITORY-EXCLUDED:error");
        Scenario.expect(c, "hunyuan British company", Scenario.under("tencent-hunyuan-community").set("organization.country", "GB"), "TERRITORY-EXCLUDED:error");
        Scenario.expect(c, "hunyuan Swiss company (not EU)", Scenario.under("tencent-hunyuan-community").set("organization.country", "CH"));
        Scenario.expect(c, "hunyuan company in Reunion (an EU outermost region)", Scenario.under("tencent-hunyuan-community").set("organization.country", "RE"),
                "TERRITORY-EXCLUDED:error");
        Scenario.expect(c, "hunyuan, where the users are not declared", Scenario.under("tencent-hunyuan-community").set("product.regions", null),
                "TERRITORY-UNDECLARED:warning");
        Scenario.expect(c, "hunyuan, no uses declared", Scenario.under("tencent-hunyuan-community").set("product.uses", null),
                "USES-UNDECLARED:warning");
        Scenario.expect(c, "hunyuan, output training not declared", Scenario.under("tencent-hunyuan-community").set("model.outputs_train_models", null),
                "OUTPUTS-UNDECLARED:warning");
        Scenario.expect(c, "llama3.1 (outputs may train, with naming), output training not declared",
                Scenario.under("llama3.1").set("model.outputs_train_models", null));
        Scenario.expect(c, "hunyuan US company serving Korea", Scenario.under("tencent-hunyuan-community").set("product.regions", "[US, KR]"),
                "TERRITORY-EXCLUDED-USERS:error");
        Scenario.expect(c, "hunyuan US company serving the EU", Scenario.under("tencent-hunyuan-community").set("product.regions", "[EU]"),
                "TERRITORY-EXCLUDED-USERS:error");
        Scenario.expect(c, "hunyuan global users", Scenario.under("tencent-hunyuan-community").set("product.regions", "[GLOBAL]"),
                "TERRITORY-EXCLUDED-USERS:error");
        Scenario.expect(c, "hunyuan 150M users", Scenario.under("tencent-hunyuan-community").set("organization.monthly_active_users", 150_000_000L),
                "MAU-THRESHOLD:error");
        Scenario.expect(c, "hunyuan exactly 100M users", Scenario.under("tencent-hunyuan-community").set("organization.monthly_active_users", 100_000_000L));
        Scenario.expect(c, "hunyuan outputs train another model", Scenario.under("tencent-hunyuan-community").set("model.outputs_train_models", true),
                "OUTPUT-TRAINING:error");
        Scenario.expect(c, "hunyuan military use", Scenario.under("tencent-hunyuan-community").set("product.uses", "[military]"), "USE-POLICY-PROHIBITED:error");
        Scenario.expect(c, "hunyuan weights without Notice", Scenario.under("tencent-hunyuan-community").set("model.distribution", "weights")
                .set("product.ships_notice", false), "NOTICE-FILE:error");
        Scenario.expect(c, "hunyuan restrictions not passed on", Scenario.under("tencent-hunyuan-community").set("product.passes_use_policy", false),
                "PASS-THROUGH:error");
        // Stability non-commercial research: non-production only, no hosted service.
        Scenario.expect(c, "stability internal research", Scenario.under("stability-non-commercial-research").set("product.commercial", false)
                .set("model.distribution", "internal").set("product.purpose", "research"));
        // The same without a declared purpose: read as production, outside a non-production license.
        Scenario.expect(c, "stability internal, purpose undeclared", Scenario.under("stability-non-commercial-research").set("product.commercial", false)
                .set("model.distribution", "internal"), "NON-PRODUCTION:error");
        Scenario.expect(c, "stability hosted research service", Scenario.under("stability-non-commercial-research").set("product.commercial", false),
                "NON-PRODUCTION:error", "HOSTING-RESTRICTION:warning");
        Scenario.expect(c, "stability weights shared without Notice", Scenario.under("stability-non-commercial-research").set("product.commercial", false)
                .set("model.distribution", "weights").set("product.ships_notice", false), "NON-PRODUCTION:error", "NOTICE-FILE:error");
        // FLUX: non-production, no training competing models on outputs, restrictions.
        Scenario.expect(c, "flux internal experiments", Scenario.under("flux-non-commercial").set("product.commercial", false).set("model.distribution", "internal").set("product.purpose", "research"));
        Scenario.expect(c, "flux commercial product", Scenario.under("flux-non-commercial").set("model.distribution", "internal"), "NON-PRODUCTION:error");
        Scenario.expect(c, "flux outputs train a model", Scenario.under("flux-non-commercial").set("product.commercial", false).set("model.distribution", "internal").set("product.purpose", "research")
                .set("model.outputs_train_models", true), "OUTPUT-TRAINING:error");
        Scenario.expect(c, "flux surveillance", Scenario.under("flux-non-commercial").set("product.commercial", false).set("model.distribution", "internal").set("product.purpose", "research")
                .set("product.uses", "[surveillance]"), "USE-POLICY-PROHIBITED:error");
        // Grok 2: Powered by xAI, Notice, no training other models, guardrails.
        Scenario.expect(c, "grok clean", Scenario.under("grok-2-community"));
        Scenario.expect(c, "grok without Powered by xAI", Scenario.under("grok-2-community").set("product.attribution", "[]"), "ATTRIBUTION:error");
        Scenario.expect(c, "grok guardrails removed", Scenario.under("grok-2-community").set("model.removes_guardrails", true), "GUARDRAIL-TERMINATION:error");
        Scenario.expect(c, "grok outputs train another model", Scenario.under("grok-2-community").set("model.outputs_train_models", true), "OUTPUT-TRAINING:error");
        // Databricks: 700M users, Notice, no improving other LLMs, AUP.
        Scenario.expect(c, "dbrx clean", Scenario.under("databricks-open-model"));
        Scenario.expect(c, "dbrx 800M users", Scenario.under("databricks-open-model").set("organization.monthly_active_users", 800_000_000L), "MAU-THRESHOLD:error");
        Scenario.expect(c, "dbrx exactly 700M users", Scenario.under("databricks-open-model").set("organization.monthly_active_users", 700_000_000L));
        Scenario.expect(c, "dbrx outputs improve another LLM", Scenario.under("databricks-open-model").set("model.outputs_train_models", true), "OUTPUT-TRAINING:error");
        Scenario.expect(c, "dbrx malware", Scenario.under("databricks-open-model").set("product.uses", "[malware_generation]"), "USE-POLICY-PROHIBITED:error");
        // OpenMDW: permissive; the agreement goes with copies.
        Scenario.expect(c, "openmdw commercial hosted", Scenario.under("openmdw").set("organization.monthly_active_users", 2_000_000_000L));
        Scenario.expect(c, "openmdw weights without the agreement", Scenario.under("openmdw").set("model.distribution", "weights")
                .set("product.ships_license_copy", false), "LICENSE-COPY:error");
        // Apple AMLR: research only.
        Scenario.expect(c, "apple-amlr commercial", Scenario.under("apple-amlr"), "NON-COMMERCIAL:error");
        Scenario.expect(c, "apple-amlr research", Scenario.under("apple-amlr").set("product.commercial", false));
        // GLM-4: Built with glm-4, glm-4 name prefix for derived models.
        Scenario.expect(c, "glm-4 clean", Scenario.under("glm-4"));
        Scenario.expect(c, "glm-4 without the phrase", Scenario.under("glm-4").set("product.attribution", "[]"), "ATTRIBUTION:error");
        Scenario.expect(c, "glm-4 fine-tune offered as Acme", Scenario.under("glm-4").set("model.changes", "fine-tune").set("model.release_name", "Acme-Chat"),
                "DERIVATIVE-NAMING:error");
        Scenario.expect(c, "glm-4 fine-tune offered as glm-4-Acme", Scenario.under("glm-4").set("model.changes", "fine-tune").set("model.release_name", "glm-4-Acme"));
        // EXAONE 1.1 NC: research only, EXAONE prefix, no improving other models.
        Scenario.expect(c, "exaone commercial", Scenario.under("exaone-1.1-nc"), "NON-COMMERCIAL:error");
        Scenario.expect(c, "exaone research", Scenario.under("exaone-1.1-nc").set("product.commercial", false));
        Scenario.expect(c, "exaone outputs train another model", Scenario.under("exaone-1.1-nc").set("product.commercial", false)
                .set("model.outputs_train_models", true), "OUTPUT-TRAINING:error");
        // MiniMax Model License: Notice with copies, prohibited uses.
        Scenario.expect(c, "minimax-model clean", Scenario.under("minimax-model"));
        Scenario.expect(c, "minimax-model weights without Notice", Scenario.under("minimax-model").set("model.distribution", "weights")
                .set("product.ships_notice", false), "NOTICE-FILE:error");
        Scenario.expect(c, "minimax-model military", Scenario.under("minimax-model").set("product.uses", "[military]"), "USE-POLICY-PROHIBITED:error");
        return c.stream();
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void exactFindings(String name, Scenario scenario, Set<String> expected) throws Exception {
        assertThat(scenario.findings()).as(name).containsExactlyInAnyOrderElementsOf(expected);
    }
}
