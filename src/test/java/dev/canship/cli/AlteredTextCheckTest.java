package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canship.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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

    /** Each case: a passage of the license (or use policy), what it is changed to, and what that changes. */
    @ParameterizedTest(name = "{3}")
    @MethodSource("meaningChangingEdits")
    void anEditThatChangesWhatIsGrantedOrForbiddenIsAnError(boolean policy, String from, String to, String what, @TempDir Path dir) throws Exception {
        JsonNode j = check(dir, policy, from, to);
        assertThat(j.path("verdict").asText()).isEqualTo("fail");
        assertThat(CliTest.findingRules(j)).contains("LICENSE-ALTERED").doesNotContain("LICENSE-ALTERED-MINOR");
    }

    static Stream<Arguments> meaningChangingEdits() {
        return Stream.of(
                Arguments.of(false, "non-exclusive, worldwide", "exclusive, worldwide", "a non-exclusive grant made exclusive"),
                Arguments.of(false, "non-transferable and royalty-free", "transferable and royalty-free", "a non-transferable grant made transferable"),
                Arguments.of(false, "and Meta Platforms, Inc", "and Meta Platforms, Inc and Acme Corp", "a party added to the licensor"),
                Arguments.of(true, "        * Human trafficking, exploitation, and sexual violence\n", "", "a prohibited use dropped from the policy"),
                Arguments.of(false, "you are not authorized to exercise", "you are authorized to exercise", "a lone negation dropped from §2"));
    }

    @Test
    void aDroppedArticleIsStillMinor(@TempDir Path dir) throws Exception {
        JsonNode j = check(dir, false, " the Llama Materials", " Llama Materials");
        assertThat(j.path("verdict").asText()).isEqualTo("pass");
        assertThat(CliTest.findingRules(j)).containsExactly("LICENSE-ALTERED-MINOR");
    }
}
