package dev.canship.hostile;

import dev.canship.extract.Extraction;
import dev.canship.extract.Extractor;
import dev.canship.extract.TextDocument;
import dev.canship.inventory.Diagnostic;
import dev.canship.inventory.Inventory;
import dev.canship.inventory.InventoryScanner;
import dev.canship.inventory.ScanLimits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing outside the scanned folder is read, whether a name becomes a symlink between listing and reading
 * (TOCTOU), a Hugging Face snapshot links out of its cache entry, or a file is a hard link to a file elsewhere.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HostileFenceTest {

    private static final String SECRET = "-----BEGIN OPENSSH PRIVATE KEY----- secret";

    @BeforeAll
    static void warmUp(@TempDir Path dir) throws IOException {
        Hostile.warmUp(dir);
    }

    private static Extraction listThen(Path repo, IoAction swap) throws IOException {
        Inventory inventory = new InventoryScanner(ScanLimits.DEFAULTS).scan(repo);
        swap.run();
        return new Extractor(ScanLimits.DEFAULTS).extract(inventory);
    }

    interface IoAction {
        void run() throws IOException;
    }

    private static String allText(Extraction x) {
        StringBuilder sb = new StringBuilder();
        x.documents().stream().map(TextDocument::text).forEach(sb::append);
        return sb + String.valueOf(x.config());
    }

    @Test
    void aFileSwappedForASymlinkAfterListingIsNotReadThroughIt(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Path secret = Files.writeString(dir.resolve("id_rsa"), SECRET);
        Files.writeString(repo.resolve("LICENSE"), "Apache License\nVersion 2.0, January 2004\n");
        Files.writeString(repo.resolve("config.json"), "{\"model_type\": \"llama\"}");
        Extraction x = listThen(repo, () -> {
            Files.delete(repo.resolve("LICENSE"));
            Files.createSymbolicLink(repo.resolve("LICENSE"), secret);
            Files.delete(repo.resolve("config.json"));
            Files.createSymbolicLink(repo.resolve("config.json"), secret);
        });
        assertThat(allText(x)).doesNotContain("OPENSSH");
        assertThat(x.diagnostics()).extracting(Diagnostic::file).contains("LICENSE", "config.json");
        assertThat(x.diagnostics()).filteredOn(d -> d.file().equals("LICENSE")).extracting(Diagnostic::message)
                .allMatch(m -> m.contains("changed since the folder was listed") || m.contains("no longer a regular file"));
    }

    @Test
    void aFolderSwappedForASymlinkAfterListingIsNotReadThroughIt(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Files.createDirectories(repo.resolve("docs"));
        Files.writeString(repo.resolve("docs/LICENSE"), "Apache License\nVersion 2.0, January 2004\n");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("LICENSE"), SECRET);
        Extraction x = listThen(repo, () -> {
            Files.delete(repo.resolve("docs/LICENSE"));
            Files.delete(repo.resolve("docs"));
            Files.createSymbolicLink(repo.resolve("docs"), outside);
        });
        assertThat(allText(x)).doesNotContain("OPENSSH");
        assertThat(x.diagnostics()).filteredOn(d -> d.file().equals("docs/LICENSE")).extracting(Diagnostic::message)
                .singleElement().asString().contains("changed since the folder was listed");
    }

    @Test
    void aHuggingFaceSnapshotReadsItsBlobsButNothingOutsideItsCacheEntry(@TempDir Path cache) throws IOException {
        Path entry = Files.createDirectories(cache.resolve("models--org--name"));
        Path blobs = Files.createDirectories(entry.resolve("blobs"));
        Path snap = Files.createDirectories(entry.resolve("snapshots/abc1234"));
        Files.createDirectories(entry.resolve("refs"));
        Files.writeString(entry.resolve("refs/main"), "abc1234");
        Files.writeString(blobs.resolve("0f3e"), "---\nlicense: apache-2.0\n---\n# Model\n");
        Files.createSymbolicLink(snap.resolve("README.md"), Path.of("../../blobs/0f3e"));
        Path other = Files.createDirectories(cache.resolve("models--other--model/blobs"));
        Files.writeString(other.resolve("77aa"), SECRET);
        Files.createSymbolicLink(snap.resolve("LICENSE"), Path.of("../../../models--other--model/blobs/77aa"));
        Hostile.Run r = Hostile.scan(snap);
        assertThat(r.out()).doesNotContain("OPENSSH");
        assertThat(r.diagnostics()).containsExactly("LICENSE: symlink points outside the scanned folder; not followed");
        assertThat(r.json().path("license").path("id").asText()).isEqualTo("apache-2.0");
        // The same after listing: a blob swapped for a symlink out of the entry is not read through.
        Extraction x = listThen(snap, () -> {
            Files.delete(blobs.resolve("0f3e"));
            Files.createSymbolicLink(blobs.resolve("0f3e"), other.resolve("77aa"));
        });
        assertThat(allText(x)).doesNotContain("OPENSSH");
        assertThat(x.diagnostics()).extracting(Diagnostic::file).contains("README.md");
    }

    @Test
    void aHardLinkedLicenseIsNotLicenseEvidenceAndIsNeverQuoted(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Path outside = Files.writeString(dir.resolve("shadow"), SECRET + "\nroot:$6$hash:19000:0:99999:7:::\n");
        Files.createLink(repo.resolve("LICENSE"), outside);
        Path config = Files.writeString(dir.resolve("config-elsewhere.json"), """
                {"model_type": "llama", "hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4,
                 "vocab_size": 100, "intermediate_size": 128, "max_position_embeddings": 256}
                """);
        Files.createLink(repo.resolve("config.json"), config);
        Hostile.Run r = Hostile.scan(repo);
        assertThat(r.out()).doesNotContain("OPENSSH").doesNotContain("root:");
        assertThat(r.diagnostics()).contains(
                "LICENSE: has 2 hard links, so it may be a file outside the folder; not read as license evidence");
        assertThat(r.json().path("licenses").findValuesAsText("file")).doesNotContain("LICENSE");
        // Model facts still come from a hard-linked config.json.
        assertThat(r.json().path("model").path("architecture").asText()).isEqualTo("llama");
        Hostile.Run text = Hostile.run("check", repo.toString(), "-d", Hostile.DEPLOYMENT);
        assertThat(text.out()).doesNotContain("OPENSSH");
    }
}
