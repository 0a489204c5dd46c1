package dev.canship.rules;

import dev.canship.deployment.Deployment;
import dev.canship.deployment.DeploymentReader;
import dev.canship.extract.Extractor;
import dev.canship.finding.Finding;
import dev.canship.identify.FingerprintTextMatcher;
import dev.canship.identify.Identification;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.LicenseIdentifier;
import dev.canship.identify.TextTermReader;
import dev.canship.inventory.InventoryScanner;
import dev.canship.inventory.ScanLimits;
import dev.canship.rules.facts.OrgPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lineage from identification through the rules: the base's license governs and all its duties are checked, each
 * finding naming the license it comes from; the claimed license shows only as the conflict. Findings are
 * compared as {@code RULE:license} strings.
 */
class LineageScenarioTest {

    private static final KnowledgeBase KB = KnowledgeBase.bundled();
    private static final LicenseIdentifier IDENTIFIER = new LicenseIdentifier(KB, FingerprintTextMatcher.bundled(KB), new TextTermReader());

    /**
     * A US company above 700 million users publishes the weights of its fine-tune as "Acme-Chat", commercially,
     * with the license copy but without Notice file or attribution.
     */
    private static final String RELEASE = """
            canship: 1
            organization: {name: Acme Inc., country: US, monthly_active_users: 800000000}
            model: {release_name: %s, changes: fine-tune, distribution: weights, modalities: [text], outputs_train_models: false}
            product:
              name: Acme Assistant
              commercial: true
              attribution: []
              ships_license_copy: true
              ships_notice: false
              passes_use_policy: true
              uses: [customer_support]
              regions: [US]
            """;

    private static Set<String> findings(Path repo, String releaseName) throws IOException {
        var limits = ScanLimits.DEFAULTS;
        Identification id = IDENTIFIER.identify(new Extractor(limits).extract(new InventoryScanner(limits).scan(repo)));
        Deployment d = new DeploymentReader(KB.uses().keySet()).parse(Path.of("deployment.yaml"), RELEASE.formatted(releaseName));
        RuleInput input = new FactAssembler(KB).assemble("repo", id, false, false, null, null, d, "deployment.yaml", new OrgPolicy(Set.of(), Set.of()));
        Set<String> out = new TreeSet<>();
        for (Finding f : RuleEngine.bundled().evaluate(input)) {
            out.add(f.rule() + ":" + f.license());
        }
        return out;
    }

    private static Path card(Path repo, String frontMatter, String body) throws IOException {
        Files.writeString(repo.resolve("README.md"), "---\n" + frontMatter + "\n---\n# Model\n\n" + body + "\n");
        return repo;
    }

    @Test
    void aLlama31BaseUnderAnApacheCardIsCheckedAsLlama31(@TempDir Path repo) throws IOException {
        card(repo, "license: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B", "");
        assertThat(findings(repo, "Acme-Chat")).containsExactlyInAnyOrder(
                "LICENSE-LAUNDERING:llama3.1",
                "MAU-THRESHOLD:llama3.1",
                "DERIVATIVE-NAMING:llama3.1",
                "ATTRIBUTION:llama3.1",
                "NOTICE-FILE:llama3.1",
                "NOTICE-FILE-REPOSITORY:llama3.1");
    }

    @Test
    void theSameCardTellingTheTruthHasNoConflict(@TempDir Path repo) throws IOException {
        card(repo, "license: llama3.1\nbase_model: meta-llama/Llama-3.1-8B", "");
        assertThat(findings(repo, "Llama-Acme-Chat")).containsExactlyInAnyOrder(
                "MAU-THRESHOLD:llama3.1",
                "ATTRIBUTION:llama3.1",
                "NOTICE-FILE:llama3.1",
                "NOTICE-FILE-REPOSITORY:llama3.1");
    }

    /**
     * Boundary: "Llama-Acme" satisfies Llama 3.1's prefix but not Llama 3's "Llama 3"; config.json says Llama 3. The
     * later Meta license claimed over a Llama 3 base is no laundering, but Llama 3's terms still bind beside it.
     */
    @Test
    void aLlama3ConfigUnderALlama31TagIsHeldToLlama3sPrefix(@TempDir Path repo) throws IOException {
        card(repo, "license: llama3.1", "");
        Files.writeString(repo.resolve("config.json"), "{\"_name_or_path\": \"meta-llama/Meta-Llama-3-8B\", \"model_type\": \"llama\"}");
        assertThat(findings(repo, "Llama-Acme")).contains("LINEAGE-LATER-LICENSE:llama3.1", "DERIVATIVE-NAMING:llama3")
                .doesNotContain("DERIVATIVE-NAMING:llama3.1");
    }

    @Test
    void anAdapterOverLlama32WithAnMitCardIsCheckedAsLlama32(@TempDir Path repo) throws IOException {
        card(repo, "license: mit", "");
        Files.writeString(repo.resolve("adapter_config.json"), "{\"base_model_name_or_path\": \"meta-llama/Llama-3.2-3B-Instruct\"}");
        assertThat(findings(repo, "Acme-Chat")).contains("LICENSE-LAUNDERING:llama3.2", "MAU-THRESHOLD:llama3.2", "DERIVATIVE-NAMING:llama3.2")
                .noneMatch(f -> f.endsWith(":mit"));
    }

    @Test
    void aQwenResearchBaseNamedByATagMakesCommercialUseFail(@TempDir Path repo) throws IOException {
        card(repo, "license: apache-2.0\ntags:\n- base_model:finetune:Qwen/Qwen2.5-3B-Instruct", "");
        assertThat(findings(repo, "Acme-Chat")).contains("LICENSE-LAUNDERING:qwen-research", "NON-COMMERCIAL:qwen-research");
    }

    @Test
    void aGemma4BaseIsApacheWithNoGemmaDuties(@TempDir Path repo) throws IOException {
        card(repo, "license: apache-2.0\nbase_model: google/gemma-4-9b-it", "");
        assertThat(findings(repo, "Acme-Chat")).noneMatch(f -> f.endsWith(":gemma")).doesNotContain("LICENSE-LAUNDERING:apache-2.0");
    }

    @Test
    void aMergeOfLlama31AndGemmaOwesBothLicensesDuties(@TempDir Path repo) throws IOException {
        card(repo, "license: apache-2.0\nbase_model:\n- meta-llama/Llama-3.1-8B\n- google/gemma-2-9b", "");
        assertThat(findings(repo, "Acme-Chat")).contains(
                "LICENSE-LAUNDERING:llama3.1",
                "DERIVATIVE-NAMING:llama3.1",
                "NOTICE-FILE:llama3.1",
                "NOTICE-FILE:gemma");
    }

    /** Meta's own Llama 3.3 release names its Llama 3.1 base: a licensor's later license is no laundering. */
    @Test
    void aLaterLicenseOfTheBasesOwnFamilyIsNotLaundering(@TempDir Path repo) throws IOException {
        card(repo, "license: llama3.3\nbase_model: meta-llama/Llama-3.1-70B", "");
        Set<String> f = findings(repo, "Llama-Acme-Chat");
        assertThat(f).contains("LINEAGE-LATER-LICENSE:llama3.3", "MAU-THRESHOLD:llama3.3", "MAU-THRESHOLD:llama3.1")
                .noneMatch(x -> x.startsWith("LICENSE-LAUNDERING"));
    }

    /** The other way round, an earlier license over a later base, stays laundering: the base's newer terms govern. */
    @Test
    void anEarlierLicenseOverALaterBaseIsStillLaundering(@TempDir Path repo) throws IOException {
        card(repo, "license: llama3.1\nbase_model: meta-llama/Llama-3.3-70B-Instruct", "");
        assertThat(findings(repo, "Llama-Acme-Chat")).contains("LICENSE-LAUNDERING:llama3.3").doesNotContain("LINEAGE-LATER-LICENSE:llama3.1");
    }

    @Test
    void proseAloneWarnsButDoesNotSwitch(@TempDir Path repo) throws IOException {
        card(repo, "license: apache-2.0", "This model was fine-tuned from Llama 3.1 8B.");
        Set<String> f = findings(repo, "Acme-Chat");
        assertThat(f).contains("LINEAGE-UNDECLARED:llama3.1").noneMatch(x -> x.startsWith("MAU-THRESHOLD") || x.startsWith("LICENSE-LAUNDERING"));
    }
}
