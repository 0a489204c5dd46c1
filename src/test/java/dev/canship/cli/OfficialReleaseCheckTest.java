package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canship.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clean official releases, built from the publishers' real texts in the shared corpus, pass a clean commercial hosted
 * deployment: nothing a licensor does with its own model, and no statement that binds nothing beyond the law, may hold
 * them for review. Each test also shows the same evidence edited is not waved through.
 */
class OfficialReleaseCheckTest {

    private static final Path DEPLOYMENT = Path.of("samples/deployments/us-assistant-pass.yaml");

    private static Path copy(String folder, String file, Path to) throws Exception {
        Files.copy(Corpus.license(folder, file), to);
        return to;
    }

    /** Meta's Llama 3.3 release: the Llama 3.3 texts, and a card that names its Llama 3.1 base. */
    private static Path llama33(Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("Llama-3.3-70B-Instruct"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: llama3.3\nbase_model: meta-llama/Llama-3.1-70B\n---\n# Llama 3.3\n");
        copy("llama3.3", "LICENSE", repo.resolve("LICENSE"));
        copy("llama3.3", "USE_POLICY.md", repo.resolve("USE_POLICY.md"));
        return repo;
    }

    @Test
    void metasLlama33FromItsLlama31BaseIsNoLaundering(@TempDir Path dir) throws Exception {
        JsonNode j = CliTest.checkJson(llama33(dir), DEPLOYMENT);

        assertThat(j.path("verdict").asText()).isEqualTo("pass");
        assertThat(j.path("license").path("id").asText()).isEqualTo("llama3.3");
        assertThat(CliTest.findingRules(j)).contains("LINEAGE-LATER-LICENSE").doesNotContain("LICENSE-LAUNDERING");
    }

    @Test
    void aNoteAboutTheCopyDoesNotMarkTheNoticeDutyForReview(@TempDir Path dir) throws Exception {
        CliTest.Run r = CliTest.run("check", llama33(dir).toString(), "-d", DEPLOYMENT.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("[NOTICE-FILE-REPOSITORY]")
                .doesNotContainPattern("needs review +§1\\.b\\.iii")
                .containsPattern("not applicable +§1\\.b\\.iii +Ship a \"Notice\" file.*\\(note: NOTICE-FILE-REPOSITORY\\)");
    }

    @Test
    void theOfficialGptOssRepositoryPassesWithItsUsagePolicyNamed() throws Exception {
        JsonNode j = CliTest.checkJson(Corpus.repo("openai--gpt-oss-20b"), DEPLOYMENT);

        assertThat(j.path("verdict").asText()).isEqualTo("pass");
        assertThat(CliTest.findingRules(j)).containsExactly("USE-STATEMENT");
        assertThat(j.path("findings").get(0).path("message").asText()).startsWith("USAGE_POLICY is OpenAI's gpt-oss usage policy");
    }

    @Test
    void theSameStatementForAnotherModelOfTheReleaseIsKnownButAnEditedOneIsNot(@TempDir Path dir) throws Exception {
        String official = Files.readString(Corpus.repo("openai--gpt-oss-20b").resolve("USAGE_POLICY"));
        Path repo = Files.createDirectories(dir.resolve("gpt-oss"));
        Files.copy(Corpus.repo("openai--gpt-oss-20b").resolve("LICENSE"), repo.resolve("LICENSE"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\n---\n# gpt-oss\n");

        Files.writeString(repo.resolve("USAGE_POLICY"), official.replace("gpt-oss-20b", "gpt-oss-120b"));
        assertThat(CliTest.findingRules(CliTest.checkJson(repo, DEPLOYMENT))).containsExactly("USE-STATEMENT");

        Files.writeString(repo.resolve("USAGE_POLICY"), official.strip() + " You may use it for research only.\n");
        JsonNode edited = CliTest.checkJson(repo, DEPLOYMENT);
        assertThat(edited.path("verdict").asText()).isEqualTo("review");
        assertThat(CliTest.findingRules(edited)).containsExactly("LICENSE-UNKNOWN");

        // Words in another script vanish from an ASCII normalization: such a text is never "word for word".
        Files.writeString(repo.resolve("USAGE_POLICY"), official.strip() + " \u7981\u6b62\u4efb\u4f55\u5546\u4e1a\u7528\u9014\u3002\n");
        assertThat(CliTest.findingRules(CliTest.checkJson(repo, DEPLOYMENT))).containsExactly("LICENSE-UNKNOWN");

        // A statement is no license: beside nothing else, the repository has none.
        Files.writeString(repo.resolve("USAGE_POLICY"), official);
        Files.delete(repo.resolve("LICENSE"));
        Files.writeString(repo.resolve("README.md"), "---\ntags: [text-generation]\n---\n# gpt-oss\n");
        JsonNode bare = CliTest.checkJson(repo, DEPLOYMENT);
        assertThat(bare.path("verdict").asText()).isNotEqualTo("pass");
        assertThat(CliTest.findingRules(bare)).contains("LICENSE-MISSING");
    }

    /** A redistributor's note before the exact text binds nothing: named, not held against the release. */
    @Test
    void aPrefaceThatBindsNothingDoesNotBlockButOneThatNarrowsUseDoes(@TempDir Path dir) throws Exception {
        String llama = Files.readString(Corpus.license("llama3.1", "LICENSE"));
        Path repo = Files.createDirectories(dir.resolve("llama-3.1-copy"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: llama3.1\n---\n# Llama 3.1\n");
        copy("llama3.1", "USE_POLICY.md", repo.resolve("USE_POLICY.md"));

        Files.writeString(repo.resolve("LICENSE"), "This is a copy of the Llama 3.1 license as published by Meta. We redistribute it "
                + "unchanged with these weights.\n\n" + llama);
        JsonNode noted = CliTest.checkJson(repo, DEPLOYMENT);
        assertThat(noted.path("verdict").asText()).isEqualTo("pass");
        assertThat(CliTest.findingRules(noted)).containsExactly("LICENSE-ALTERED-MINOR");

        Files.writeString(repo.resolve("LICENSE"), "Copyright (c) 2024 Acme Corp. For non-commercial use only.\n\n" + llama);
        JsonNode narrowed = CliTest.checkJson(repo, DEPLOYMENT);
        assertThat(narrowed.path("verdict").asText()).isNotEqualTo("pass");
        assertThat(CliTest.findingRules(narrowed)).contains("LICENSE-ALTERED");
    }

    /** Gemma counts a hosted service as distribution (§1.1): its users are owed the terms, so the checklist says met, not "not applicable". */
    @Test
    void aHostedGemmaOwesItsUsersTheTerms(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("gemma"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: gemma\n---\n# Gemma\n");
        copy("gemma", "Gemma-Terms-of-Use-20250324", repo.resolve("LICENSE"));
        CliTest.Run met = CliTest.run("check", repo.toString(), "-d", DEPLOYMENT.toString());
        assertThat(met.exit()).isZero();
        assertThat(met.out()).containsPattern("met +§3\\.1\\(2\\) +Ship a copy of the license");

        Path without = Files.writeString(dir.resolve("no-copy.yaml"), Files.readString(DEPLOYMENT).replace("ships_license_copy: true", "ships_license_copy: false"));
        JsonNode j = CliTest.checkJson(repo, without);
        assertThat(j.path("verdict").asText()).isEqualTo("fail");
        assertThat(CliTest.findingRules(j)).contains("LICENSE-COPY-HOSTED");
    }

    /** Gemma §4.1 (use the latest Gemma) is in the 2024-02-21 terms only; the version a text matched decides. */
    @Test
    void onlyTheFirstGemmaTermsAskForTheLatestVersion(@TempDir Path dir) throws Exception {
        for (String version : new String[] {"20240221", "20240401", "20250324"}) {
            Path repo = Files.createDirectories(dir.resolve("gemma-" + version));
            Files.writeString(repo.resolve("README.md"), "---\nlicense: gemma\n---\n# Gemma\n");
            copy("gemma", "Gemma-Terms-of-Use-" + version, repo.resolve("LICENSE"));
            JsonNode j = CliTest.checkJson(repo, DEPLOYMENT);
            assertThat(j.path("verdict").asText()).as(version).isEqualTo("pass");
            if (version.equals("20240221")) {
                assertThat(CliTest.findingRules(j)).as(version).contains("LATEST-VERSION");
            } else {
                assertThat(CliTest.findingRules(j)).as(version).doesNotContain("LATEST-VERSION");
            }
        }
    }
}
