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
 * The 2025-2026 licenses with size gates and guardrail terms (Kimi K2/K2.5 and K3, MiniMax M2 and M2.7, Mistral
 * Medium 3.5, NVIDIA Open Model License): each duty triggered, at its boundary, and avoided. An undeclared revenue
 * is a warning that the gate could not be checked, never a pass.
 */
class ModifiedMitScenarioTest {

    static Stream<Arguments> scenarios() {
        List<Arguments> c = new ArrayList<>();
        // Kimi K2: a commercial product above 100M users or USD 20M monthly revenue shows "Kimi K2" on its UI.
        Scenario.expect(c, "kimi small, revenue declared", Scenario.under("kimi-modified-mit").set("organization.monthly_revenue_usd", 1_000_000L));
        Scenario.expect(c, "kimi revenue not declared", Scenario.under("kimi-modified-mit"), "SCALE-GATE-UNCHECKED:warning");
        Scenario.expect(c, "kimi 150M users without UI display", Scenario.under("kimi-modified-mit").set("organization.monthly_active_users", 150_000_000L),
                "SCALE-GATE-DISPLAY:error");
        Scenario.expect(c, "kimi exactly 100M users, revenue small", Scenario.under("kimi-modified-mit").set("organization.monthly_active_users", 100_000_000L)
                .set("organization.monthly_revenue_usd", 5_000_000L));
        Scenario.expect(c, "kimi 25M monthly revenue without UI display", Scenario.under("kimi-modified-mit").set("organization.monthly_revenue_usd", 25_000_000L),
                "SCALE-GATE-DISPLAY:error");
        Scenario.expect(c, "kimi exactly USD 20M monthly", Scenario.under("kimi-modified-mit").set("organization.monthly_revenue_usd", 20_000_000L));
        Scenario.expect(c, "kimi 150M users, name on the UI", Scenario.under("kimi-modified-mit").set("organization.monthly_active_users", 150_000_000L)
                .set("product.attribution", "[ui]"));
        Scenario.expect(c, "kimi non-commercial at 150M users", Scenario.under("kimi-modified-mit").set("organization.monthly_active_users", 150_000_000L)
                .set("product.commercial", false));
        Scenario.expect(c, "kimi annual USD 100M cannot settle a monthly USD 20M gate", Scenario.under("kimi-modified-mit")
                .set("organization.annual_revenue_usd", 100_000_000L), "SCALE-GATE-UNCHECKED:warning");
        Scenario.expect(c, "kimi annual USD 300M proves a month above USD 20M", Scenario.under("kimi-modified-mit")
                .set("organization.annual_revenue_usd", 300_000_000L), "SCALE-GATE-DISPLAY:error");
        Scenario.expect(c, "kimi weights without the license", Scenario.under("kimi-modified-mit").set("organization.monthly_revenue_usd", 0L)
                .set("model.distribution", "weights").set("product.ships_license_copy", false), "LICENSE-COPY:error");
        // MiniMax M2: USD 30M annual recurring revenue.
        Scenario.expect(c, "minimax annual USD 31M", Scenario.under("minimax-modified-mit").set("organization.annual_revenue_usd", 31_000_000L),
                "SCALE-GATE-DISPLAY:error");
        Scenario.expect(c, "minimax annual exactly USD 30M", Scenario.under("minimax-modified-mit").set("organization.annual_revenue_usd", 30_000_000L));
        Scenario.expect(c, "minimax revenue not declared", Scenario.under("minimax-modified-mit"), "SCALE-GATE-UNCHECKED:warning");
        // Mistral Medium 3.5: above USD 20M in the preceding month, no rights at all (commercial or not).
        Scenario.expect(c, "mistral USD 21M monthly", Scenario.under("mistral-modified-mit").set("organization.monthly_revenue_usd", 21_000_000L)
                .set("product.commercial", false), "SCALE-GATE-LICENSE:error");
        Scenario.expect(c, "mistral exactly USD 20M monthly", Scenario.under("mistral-modified-mit").set("organization.monthly_revenue_usd", 20_000_000L));
        Scenario.expect(c, "mistral annual USD 15M", Scenario.under("mistral-modified-mit").set("organization.annual_revenue_usd", 15_000_000L));
        Scenario.expect(c, "mistral revenue not declared", Scenario.under("mistral-modified-mit"), "SCALE-GATE-UNCHECKED:warning");
        // Kimi K3: display gate, and the Model-as-a-Service gate flagged for hosted offers.
        Scenario.expect(c, "kimi-k3 hosted, small", Scenario.under("kimi-k3").set("organization.monthly_revenue_usd", 1_000_000L), "HOSTING-RESTRICTION:warning");
        Scenario.expect(c, "kimi-k3 internal, small", Scenario.under("kimi-k3").set("organization.monthly_revenue_usd", 1_000_000L).set("model.distribution", "internal"));
        Scenario.expect(c, "kimi-k3 150M users", Scenario.under("kimi-k3").set("organization.monthly_active_users", 150_000_000L).set("model.distribution", "internal"),
                "SCALE-GATE-DISPLAY:error");
        // MiniMax M2.7: commercial use needs authorization.
        Scenario.expect(c, "minimax-m2.7 commercial", Scenario.under("minimax-m2.7"), "NON-COMMERCIAL:error");
        Scenario.expect(c, "minimax-m2.7 personal research", Scenario.under("minimax-m2.7").set("product.commercial", false));
        Scenario.expect(c, "minimax-m2.7 offered without the phrase", Scenario.under("minimax-m2.7").set("product.commercial", false).set("product.attribution", "[]"),
                "ATTRIBUTION:error");
        // NVIDIA Open Model License: removing guardrails ends the license; Notice and copy with copies.
        Scenario.expect(c, "nvidia oml clean", Scenario.under("nvidia-open-model-license"));
        Scenario.expect(c, "nvidia oml guardrails removed", Scenario.under("nvidia-open-model-license").set("model.removes_guardrails", true),
                "GUARDRAIL-TERMINATION:error");
        Scenario.expect(c, "nvidia oml weights without copy or Notice", Scenario.under("nvidia-open-model-license").set("model.distribution", "weights")
                .set("product.ships_license_copy", false).set("product.ships_notice", false), "LICENSE-COPY:error", "NOTICE-FILE:error");
        Scenario.expect(c, "apache-2.0 ignores removed guardrails and revenue", Scenario.under("apache-2.0").set("model.removes_guardrails", true)
                .set("organization.annual_revenue_usd", 9_000_000_000L));
        return c.stream();
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void exactFindings(String name, Scenario scenario, Set<String> expected) throws Exception {
        assertThat(scenario.findings()).as(name).containsExactlyInAnyOrderElementsOf(expected);
    }
}
