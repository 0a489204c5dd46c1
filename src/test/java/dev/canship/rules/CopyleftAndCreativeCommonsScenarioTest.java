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
 * CC BY, BY-SA, BY-NC-SA, BY-NC-ND 4.0, BSD-3-Clause, GPL-3.0 and AGPL-3.0: for each a clean deployment with no
 * finding, and each duty triggered (share-alike and copyleft when a changed model is handed out, AGPL's source for
 * network users, no sharing of adaptations, non-commercial only, license copy) with exactly the findings expected.
 */
class CopyleftAndCreativeCommonsScenarioTest {

    private static Scenario weights(String license) {
        return Scenario.under(license).set("model.distribution", "weights");
    }

    static Stream<Arguments> scenarios() {
        List<Arguments> c = new ArrayList<>();
        // CC BY 4.0: anything goes with credit and the license; a changed model gets the changes-indicated reminder.
        Scenario.expect(c, "cc-by commercial hosted", Scenario.under("cc-by-4.0"));
        Scenario.expect(c, "cc-by fine-tune handed out", weights("cc-by-4.0").set("model.changes", "fine-tune"), "MODIFICATION-NOTICE:info");
        Scenario.expect(c, "cc-by copies without the license", weights("cc-by-4.0").set("product.ships_license_copy", false), "LICENSE-COPY:error");
        // CC BY-SA 4.0: a changed model handed out must stay BY-SA; hosting it is not sharing copies.
        Scenario.expect(c, "cc-by-sa commercial hosted", Scenario.under("cc-by-sa-4.0"));
        Scenario.expect(c, "cc-by-sa unchanged copies", weights("cc-by-sa-4.0"));
        Scenario.expect(c, "cc-by-sa fine-tune handed out", weights("cc-by-sa-4.0").set("model.changes", "fine-tune"),
                "SHARE-ALIKE:warning", "MODIFICATION-NOTICE:info");
        Scenario.expect(c, "cc-by-sa fine-tune hosted", Scenario.under("cc-by-sa-4.0").set("model.changes", "fine-tune"), "MODIFICATION-NOTICE:info");
        // CC BY-NC-SA 4.0: non-commercial, and share-alike for changed copies.
        Scenario.expect(c, "cc-by-nc-sa research", Scenario.under("cc-by-nc-sa-4.0").set("product.commercial", false));
        Scenario.expect(c, "cc-by-nc-sa commercial", Scenario.under("cc-by-nc-sa-4.0"), "NON-COMMERCIAL:error");
        Scenario.expect(c, "cc-by-nc-sa changed copies, non-commercial", weights("cc-by-nc-sa-4.0").set("product.commercial", false)
                .set("model.changes", "merge"), "SHARE-ALIKE:warning", "MODIFICATION-NOTICE:info");
        // CC BY-NC-ND 4.0: non-commercial, and no changed model may be shared.
        Scenario.expect(c, "cc-by-nc-nd research, unchanged copies", weights("cc-by-nc-nd-4.0").set("product.commercial", false));
        Scenario.expect(c, "cc-by-nc-nd commercial", Scenario.under("cc-by-nc-nd-4.0"), "NON-COMMERCIAL:error");
        Scenario.expect(c, "cc-by-nc-nd quantized copies handed out", weights("cc-by-nc-nd-4.0").set("product.commercial", false)
                .set("model.changes", "quantize"), "NO-DERIVATIVES:error");
        Scenario.expect(c, "cc-by-nc-nd fine-tune served", Scenario.under("cc-by-nc-nd-4.0").set("product.commercial", false)
                .set("model.changes", "fine-tune"), "NO-DERIVATIVES-HOSTED:warning");
        Scenario.expect(c, "cc-by-nc-nd fine-tune kept internal", Scenario.under("cc-by-nc-nd-4.0").set("product.commercial", false)
                .set("model.changes", "fine-tune").set("model.distribution", "internal"));
        // BSD-3-Clause: the notice travels with copies; nothing else.
        Scenario.expect(c, "bsd-3 commercial, changed copies", weights("bsd-3-clause").set("model.changes", "fine-tune"));
        Scenario.expect(c, "bsd-3 copies without the notice", weights("bsd-3-clause").set("product.ships_license_copy", false), "LICENSE-COPY:error");
        // GPL-3.0: changed copies stay GPL with source; hosting is not conveying.
        Scenario.expect(c, "gpl commercial hosted, changed", Scenario.under("gpl-3.0").set("model.changes", "fine-tune"), "MODIFICATION-NOTICE:info");
        Scenario.expect(c, "gpl unchanged copies", weights("gpl-3.0"));
        Scenario.expect(c, "gpl changed copies", weights("gpl-3.0").set("model.changes", "fine-tune"), "SHARE-ALIKE:warning", "MODIFICATION-NOTICE:info");
        Scenario.expect(c, "gpl copies without the license", weights("gpl-3.0").set("product.ships_license_copy", false), "LICENSE-COPY:error");
        // AGPL-3.0: as GPL, and a changed model served over a network owes its users the source.
        Scenario.expect(c, "agpl unchanged, hosted", Scenario.under("agpl-3.0"));
        Scenario.expect(c, "agpl changed, hosted", Scenario.under("agpl-3.0").set("model.changes", "fine-tune"),
                "NETWORK-SOURCE:warning", "MODIFICATION-NOTICE:info");
        Scenario.expect(c, "agpl changed, internal", Scenario.under("agpl-3.0").set("model.changes", "fine-tune").set("model.distribution", "internal"));
        Scenario.expect(c, "agpl changed copies", weights("agpl-3.0").set("model.changes", "adapter"), "SHARE-ALIKE:warning", "MODIFICATION-NOTICE:info");
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void exactFindings(String name, Scenario scenario, Set<String> expected) throws Exception {
        assertThat(scenario.findings()).as(name).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The scope reaches the rules as an enum (NonCommercialScope); the finding still says it in the catalogue's words. */
    @org.junit.jupiter.api.Test
    void theNonCommercialFindingNamesTheScopeInWords() throws Exception {
        assertThat(Scenario.under("cc-by-nc-sa-4.0").run()).filteredOn(f -> f.rule().equals("NON-COMMERCIAL")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("the license allows non-commercial use only"));
        assertThat(Scenario.under("fair-noncommercial-research").run()).filteredOn(f -> f.rule().equals("NON-COMMERCIAL")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("the license allows research use only"));
    }
}
