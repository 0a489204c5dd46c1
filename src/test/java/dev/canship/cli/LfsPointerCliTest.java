package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.canship.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clone made without git lfs holds pointers where the files should be: each is named as a pointer, a license
 * pointer is an unread license (a blocking review), and a weight pointer is noted, never parsed as weights.
 */
class LfsPointerCliTest {

    static final String PASS = "samples/deployments/us-assistant-pass.yaml";
    static final String OID = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393";

    static void pointer(Path file, long size) throws Exception {
        Files.writeString(file, "version https://git-lfs.github.com/spec/v1\noid sha256:" + OID + "\nsize " + size + "\n");
    }

    /** The Llama 3.1 fine-tune sample, with its license and weights as LFS pointers. */
    static Path clonedWithoutLfs(Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("acme"));
        for (String f : new String[] {"README.md", "config.json"}) {
            Files.copy(Path.of(CliTest.FINETUNE, f), repo.resolve(f));
        }
        pointer(repo.resolve("LICENSE"), 7020);
        pointer(repo.resolve("model.safetensors"), 16_060_522_688L);
        pointer(repo.resolve("pytorch_model.bin"), 16_060_556_376L);
        return repo;
    }

    @Test
    void aLicensePointerIsAnUnreadLicenseAndNeverPasses(@TempDir Path tmp) throws Exception {
        CliTest.Run r = run("check", clonedWithoutLfs(tmp).toString(), "-d", PASS);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("REVIEW: ")
                .contains("[DOCUMENT-UNREAD]")
                .contains("LICENSE was not read (a Git LFS pointer to a 7020-byte file, not the file itself; run git lfs pull)")
                .contains("fix: Fetch the file with git lfs pull")
                .doesNotContain("LICENSE-UNKNOWN");
    }

    @Test
    void weightPointersAreNotedAndNeverParsedAsWeightsOrPickles(@TempDir Path tmp) throws Exception {
        Path repo = clonedWithoutLfs(tmp);
        String out = run("check", repo.toString(), "-d", PASS).out();
        assertThat(out).contains("  model.safetensors: a Git LFS pointer to a 16060522688-byte file, not the file itself; run git lfs pull")
                .contains("  pytorch_model.bin: a Git LFS pointer to a 16060556376-byte file, not the file itself; run git lfs pull")
                .doesNotContain("UNPARSEABLE-PICKLE").doesNotContain("header");
        JsonNode scan = new ObjectMapper().readTree(run("scan", repo.toString(), "--format", "json").out());
        assertThat(scan.get("serialization")).isEmpty();
        // The parameter count comes from config.json, not from a pointer read as a header.
        assertThat(scan.at("/model/total_params").asLong()).isGreaterThan(7_000_000_000L);
    }

    @Test
    void aFileThatOnlyLooksLikeAPointerIsReadAsItself(@TempDir Path tmp) throws Exception {
        Path repo = clonedWithoutLfs(tmp);
        // No oid line: not a pointer, so it is a license text canship does not know.
        Files.writeString(repo.resolve("LICENSE"), "version https://git-lfs.github.com/spec/v1\nsize 7020\nSome license.\n");
        String out = run("check", repo.toString(), "-d", PASS).out();
        assertThat(out).doesNotContain("Git LFS pointer to a 7020-byte file");
    }
}
