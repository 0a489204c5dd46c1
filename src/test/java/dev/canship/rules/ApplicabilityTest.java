package dev.canship.rules;

import dev.canship.identify.LicenseInfo;
import dev.canship.rules.facts.Applicability;
import dev.canship.rules.facts.TermKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Which terms apply to a deployment, and why: derived by rules/applicability.drl, rendered by the checklist. */
class ApplicabilityTest {

    /** The governing license's applicability as {@code term -> "STATUS: reason"}. */
    private static Map<String, String> applies(Scenario s) throws Exception {
        return s.result().applicability().stream().filter(a -> a.license().equals(s.license))
                .collect(Collectors.toMap(a -> a.term().key(), a -> a.status() + ": " + a.reason()));
    }

    @Test
    void aHostedUnchangedModelOwesNoCopyDutiesAndNoNamePrefix() throws Exception {
        Map<String, String> a = applies(Scenario.under("llama3.1"));
        assertThat(a).containsEntry("notice", "NO: no copies of the weights are handed to others")
                .containsEntry("license_copy", "NO: no copies of the weights are handed to others")
                .containsEntry("name_prefix", "NO: no model is made from the materials or their outputs")
                .containsEntry("output_derivative", "NO: outputs do not train other models");
        assertThat(a.get("attribution")).startsWith("YES");
        assertThat(a.get("mau")).startsWith("YES");
    }

    @Test
    void handingOutWeightsWithoutSayingWhetherTheNoticeShipsIsUndeclared() throws Exception {
        Map<String, String> a = applies(Scenario.under("llama3.1").set("model.distribution", "weights").set("product.ships_notice", null));
        assertThat(a).containsEntry("notice", "UNDECLARED: not declared: product.ships_notice");
        assertThat(a.get("license_copy")).startsWith("YES");
    }

    @Test
    void aFineTuneKeptInsideOwesNoPrefixAndInternalUseNoAttribution() throws Exception {
        Map<String, String> a = applies(Scenario.under("llama3.1").set("model.changes", "fine-tune").set("model.distribution", "internal"));
        assertThat(a).containsEntry("name_prefix", "NO: the derived model stays inside the organization")
                .containsEntry("attribution", "NO: the model is used inside the organization only");
    }

    @Test
    void outputTermsRestOnTheFlagOrADeclaredTrainingUse() throws Exception {
        assertThat(applies(Scenario.under("llama3.1").set("model.outputs_train_models", null)))
                .containsEntry("output_derivative", "UNDECLARED: not declared: model.outputs_train_models");
        assertThat(applies(Scenario.under("llama3.1").set("model.outputs_train_models", null)
                .set("product.uses", "[customer_support, model_distillation]")).get("output_derivative")).startsWith("YES");
    }

    /** Without model facts canship does not know the model is text-only: the EU carve-out stays applicable. */
    @Test
    void theMultimodalCarveOutIsLiftedOnlyForAModelKnownToBeTextOnly() throws Exception {
        assertThat(applies(Scenario.under("llama3.2"))).containsEntry("territorial", "NO: the model is text-only");
        assertThat(applies(Scenario.under("llama3.2").multimodal()).get("territorial")).startsWith("YES");
        assertThat(applies(Scenario.under("llama3.2").noModel()).get("territorial")).startsWith("YES");
    }

    /** Qwen research owes "Built with Qwen" for a model built from it: offering the original unchanged owes nothing. */
    @Test
    void anAttributionOwedOnlyByDerivedModelsDoesNotApplyToTheOriginal() throws Exception {
        assertThat(applies(Scenario.under("qwen-research"))).containsEntry("attribution",
                "NO: the phrase is owed by a model derived from this one, and none is made");
        assertThat(applies(Scenario.under("qwen-research").set("model.changes", "fine-tune")).get("attribution")).doesNotStartWith("NO");
    }

    @Test
    void everyTermOfEveryLicenseGetsExactlyOneVerdict() throws Exception {
        for (LicenseInfo info : Scenario.KB.licenses().values()) {
            Scenario s = Scenario.under(info.id());
            List<Applicability> mine = s.result().applicability().stream().filter(a -> a.license().equals(info.id())).toList();
            Set<String> expected = new TreeSet<>(info.terms().clauses().keySet());
            assertThat(mine.stream().map(a -> a.term().key()).toList()).as(info.id()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(mine).as(info.id()).allSatisfy(a -> assertThat(a.reason()).isNotBlank());
        }
        assertThat(TermKind.ofKey("use_policy")).contains(TermKind.USE_POLICY);
    }
}
