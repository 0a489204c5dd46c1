package dev.canship.inventory;

import dev.canship.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class InventoryScannerTest {

    private final InventoryScanner scanner = new InventoryScanner(ScanLimits.DEFAULTS);

    @Test
    void classifiesTheFilesOfAHuggingFaceDownload(@TempDir Path repo) throws IOException {
        for (String f : new String[] {"README.md", "LICENSE", "USE_POLICY.md", "Notice", "config.json", "adapter_config.json",
                "model-00001-of-00002.safetensors", "model.safetensors.index.json", "pytorch_model.bin", "model.Q4_K_M.gguf",
                "terms.pdf", "training-notes.pdf", "tokenizer.json", "LICENSE-MODEL", "USAGE_POLICY", "generation_config.json"}) {
            Files.writeString(repo.resolve(f), "x");
        }
        Inventory inv = scanner.scan(repo);
        assertThat(inv.files()).extracting(RepoFile::path, RepoFile::role).contains(
                org.assertj.core.groups.Tuple.tuple("README.md", FileRole.MODEL_CARD),
                org.assertj.core.groups.Tuple.tuple("LICENSE", FileRole.LICENSE),
                org.assertj.core.groups.Tuple.tuple("LICENSE-MODEL", FileRole.LICENSE),
                org.assertj.core.groups.Tuple.tuple("USE_POLICY.md", FileRole.USE_POLICY),
                org.assertj.core.groups.Tuple.tuple("USAGE_POLICY", FileRole.USE_POLICY),
                org.assertj.core.groups.Tuple.tuple("Notice", FileRole.NOTICE),
                org.assertj.core.groups.Tuple.tuple("config.json", FileRole.CONFIG),
                org.assertj.core.groups.Tuple.tuple("adapter_config.json", FileRole.ADAPTER_CONFIG),
                org.assertj.core.groups.Tuple.tuple("model-00001-of-00002.safetensors", FileRole.WEIGHTS),
                org.assertj.core.groups.Tuple.tuple("model.safetensors.index.json", FileRole.WEIGHTS_INDEX),
                org.assertj.core.groups.Tuple.tuple("pytorch_model.bin", FileRole.WEIGHTS),
                org.assertj.core.groups.Tuple.tuple("model.Q4_K_M.gguf", FileRole.WEIGHTS),
                org.assertj.core.groups.Tuple.tuple("terms.pdf", FileRole.LICENSE),
                org.assertj.core.groups.Tuple.tuple("training-notes.pdf", FileRole.DOCUMENT),
                org.assertj.core.groups.Tuple.tuple("tokenizer.json", FileRole.OTHER));
        assertThat(inv.files()).extracting(RepoFile::path).isSorted();
    }

    /** A license text saved under any name that says license is read; code and data files with such names are not. */
    @Test
    void licenseNamedFilesWithAnyTextExtensionAreLicenses(@TempDir Path repo) throws IOException {
        for (String f : new String[] {"LICENSE.rst", "LICENSE.llama3.1", "Meta-Llama-3.1-License", "LICENSE_weights.rst", "USE_POLICY.rst",
                "ADDITIONAL_TERMS.md", "terms_and_conditions.txt", "license_config.json", "license_check.py", "license.png"}) {
            Files.writeString(repo.resolve(f), "x");
        }
        assertThat(scanner.scan(repo).files()).extracting(RepoFile::path, RepoFile::role).contains(
                org.assertj.core.groups.Tuple.tuple("LICENSE.rst", FileRole.LICENSE),
                org.assertj.core.groups.Tuple.tuple("LICENSE.llama3.1", FileRole.LICENSE),
                org.assertj.core.groups.Tuple.tuple("Meta-Llama-3.1-License", FileRole.LICENSE),
                org.assertj.core.groups.Tuple.tuple("LICENSE_weights.rst", FileRole.LICENSE),
                org.assertj.core.groups.Tuple.tuple("USE_POLICY.rst", FileRole.USE_POLICY),
                org.assertj.core.groups.Tuple.tuple("ADDITIONAL_TERMS.md", FileRole.LICENSE),
                org.assertj.core.groups.Tuple.tuple("terms_and_conditions.txt", FileRole.LICENSE),
                org.assertj.core.groups.Tuple.tuple("license_config.json", FileRole.OTHER),
                org.assertj.core.groups.Tuple.tuple("license_check.py", FileRole.OTHER),
                org.assertj.core.groups.Tuple.tuple("license.png", FileRole.OTHER));
    }

    @Test
    void symlinksOutOfTheRootAreReportedNotFollowed(@TempDir Path dir) throws IOException {
        Path repo = Files.createDirectory(dir.resolve("repo"));
        Path secret = Files.writeString(dir.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(repo.resolve("LICENSE"), secret);
        Files.writeString(repo.resolve("README.md"), "# card");
        Files.createSymbolicLink(repo.resolve("NOTICE"), repo.resolve("README.md"));
        Inventory inv = scanner.scan(repo);
        assertThat(inv.files()).extracting(RepoFile::path).containsExactly("NOTICE", "README.md");
        assertThat(inv.diagnostics()).extracting(Diagnostic::toString)
                .containsExactly("LICENSE: symlink points outside the scanned folder; not followed");
    }

    @Test
    void fifosAreNeverOpened(@TempDir Path repo) throws Exception {
        Process p = new ProcessBuilder("mkfifo", repo.resolve("LICENSE").toString()).start();
        assumeThat(p.waitFor()).as("mkfifo available").isZero();
        Inventory inv = scanner.scan(repo);
        assertThat(inv.files()).isEmpty();
        assertThat(inv.diagnostics()).singleElement().asString().contains("LICENSE").contains("never opened");
    }

    @Test
    void aMissingOrNonFolderRootIsBadInput(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> scanner.scan(dir.resolve("nope"))).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("nope: no such file or folder");
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertThatThrownBy(() -> scanner.scan(file)).isInstanceOf(BadInputException.class).hasMessageContaining("not a folder");
    }

    @Test
    void followsTheHuggingFaceCacheLayout(@TempDir Path cache) throws IOException {
        Path entry = Files.createDirectories(cache.resolve("models--meta-llama--Llama-4-Scout"));
        Path blobs = Files.createDirectories(entry.resolve("blobs"));
        Path snap = Files.createDirectories(entry.resolve("snapshots").resolve("abc1234"));
        Files.createDirectories(entry.resolve("refs"));
        Files.writeString(entry.resolve("refs").resolve("main"), "abc1234");
        Files.writeString(blobs.resolve("0f3e"), "---\nlicense: llama4\n---\n");
        Files.createSymbolicLink(snap.resolve("README.md"), Path.of("../../blobs/0f3e"));

        Inventory fromEntry = scanner.scan(entry);
        assertThat(fromEntry.name()).isEqualTo("meta-llama/Llama-4-Scout");
        assertThat(fromEntry.files()).extracting(RepoFile::path, RepoFile::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("README.md", FileRole.MODEL_CARD));
        Inventory fromSnapshot = scanner.scan(snap);
        assertThat(fromSnapshot.files()).hasSize(1);
        assertThat(fromSnapshot.diagnostics()).isEmpty();
    }

    @Test
    void boundsFileCountAndDepth(@TempDir Path repo) throws IOException {
        InventoryScanner small = new InventoryScanner(new ScanLimits(3, 2, 4096, 4096, 4096, 10, 10, 1000));
        for (int i = 0; i < 10; i++) {
            Files.writeString(repo.resolve("f" + i + ".txt"), "x");
        }
        Files.createDirectories(repo.resolve("a/b/c/d"));
        Inventory inv = small.scan(repo);
        assertThat(inv.files()).hasSize(3);
        assertThat(inv.diagnostics()).extracting(Diagnostic::message).anyMatch(m -> m.contains("more than 3 files"));
    }
}
