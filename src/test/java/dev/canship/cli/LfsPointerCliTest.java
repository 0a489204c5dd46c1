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
        // FAIL, not only review: the pytorch_model.bin pointer leaves a pickle loader's file unchecked (an error).
        assertThat(r.out()).startsWith("FAIL: ")
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
                .doesNotContain("header");
        JsonNode scan = new ObjectMapper().readTree(run("scan", repo.toString(), "--format", "json").out());
        // The .bin behind its pointer is one a pickle loader opens: recorded as unchecked, never as safe.
        assertThat(scan.get("serialization")).singleElement().satisfies(s -> {
            assertThat(s.get("file").asText()).isEqualTo("pytorch_model.bin");
            assertThat(s.get("format").asText()).isEqualTo("lfs-pointer");
        });
        // The parameter count comes from config.json, not from a pointer read as a header.
        assertThat(scan.at("/model/total_params").asLong()).isGreaterThan(7_000_000_000L);
    }

    /** A clone whose license and card are real but whose pickle weights are pointers: the weights were never checked. */
    @Test
    void aPickleWeightPointerBesideARealLicenseNeverPasses(@TempDir Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("mit-model"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: mit\n---\n# m\n");
        Files.writeString(repo.resolve("LICENSE"), "MIT License\n\nCopyright (c) 2026 Acme\n\nPermission is hereby granted, free of charge, "
                + "to any person obtaining a copy of this software and associated documentation files (the \"Software\"), to deal in the "
                + "Software without restriction.\n");
        Files.writeString(repo.resolve("config.json"), "{\"model_type\": \"llama\"}\n");
        pointer(repo.resolve("pytorch_model.bin"), 500_000_000L);
        CliTest.Run r = run("check", repo.toString(), "-d", "samples/deployments/weights-release-fail.yaml", "--fail-on", "error");
        assertThat(r.out()).doesNotStartWith("PASS")
                .contains("[UNPARSEABLE-PICKLE]")
                .contains("pytorch_model.bin could not be checked: a Git LFS pointer to a 500000000-byte file")
                .contains("The file it stands for is one a pickle loader opens, and it was not here to be checked.")
                .contains("fix: Fetch the file with git lfs pull");
        assertThat(r.exit()).isEqualTo(1);
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
