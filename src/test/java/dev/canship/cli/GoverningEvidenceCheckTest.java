package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canship.Corpus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end, against a commercial hosted deployment: a code license, an unnamed {@code other} and a {@code license}
 * value that is not a name never let a repository pass on evidence that does not speak for its weights.
 */
class GoverningEvidenceCheckTest {

    private static final String DEPLOYMENT = "samples/deployments/us-assistant-pass.yaml";

    /** A model folder with the card front matter {@code frontMatter} and the corpus text {@code corpus} saved as {@code file}. */
    private static Path repo(Path dir, String frontMatter, String file, String corpus) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("model"));
        Files.writeString(repo.resolve("README.md"), "---\n" + frontMatter + "\n---\n# A model\n");
        Files.writeString(repo.resolve("config.json"), "{\"model_type\": \"llama\", \"hidden_size\": 64, \"num_hidden_layers\": 2,"
                + " \"num_attention_heads\": 4, \"vocab_size\": 100, \"intermediate_size\": 128}");
        Path text = Corpus.licenses().resolve(corpus);
        Assumptions.assumeTrue(Files.isRegularFile(text), text + " is not in the corpus; skipping");
        Files.copy(text, repo.resolve(file));
        return repo;
    }

    private static JsonNode check(Path repo) throws Exception {
        return CliTest.checkJson(repo, Path.of(DEPLOYMENT));
    }

    private static List<String> rules(JsonNode j) {
        return CliTest.findingRules(j);
    }

    @Test
    void aCodeLicenseBesideANonCommercialTagFails(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "license: cc-by-nc-4.0", "LICENSE-CODE", "mit/LICENSE-CODE"));

        assertThat(j.path("verdict").asText()).isEqualTo("fail");
        assertThat(j.path("license").path("id").asText()).isEqualTo("cc-by-nc-4.0");
        assertThat(rules(j)).contains("LICENSE-CONFLICT", "NON-COMMERCIAL");
    }

    @Test
    void aLicenseTextUnderAnOddExtensionIsStillRead(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "license: apache-2.0", "LICENSE.llama3.1", "llama3.1/LICENSE"));

        assertThat(j.path("verdict").asText()).isEqualTo("fail");
        assertThat(j.path("license").path("id").asText()).isEqualTo("llama3.1");
        assertThat(rules(j)).contains("LICENSE-CONFLICT");
    }

    /** An access prompt with terms of its own that narrow the use is no pass on an Apache tag and text. */
    @Test
    void anAccessPromptThatNarrowsTheUseIsAReview(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "license: apache-2.0\nextra_gated_prompt: By requesting access you agree to use the model for "
                + "non-commercial research only and to cite our paper.", "LICENSE", "apache-2.0/LICENSE"));

        assertThat(j.path("verdict").asText()).isEqualTo("review");
        assertThat(rules(j)).containsExactly("LICENSE-UNKNOWN");
        assertThat(j.path("findings").get(0).path("message").asText()).contains("extra_gated_prompt").contains("non-commercial research only");
    }

    @Test
    void narrowingWordingIsFoundInItsCommonForms(@TempDir Path dir) throws Exception {
        for (String prompt : new String[] {"Commercial use is strictly prohibited; the weights are provided solely for academic research.",
                "For non\u2011commercial use.", "The model must not be used for any commercial purpose.",
                "Commercial use requires prior written permission from Acme.", "Permitted uses: non-\\ncommercial only.",
                "This model is released under the Acme Non-Commercial License; you agree to its terms."}) {
            Path d = Files.createDirectories(dir.resolve("p" + prompt.length()));
            JsonNode j = check(repo(d, "license: apache-2.0\nextra_gated_prompt: \"" + prompt + "\"", "LICENSE", "apache-2.0/LICENSE"));
            assertThat(j.path("verdict").asText()).as(prompt).isEqualTo("review");
            assertThat(rules(j)).as(prompt).containsExactly("LICENSE-UNKNOWN");
        }
    }

    /** A license's own name ("... Non-Commercial License Agreement") in the access prompt is no term of the prompt's own. */
    @Test
    void anAccessPromptNamingTheLicenseIsNoTermsOfItsOwn(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "license: other\nlicense_name: flux-1-dev-non-commercial-license\nextra_gated_prompt: By clicking "
                + "Agree, you agree to the [FluxDev Non-Commercial License Agreement](https://example.com/LICENSE.md).", "LICENSE.md",
                "flux-non-commercial/" + firstFile("flux-non-commercial")));
        assertThat(rules(j)).doesNotContain("LICENSE-UNKNOWN");
        assertThat(j.path("license").path("id").asText()).isEqualTo("flux-non-commercial");
    }

    /** The corpus file of a license folder that is its text (not SOURCE.txt). */
    private static String firstFile(String folder) throws Exception {
        try (var s = Files.list(Corpus.licenses().resolve(folder))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("SOURCE.txt")).sorted().findFirst().orElseThrow();
        }
    }

    /** A later license claimed over a Llama 3.2 Vision base keeps the base's EU exclusion for multimodal models. */
    @Test
    void aLaterLicenseDoesNotHideAVisionBasesEuExclusion(@TempDir Path dir) throws Exception {
        Path repo = repo(dir, "license: llama3.3\nbase_model: meta-llama/Llama-3.2-11B-Vision-Instruct", "LICENSE", "llama3.3/LICENSE");
        Files.writeString(repo.resolve("config.json"), "{\"architectures\":[\"MllamaForConditionalGeneration\"],\"model_type\":\"mllama\","
                + "\"text_config\":{\"model_type\":\"mllama_text_model\",\"hidden_size\":4096,\"num_hidden_layers\":40,\"num_attention_heads\":32,"
                + "\"num_key_value_heads\":8,\"vocab_size\":128256,\"intermediate_size\":14336},\"vision_config\":{\"model_type\":\"mllama_vision_model\","
                + "\"hidden_size\":1280,\"num_hidden_layers\":32,\"image_size\":560,\"patch_size\":14}}");
        JsonNode j = CliTest.checkJson(repo, Path.of("samples/deployments/eu-startup-multimodal.yaml"));
        assertThat(j.path("verdict").asText()).isEqualTo("fail");
        assertThat(j.path("findings").findParents("rule")).anySatisfy(f -> {
            assertThat(f.path("rule").asText()).isEqualTo("EU-MULTIMODAL");
            assertThat(f.path("license").asText()).isEqualTo("llama3.2");
        });
    }

    /** A license_name beside the tag is a claim too: an unknown one is a review, the tag's own name in words is not. */
    @Test
    void aLicenseNameBesideTheTagIsAClaim(@TempDir Path dir) throws Exception {
        JsonNode unknown = check(repo(Files.createDirectories(dir.resolve("a")), "license: apache-2.0\nlicense_name: acme-noncommercial", "LICENSE", "apache-2.0/LICENSE"));
        assertThat(unknown.path("verdict").asText()).isEqualTo("review");
        assertThat(rules(unknown)).containsExactly("LICENSE-UNKNOWN");
        assertThat(unknown.path("findings").get(0).path("message").asText()).contains("acme-noncommercial");
        JsonNode same = check(repo(Files.createDirectories(dir.resolve("b")), "license: apache-2.0\nlicense_name: Apache 2.0", "LICENSE", "apache-2.0/LICENSE"));
        assertThat(same.path("verdict").asText()).isEqualTo("pass");
    }

    /** The card's own "License" section that narrows the use, beside an Apache tag and text, is a review too. */
    @Test
    void aLicenseSectionOfTheCardThatNarrowsTheUseIsAReview(@TempDir Path dir) throws Exception {
        Path repo = repo(dir, "license: apache-2.0", "LICENSE", "apache-2.0/LICENSE");
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\n---\n# A model\n\n## Usage\n\nRun it.\n\n## License\n\n"
                + "The weights are released under CC BY-NC 4.0.\n\n## Citation\n\nCite us.\n");
        JsonNode j = check(repo);
        assertThat(j.path("verdict").asText()).isEqualTo("review");
        assertThat(j.path("findings").get(0).path("message").asText()).contains("license section").contains("BY-NC");
        assertThat(j.path("findings").get(0).path("evidence").get(0).path("line").asInt()).isEqualTo(10);
    }

    @Test
    void theAccessFormsLabelsAreReadToo(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "license: apache-2.0\nextra_gated_fields:\n  Name: text\n  I agree to use this model for non-commercial use ONLY: checkbox",
                "LICENSE", "apache-2.0/LICENSE"));
        assertThat(j.path("verdict").asText()).isEqualTo("review");
        assertThat(rules(j)).containsExactly("LICENSE-UNKNOWN");
    }

    /** A text-only configuration does not make a model built on Llama 3.2 Vision text-only. */
    @Test
    void aVisionBaseKeepsTheEuExclusionWithATextOnlyConfig(@TempDir Path dir) throws Exception {
        Path repo = repo(dir, "license: llama3.2\nbase_model: meta-llama/Llama-3.2-11B-Vision-Instruct", "LICENSE", "llama3.2/LICENSE");
        JsonNode j = CliTest.checkJson(repo, Path.of("samples/deployments/eu-startup-multimodal.yaml"));
        assertThat(j.path("verdict").asText()).isEqualTo("fail");
        assertThat(rules(j)).contains("EU-MULTIMODAL");
    }

    @Test
    void anAccessPromptAboutPrivacyIsNoTerms(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "license: apache-2.0\nextra_gated_description: If you want to learn more about how we process your "
                + "personal data, please read our Privacy Policy.", "LICENSE", "apache-2.0/LICENSE"));

        assertThat(j.path("verdict").asText()).isEqualTo("pass");
    }

    @Test
    void aCodeLicenseDoesNotChooseForTheWeights(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "license: cc-by-nc-4.0 OR mit", "LICENSE-CODE", "mit/LICENSE-CODE"));

        assertThat(j.path("verdict").asText()).isNotEqualTo("pass");
        assertThat(rules(j)).contains("LICENSE-CHOICE").doesNotContain("LICENSE-CHOSEN");
    }

    @Test
    void anUnknownLicenseNameBesideApacheIsAReview(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "license: [apache-2.0, other]\nlicense_name: acme-research-only", "LICENSE", "apache-2.0/LICENSE"));

        assertThat(j.path("verdict").asText()).isEqualTo("review");
        assertThat(rules(j)).containsExactly("LICENSE-UNKNOWN");
        assertThat(j.path("findings").get(0).path("message").asText()).contains("acme-research-only");
    }

    @Test
    void aNonCommercialLicenseInAMapIsNotAPass(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "license: {id: cc-by-nc-4.0}", "LICENSE", "apache-2.0/LICENSE"));

        assertThat(j.path("verdict").asText()).isEqualTo("review");
        assertThat(rules(j)).containsExactly("LICENSE-UNKNOWN");
        JsonNode f = j.path("findings").get(0);
        assertThat(f.path("message").asText()).contains("cc-by-nc-4.0").contains("a map");
        assertThat(f.path("evidence").get(0).path("file").asText()).isEqualTo("README.md");
        assertThat(f.path("evidence").get(0).path("line").asInt()).isEqualTo(2);
    }

    @Test
    void aNonCommercialLicenseInANestedListIsNotAPass(@TempDir Path dir) throws Exception {
        JsonNode j = check(repo(dir, "license: [[cc-by-nc-4.0]]", "LICENSE", "apache-2.0/LICENSE"));

        assertThat(j.path("verdict").asText()).isEqualTo("review");
        assertThat(rules(j)).containsExactly("LICENSE-UNKNOWN");
    }
}
