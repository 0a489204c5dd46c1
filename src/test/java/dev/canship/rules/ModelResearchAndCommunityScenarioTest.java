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
 * Model licenses added for issue 16: the FAIR Noncommercial Research License (research only, outputs included,
 * shared only under the same agreement, FAIR use policy) and the Stability AI Community License (USD 1,000,000
 * annual revenue ceiling, "Powered by Stability AI", Notice, no improving other foundation models) and the Chameleon
 * Research License (research only, Notice with copies, Meta Chameleon use policy). Each a clean deployment with no finding and each duty
 * breached, with exactly the findings expected.
 */
class ModelResearchAndCommunityScenarioTest {

    private static Scenario fairResearch() {
        return Scenario.under("fair-noncommercial-research").set("product.commercial", false).set("product.purpose", "research");
    }

    private static Scenario stability(long annualRevenue) {
        return Scenario.under("stability-community").set("organization.annual_revenue_usd", annualRevenue);
    }

    private static Scenario chameleonResearch() {
        return Scenario.under("chameleon-research").set("product.commercial", false).set("product.purpose", "research");
    }

    static Stream<Arguments> scenarios() {
        List<Arguments> c = new ArrayList<>();
        // FAIR Noncommercial Research License.
        Scenario.expect(c, "fair research service", fairResearch());
        // A commercial product: NON-COMMERCIAL says it once (RESEARCH-PURPOSE stays silent for commercial products).
        Scenario.expect(c, "fair commercial product", Scenario.under("fair-noncommercial-research"), "NON-COMMERCIAL:error");
        Scenario.expect(c, "fair non-commercial but production", Scenario.under("fair-noncommercial-research").set("product.commercial", false),
                "RESEARCH-PURPOSE:error");
        Scenario.expect(c, "fair evaluation", fairResearch().set("product.purpose", "evaluation"),
                "RESEARCH-PURPOSE-REVIEW:warning");
        Scenario.expect(c, "fair weights shared without the agreement", fairResearch().set("model.distribution", "weights")
                .set("product.ships_license_copy", false), "LICENSE-COPY:error");
        Scenario.expect(c, "fair terms not passed on", fairResearch().set("product.passes_use_policy", false),
                "PASS-THROUGH:error");
        Scenario.expect(c, "fair military research", fairResearch().set("product.uses", "[military]"),
                "USE-POLICY-PROHIBITED:error");
        // Stability AI Community License: clean below the ceiling with attribution and Notice.
        Scenario.expect(c, "stability small company, hosted", stability(500_000L));
        Scenario.expect(c, "stability exactly USD 1M", stability(1_000_000L));
        Scenario.expect(c, "stability USD 2M revenue", stability(2_000_000L), "SCALE-GATE-LICENSE:error");
        Scenario.expect(c, "stability revenue undeclared", Scenario.under("stability-community"), "SCALE-GATE-UNCHECKED:warning");
        Scenario.expect(c, "stability without Powered by Stability AI", stability(500_000L).set("product.attribution", "[]"), "ATTRIBUTION:error");
        Scenario.expect(c, "stability weights without Notice", stability(500_000L).set("model.distribution", "weights")
                .set("product.ships_notice", false), "NOTICE-FILE:error");
        Scenario.expect(c, "stability outputs train another model", stability(500_000L).set("model.outputs_train_models", true),
                "OUTPUT-TRAINING:error");
        Scenario.expect(c, "stability weights without the agreement", stability(500_000L).set("model.distribution", "weights")
                .set("product.ships_license_copy", false), "LICENSE-COPY:error");
        // Chameleon Research License: research only, Notice with copies, its own use policy.
        Scenario.expect(c, "chameleon research", chameleonResearch());
        Scenario.expect(c, "chameleon commercial product", Scenario.under("chameleon-research"), "NON-COMMERCIAL:error");
        Scenario.expect(c, "chameleon weights without Notice", chameleonResearch().set("model.distribution", "weights")
                .set("product.ships_notice", false), "NOTICE-FILE:error");
        Scenario.expect(c, "chameleon hosted without Notice", chameleonResearch().set("product.ships_notice", false));
        Scenario.expect(c, "chameleon adult chat", chameleonResearch().set("product.uses", "[adult_content]"), "USE-POLICY-PROHIBITED:error");
        return c.stream();
    }

    @org.junit.jupiter.api.Test
    void fairNamesItsStandingReminder() throws Exception {
        assertThat(fairResearch().reminders()).containsExactly("USE-RESTRICTIONS-UPDATES:info");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void exactFindings(String name, Scenario scenario, Set<String> expected) throws Exception {
        assertThat(scenario.findings()).as(name).containsExactlyInAnyOrderElementsOf(expected);
    }
}
