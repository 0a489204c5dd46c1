package dev.canship.identify;

import dev.canship.extract.Extractor;
import dev.canship.extract.weights.TestWeights;
import dev.canship.inventory.InventoryScanner;
import dev.canship.inventory.ScanLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lineage governs: base-model names from every source a repository has, mapped to licenses by
 * {@code licenses/lineage.yaml}, decide the governing license whatever the card or LICENSE file claims.
 */
class LineageTest {

    private static final KnowledgeBase KB = KnowledgeBase.bundled();
    private static final Lineage LINEAGE = new Lineage(KB.lineage());
    private final LicenseIdentifier identifier = new LicenseIdentifier(KB, FingerprintTextMatcher.bundled(KB), new TextTermReader());

    private Identification identify(Path repo) {
        var limits = ScanLimits.DEFAULTS;
        return identifier.identify(new Extractor(limits).extract(new InventoryScanner(limits).scan(repo)));
    }

    private static List<IdentificationIssue.Kind> kinds(Identification id) {
        return id.issues().stream().map(IdentificationIssue::kind).toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NONE", value = {
            "meta-llama/CodeLlama-7b-hf, llama2",
            "meta-llama/Llama-2-7b-chat-hf, llama2",
            "meta-llama/Meta-Llama-3-8B, llama3",
            "meta-llama/Meta-Llama-3-70B-Instruct, llama3",
            "meta-llama/Meta-Llama-3.1-8B, llama3.1",
            "unsloth/meta-llama-3.1-8b-bnb-4bit, llama3.1",
            "meta-llama/Llama-3.2-11B-Vision-Instruct, llama3.2",
            "meta-llama/Llama-3.3-70B-Instruct, llama3.3",
            "meta-llama/Llama-4-Scout-17B-16E-Instruct, llama4",
            "google/gemma-2b-it, gemma",
            "google/gemma-3-27b-pt, gemma",
            "google/gemma-4-9b-it, apache-2.0",
            "google/medgemma-27b-it, health-ai-developer-foundations",
            "mistralai/Mixtral-8x7B-Instruct-v0.1, apache-2.0",
            "mistralai/Mistral-7B-v0.1, apache-2.0",
            "mistralai/Mistral-Large-Instruct-2411, mrl",
            "mistralai/Codestral-22B-v0.1, mnpl",
            "Qwen/Qwen-7B-Chat, tongyi-qianwen",
            "Qwen/Qwen-1_8B, tongyi-qianwen-research",
            "Qwen/Qwen2.5-3B-Instruct, qwen-research",
            "Qwen/Qwen2.5-72B-Instruct, qwen",
            "Qwen/Qwen2.5-7B-Instruct, apache-2.0",
            "Qwen/Qwen3-30B-A3B, apache-2.0",
            "deepseek-ai/DeepSeek-V3, deepseek",
            "deepseek-ai/DeepSeek-R1, mit",
            "deepseek-ai/DeepSeek-R1-Distill-Llama-8B, llama3.1",
            "deepseek-ai/DeepSeek-R1-Distill-Llama-70B, llama3.3",
            // The namespace is not part of the name; a URL is reduced to its model name.
            "llama3-fans/tiny-model-7b, NONE",
            "https://huggingface.co/meta-llama/Llama-3.1-8B/, llama3.1",
            "TinyLlama/TinyLlama-1.1B-Chat-v1.0, NONE",
            // Stability AI releases under the Community License of 2024-07-05.
            "stabilityai/stable-diffusion-3.5-large, stability-community",
            "stabilityai/stable-diffusion-3.5-medium, stability-community",
            "stabilityai/stable-fast-3d, stability-community",
            "stabilityai/sdxl-turbo, stability-community",
            "facebook/chameleon-7b, chameleon-research",
            "facebook/chameleon-30b, chameleon-research",
            // Nemotron 3: the NVIDIA Nemotron Open Model License, not held (a review); Llama-based Nemotrons keep Llama's.
            "nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16, nvidia-nemotron-open-model-license",
            "nvidia/Llama-3.1-Nemotron-70B-Instruct-HF, llama3.1",
    })
    void baseNamesMapToLicenses(String name, String license) {
        assertThat(LINEAGE.licenseOf(name).orElse(null)).isEqualTo(license);
    }

    @ParameterizedTest(name = "{0} is a known family with an undetermined license")
    @CsvSource({"mistralai/Mistral-Small-Instruct-2409", "Qwen/Qwen2-72B-Instruct", "deepseek-ai/DeepSeek-V3-0324", "meta-llama/Llama-3.5-8B"})
    void familiesWhoseLicenseTheNameDoesNotSettle(String name) {
        assertThat(LINEAGE.match(name)).isPresent();
        assertThat(LINEAGE.licenseOf(name)).isEmpty();
    }

    @Test
    void aCardBaseUnderLlamaMakesLlamaGoverningAndTheClaimTheConflict(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B\n---\n# Acme chat\n");
        Identification id = identify(repo);
        assertThat(id.license().id()).isEqualTo("llama3.1");
        assertThat(id.license().source()).isEqualTo("lineage");
        assertThat(id.terms().namePrefix().prefix()).isEqualTo("Llama");
        assertThat(id.issues()).filteredOn(i -> i.kind() == IdentificationIssue.Kind.LAUNDERING).singleElement()
                .satisfies(i -> assertThat(i.licenseIds()).containsExactly("llama3.1", "apache-2.0"));
    }

    @Test
    void configNameOrPathIsLineageAndVersionExact(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("README.md"), "---\nlicense: llama3.1\n---\n# A fine-tune\n");
        Files.writeString(repo.resolve("config.json"), "{\"_name_or_path\": \"meta-llama/Meta-Llama-3-8B-Instruct\", \"model_type\": \"llama\"}");
        Identification id = identify(repo);
        // Meta's later license over Meta's earlier base is no laundering, but the base's license is still checked.
        assertThat(id.license().id()).as("a Llama 3 base under a Llama 3.1 tag: the later Meta license").isEqualTo("llama3.1");
        assertThat(id.alsoBinding()).as("Llama 3's terms bind beside it").containsExactly("llama3");
        assertThat(id.issues()).noneMatch(i -> i.kind() == IdentificationIssue.Kind.LAUNDERING);
        assertThat(id.issues()).filteredOn(i -> i.kind() == IdentificationIssue.Kind.LINEAGE_LATER).singleElement()
                .satisfies(i -> assertThat(i.licenseIds()).containsExactly("llama3.1", "llama3"));
    }

    @Test
    void adapterConfigBaseIsLineage(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("README.md"), "---\nlicense: mit\n---\n# LoRA\n");
        Files.writeString(repo.resolve("adapter_config.json"), "{\"base_model_name_or_path\": \"unsloth/Llama-3.2-3B-Instruct-bnb-4bit\", \"peft_type\": \"LORA\"}");
        Identification id = identify(repo);
        assertThat(id.license().id()).isEqualTo("llama3.2");
        assertThat(kinds(id)).contains(IdentificationIssue.Kind.LAUNDERING);
    }

    @Test
    void ggufBaseModelMetadataIsLineage(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("README.md"), "---\nlicense: mit\n---\n# Quantized\n");
        new TestWeights.Gguf().string("general.architecture", "gemma3").string("general.name", "Acme 4B")
                .u32("general.base_model.count", 1)
                .string("general.base_model.0.name", "Gemma 3 4b It")
                .string("general.base_model.0.organization", "Google")
                .string("general.base_model.0.repo_url", "https://huggingface.co/google/gemma-3-4b-it")
                .write(repo.resolve("acme-4b-Q4_K_M.gguf"), 0);
        Identification id = identify(repo);
        assertThat(id.baseModels()).containsExactly("https://huggingface.co/google/gemma-3-4b-it");
        assertThat(id.license().id()).isEqualTo("gemma");
        assertThat(kinds(id)).contains(IdentificationIssue.Kind.LAUNDERING);
    }

    /** A GGUF whose own name says Llama 3.1 is Llama 3.1 weights, whatever its general.license says. */
    @Test
    void aGgufNamedAfterASettledFamilyIsThatFamilysWeights(@TempDir Path repo) throws IOException {
        new TestWeights.Gguf().string("general.architecture", "llama").string("general.name", "Meta Llama 3.1 8B Instruct")
                .string("general.basename", "Meta-Llama-3.1").string("general.license", "apache-2.0")
                .write(repo.resolve("model-Q4_K_M.gguf"), 0);
        Identification id = identify(repo);
        assertThat(id.license().id()).isEqualTo("llama3.1");
        assertThat(kinds(id)).contains(IdentificationIssue.Kind.LAUNDERING);
        assertThat(id.baseModels()).as("its own name makes it no derivative").isEmpty();
    }

    /** What llama.cpp writes into a quantization of an official release is no conflict with the card (false-block sweep). */
    @Test
    void aQuantizationsOwnMetadataAgreesWithItsCard(@TempDir Path repo) throws IOException {
        // "other" with a license name: the name is the license, not a second one.
        Files.writeString(repo.resolve("README.md"), "---\nlicense: gemma\nbase_model: google/gemma-2b-it\n---\n# GGUF\n");
        new TestWeights.Gguf().string("general.architecture", "gemma").string("general.name", "Gemma 2b It")
                .string("general.license", "other").string("general.license.name", "gemma").write(repo.resolve("gemma-2b-it-Q4_K_M.gguf"), 0);
        Identification gemma = identify(repo);
        assertThat(gemma.license().id()).isEqualTo("gemma");
        assertThat(kinds(gemma)).isEmpty();
        Files.delete(repo.resolve("gemma-2b-it-Q4_K_M.gguf"));
        // A GGUF of Llama 3.3 records its base's base (Llama 3.1 70B): history of the family, not a disagreement.
        Files.writeString(repo.resolve("README.md"), "---\nlicense: llama3.3\nbase_model: meta-llama/Llama-3.3-70B-Instruct\n---\n# GGUF\n");
        new TestWeights.Gguf().string("general.architecture", "llama").string("general.name", "Llama 3.3 70B Instruct")
                .string("general.basename", "Llama-3.3").string("general.license", "llama3.3")
                .u32("general.base_model.count", 1).string("general.base_model.0.name", "Llama 3.1 70B")
                .string("general.base_model.0.organization", "Meta Llama").write(repo.resolve("Llama-3.3-70B-Instruct-Q4_K_M.gguf"), 0);
        Identification llama = identify(repo);
        assertThat(llama.license().id()).isEqualTo("llama3.3");
        assertThat(kinds(llama)).doesNotContain(IdentificationIssue.Kind.LINEAGE_CONFLICT, IdentificationIssue.Kind.LAUNDERING);
        assertThat(llama.alsoBinding()).containsExactly("llama3.1");
    }

    /** A free-form GGUF name that settles no license ("Mistral Small") is no evidence either way: no review over it. */
    @Test
    void aGgufNameThatSettlesNothingIsNoEvidence(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\n---\n# Quantized\n");
        new TestWeights.Gguf().string("general.architecture", "llama").string("general.name", "Mistral Small Acme Tune")
                .string("general.license", "apache-2.0").write(repo.resolve("model-Q4_K_M.gguf"), 0);
        Identification id = identify(repo);
        assertThat(id.license().id()).isEqualTo("apache-2.0");
        assertThat(kinds(id)).isEmpty();
    }

    /** Meta's safety models and community shorthand ("L3.1-") name Llama bases; an unmappable base is a review. */
    @Test
    void guardModelsShorthandAndUnknownBases(@TempDir Path repo) throws IOException {
        for (String[] c : new String[][] {{"meta-llama/Llama-Guard-3-8B", "llama3.1"}, {"meta-llama/Llama-Guard-4-12B", "llama4"},
                {"meta-llama/Llama-Guard-3-1B", "llama3.2"}, {"meta-llama/Meta-Llama-Guard-2-8B", "llama3"},
                {"Sao10K/L3.1-70B-Euryale-v2.2", "llama3.1"}, {"Sao10K/L3-8B-Stheno-v3.2", "llama3"}}) {
            Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\nbase_model: " + c[0] + "\n---\n# Tuned\n");
            Identification id = identify(repo);
            assertThat(id.license().id()).as(c[0]).isEqualTo(c[1]);
            assertThat(kinds(id)).as(c[0]).contains(IdentificationIssue.Kind.LAUNDERING);
        }
        // "L3" in a small encoder's name (three layers) is no Llama; an official release naming its own base is mapped.
        for (String base : new String[] {"sentence-transformers/paraphrase-MiniLM-L3-v2", "ibm-granite/granite-3.1-8b-base",
                "allenai/OLMo-2-1124-7B", "HuggingFaceTB/SmolLM2-1.7B", "mistralai/Mistral-Nemo-Base-2407",
                "mistralai/Mistral-Small-24B-Base-2501", "Qwen/Qwen2.5-Coder-7B"}) {
            Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\nbase_model: " + base + "\n---\n# Tuned\n");
            Identification mapped = identify(repo);
            assertThat(mapped.license().id()).as(base).isEqualTo("apache-2.0");
            assertThat(kinds(mapped)).as(base).isEmpty();
        }
        // Relicensing between permissive licenses is allowed (the base's notices kept): information, not laundering.
        Files.writeString(repo.resolve("README.md"), "---\nlicense: mit\nbase_model: google-bert/bert-base-cased\n---\n# Tuned\n");
        Identification relicensed = identify(repo);
        assertThat(relicensed.license().id()).isEqualTo("mit");
        assertThat(kinds(relicensed)).containsExactly(IdentificationIssue.Kind.LINEAGE_PERMISSIVE);
        assertThat(relicensed.alsoBinding()).containsExactly("apache-2.0");
        // Family names are anchored: "ToolModel" is no OLMo.
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\nbase_model: acme/ToolModel-8B\n---\n# Tuned\n");
        assertThat(kinds(identify(repo))).containsExactly(IdentificationIssue.Kind.UNKNOWN);
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\nbase_model: someone/Unheard-Of-7B\n---\n# Tuned\n");
        Identification id = identify(repo);
        assertThat(kinds(id)).as("a base of unknown license leaves the derivative's license unknown").containsExactly(IdentificationIssue.Kind.UNKNOWN);
        assertThat(id.issues().get(0).message()).contains("someone/Unheard-Of-7B").contains("check that license by hand");
    }

    @Test
    void cardTagsNameTheBase(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\ntags:\n- base_model:finetune:Qwen/Qwen2.5-3B-Instruct\n---\n# Tuned\n");
        Identification id = identify(repo);
        assertThat(id.license().id()).isEqualTo("qwen-research");
        assertThat(id.terms().nonCommercial()).isNotNull();
    }

    @Test
    void aMergeBindsEveryBaseLicense(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\nbase_model:\n- meta-llama/Llama-3.1-8B\n- google/gemma-2-9b\n---\n# Merge\n");
        Identification id = identify(repo);
        assertThat(id.license().id()).as("the first base the card names governs").isEqualTo("llama3.1");
        assertThat(id.alsoBinding()).containsExactly("gemma");
    }

    @Test
    void sourcesThatDisagreeAboutTheBaseAreAConflictAndBothBind(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("README.md"), "---\nlicense: llama3.1\nbase_model: meta-llama/Meta-Llama-3.1-70B-Instruct\n---\n# Reflect\n");
        Files.writeString(repo.resolve("config.json"), "{\"_name_or_path\": \"meta-llama/Meta-Llama-3-70B-Instruct\", \"model_type\": \"llama\"}");
        Identification id = identify(repo);
        assertThat(id.license().id()).isEqualTo("llama3.1");
        assertThat(id.alsoBinding()).containsExactly("llama3");
        assertThat(kinds(id)).containsExactly(IdentificationIssue.Kind.LINEAGE_CONFLICT);
    }

    @Test
    void aGemma4BaseIsApacheAndNoConflict(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\nbase_model: google/gemma-4-9b-it\n---\n# Tuned\n");
        Identification id = identify(repo);
        assertThat(id.license().id()).isEqualTo("apache-2.0");
        assertThat(id.alsoBinding()).isEmpty();
        assertThat(kinds(id)).isEmpty();
    }

    @Test
    void proseIsEvidenceForAWarningNotProof(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\n---\n# Helper\n\nThis model was fine-tuned from Llama 3.1 8B on support tickets.\n");
        Identification id = identify(repo);
        assertThat(id.license().id()).as("not switched on prose alone").isEqualTo("apache-2.0");
        assertThat(id.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(IdentificationIssue.Kind.LINEAGE_UNDECLARED);
            assertThat(i.licenseIds()).containsExactly("llama3.1");
            assertThat(i.message()).contains("fine-tuned from Llama 3.1");
        });
    }

    @Test
    void unknownOnTheCardIsNoConflictAndTheBaseGoverns(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("README.md"), "---\nlicense: unknown\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# Tuned\n");
        Identification id = identify(repo);
        assertThat(id.license().id()).isEqualTo("llama3.1");
        assertThat(kinds(id)).containsExactly(IdentificationIssue.Kind.LINEAGE_UNDECLARED);
    }

    @Test
    void aBaseUnderALicenseCanshipDoesNotHoldIsReviewedNotSwitched(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\nbase_model: Qwen/Qwen2.5-72B-Instruct\n---\n# Tuned\n");
        Identification id = identify(repo);
        assertThat(id.license().id()).isEqualTo("apache-2.0");
        assertThat(id.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(IdentificationIssue.Kind.UNKNOWN);
            assertThat(i.licenseIds()).containsExactly("qwen");
        });
    }

    @Test
    void aLocalTrainingFolderIsNoBase(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("README.md"), "---\nlicense: mit\n---\n# Mine\n");
        Files.writeString(repo.resolve("config.json"), "{\"_name_or_path\": \"output_llama-3.1_run/\", \"model_type\": \"llama\"}");
        Identification id = identify(repo);
        assertThat(id.baseModels()).isEmpty();
        assertThat(id.license().id()).isEqualTo("mit");
    }

    @Test
    void aHostileCardCannotMakeLineageUnbounded(@TempDir Path repo) throws IOException {
        StringBuilder fm = new StringBuilder("license: mit\nbase_model:\n");
        for (int i = 0; i < 5000; i++) {
            fm.append("- acme/model-").append(i).append('\n');
        }
        Files.writeString(repo.resolve("README.md"), "---\n" + fm + "---\n" + "based on nothing ".repeat(20_000) + "fine-tuned from Llama 3.1 8B\n");
        Identification id = identify(repo);
        assertThat(id.baseModels()).as("bases kept per repository are bounded").hasSize(32);
        assertThat(id.license().id()).isEqualTo("mit");
        assertThat(kinds(id)).as("prose beyond the first derivation phrases read is not scanned; the unknown bases are one review")
                .containsExactly(IdentificationIssue.Kind.UNKNOWN);
        assertThat(id.issues().get(0).message()).contains("acme/model-0").contains("and 29 more");
    }
}
