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
