package dev.canship.report;

import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.LicenseInfo;
import dev.canship.identify.LicenseTerms;
import dev.canship.rules.FindingTemplate;
import dev.canship.rules.RuleCatalog;
import dev.canship.rules.facts.TermKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Keeps the obligation templates ({@code terms:} in rules/catalog.yaml) and the values {@link ObligationWords}
 * computes in step, the way RuleCatalogTest does for findings: a term a license carries without a template, or a
 * template naming a value the code does not give, fails here rather than in a user's report.
 */
class ObligationWordsTest {

    private final RuleCatalog catalog = RuleCatalog.bundled();

    @Test
    void everyTermOfEveryBundledLicenseHasATemplateFedExactlyItsValues() {
        int checked = 0;
        for (LicenseInfo info : KnowledgeBase.bundled().licenses().values()) {
            List<String> terms = new ArrayList<>(info.terms().clauses().keySet());
            terms.add(ObligationWords.USE_POLICY);
            for (String term : terms) {
                String where = info.id() + " terms." + term;
                FindingTemplate t = catalog.obligation(term)
                        .orElseGet(() -> fail(where + ": rules/catalog.yaml has no template under terms:"));
                Map<String, Object> values = ObligationWords.values(term, info.terms(), "some-policy");
                assertThat(values.keySet()).as(where + ": the values given are the template's placeholders").isEqualTo(t.placeholders());
                assertThat(t.render(values)).as(where).isNotBlank().doesNotContain("null");
                checked++;
            }
        }
        assertThat(checked).as("terms checked").isGreaterThan(100);
    }

    @Test
    void everyTermKindIsWordedAndNoTemplateIsForATermCanshipDoesNotKnow() {
        List<String> kinds = Arrays.stream(TermKind.values()).map(TermKind::key).toList();
        assertThat(catalog.obligations().keySet()).containsExactlyInAnyOrderElementsOf(kinds);
    }

    @Test
    void theWordsComeFromTheTermsData() {
        assertThat(words("llama4", "mau")).isEqualTo("At most 700 million monthly active users (organization and affiliates), or a separate license");
        assertThat(words("llama4", "attribution")).isEqualTo("Show \"Built with Llama\" where the product is offered");
        assertThat(words("llama4", "name_prefix")).isEqualTo("A derived model that is offered to others is named starting with \"Llama\"");
        assertThat(words("llama4", "territorial")).isEqualTo("No rights for organizations based in EU (multimodal models)");
        assertThat(words("flux-non-commercial", "non_commercial")).isEqualTo("Use for non-production purposes only");
        assertThat(words("cc-by-nc-4.0", "non_commercial")).isEqualTo("Use for non-commercial purposes only");
        assertThat(words("mrl", "non_commercial")).isEqualTo("Use for research purposes only");
        assertThat(words("mistral-modified-mit", "scale_gate")).isEqualTo("Above revenue of USD 20 million per month, no rights without a separate license");
        assertThat(words("kimi-k3", "scale_gate")).isEqualTo("Above 100 million monthly active users or revenue of USD 20 million per month in commercial use,"
                + " show \"Kimi K3\" on the product's user interface");
        assertThat(words("nvidia-open-model-license", "guardrails")).startsWith("Keep the model's safety guardrails in place");
        assertThat(ObligationWords.describe("use_policy", LicenseTerms.NONE, "llama4-aup")).isEqualTo("Declared uses stay within the use policy (llama4-aup)");
    }

    /** Optional data picks the wording: no phrase, no file name, no scope. */
    @Test
    void missingOptionalDataGivesTheGeneralWording() {
        LicenseTerms bare = new LicenseTerms(null, null, new LicenseTerms.Attribution(List.of(), null, null, "§1"),
                new LicenseTerms.Notice(null, null, null, null, null, false, "§2"), null,
                new LicenseTerms.OutputTraining(true, null, "§3"), null, null, null, null, null, null, null);
        assertThat(ObligationWords.describe("attribution", bare, null)).isEqualTo("Show the attribution where the product is offered");
        assertThat(ObligationWords.describe("notice", bare, null)).isEqualTo("Ship a \"Notice\" file with every copy handed out");
        assertThat(ObligationWords.describe("output_training", bare, null)).isEqualTo("Do not use outputs to train other models");
    }

    private static String words(String license, String term) {
        LicenseInfo info = KnowledgeBase.bundled().license(license).orElseThrow(() -> new AssertionError(license + " not bundled"));
        assertThat(info.terms().clauses()).as(license).containsKey(term);
        return ObligationWords.describe(term, info.terms(), null);
    }
}
