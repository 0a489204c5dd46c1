package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canship.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small edits that change what the Llama 3.1 texts grant or forbid are errors, never the "minor" of a link or an
 * article; an article is still minor. Each case edits the publisher's real text from the shared corpus.
 */
class AlteredTextCheckTest {

    private static final Path DEPLOYMENT = Path.of("samples/deployments/us-assistant-pass.yaml");

    /** A Llama 3.1 repository whose license (or, when {@code policy}, use policy) has {@code from} replaced by {@code to} once. */
    private static JsonNode check(Path dir, boolean policy, String from, String to) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("model"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: llama3.1\n---\n# A model\n");
        String license = Files.readString(Corpus.license("llama3.1", "LICENSE"));
        String usePolicy = Files.readString(Corpus.license("llama3.1", "USE_POLICY.md"));
        String edited = policy ? usePolicy : license;
        assertThat(edited).as("the corpus text holds the passage to edit").contains(from);
        edited = edited.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
        Files.writeString(repo.resolve("LICENSE"), policy ? license : edited);
        Files.writeString(repo.resolve("USE_POLICY.md"), policy ? edited : usePolicy);
        return CliTest.checkJson(repo, DEPLOYMENT);
    }

    private static void assertAltered(JsonNode j) {
        assertThat(j.path("verdict").asText()).isEqualTo("fail");
        assertThat(CliTest.findingRules(j)).contains("LICENSE-ALTERED").doesNotContain("LICENSE-ALTERED-MINOR");
    }

    @Test
    void aNonExclusiveGrantMadeExclusiveIsAnError(@TempDir Path dir) throws Exception {
        assertAltered(check(dir, false, "non-exclusive, worldwide", "exclusive, worldwide"));
    }

    @Test
    void aNonTransferableGrantMadeTransferableIsAnError(@TempDir Path dir) throws Exception {
        assertAltered(check(dir, false, "non-transferable and royalty-free", "transferable and royalty-free"));
    }

    @Test
    void aPartyAddedToTheLicensorIsAnError(@TempDir Path dir) throws Exception {
        assertAltered(check(dir, false, "and Meta Platforms, Inc", "and Meta Platforms, Inc and Acme Corp"));
    }

    @Test
    void aProhibitedUseDroppedFromThePolicyIsAnError(@TempDir Path dir) throws Exception {
        assertAltered(check(dir, true, "        * Human trafficking, exploitation, and sexual violence\n", ""));
    }

    @Test
    void aDroppedArticleIsStillMinor(@TempDir Path dir) throws Exception {
        JsonNode j = check(dir, false, " the Llama Materials", " Llama Materials");
        assertThat(j.path("verdict").asText()).isEqualTo("pass");
        assertThat(CliTest.findingRules(j)).containsExactly("LICENSE-ALTERED-MINOR");
    }
}
