package dev.canship.hostile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Repositories that try to make canship leave its folder, block, or read without end. */
class HostileFilesystemTest {

    @BeforeAll
    static void warmUp(@TempDir Path dir) throws IOException {
        Hostile.warmUp(dir);
    }

    @Test
    void symlinksOutOfTheRootAreReportedNotFollowed(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Path secret = Files.writeString(dir.resolve("id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----");
        Files.createSymbolicLink(repo.resolve("LICENSE"), secret);
        Files.createSymbolicLink(repo.resolve("passwd.txt"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(repo.resolve("up"), Path.of(".."));
        Hostile.Run r = Hostile.scan(repo);
        assertThat(r.diagnostics()).contains(
                "LICENSE: symlink points outside the scanned folder; not followed",
                "passwd.txt: symlink points outside the scanned folder; not followed",
                "up: symlink points outside the scanned folder; not followed");
        assertThat(r.out()).doesNotContain("OPENSSH").doesNotContain("root:");
    }

    @Test
    void symlinkedFolderLoopsAreNotWalked(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Path sub = Files.createDirectories(repo.resolve("a/b"));
        Files.createSymbolicLink(sub.resolve("loop"), repo);
        Files.createSymbolicLink(repo.resolve("x"), repo.resolve("y"));
        Files.createSymbolicLink(repo.resolve("y"), repo.resolve("x"));
        Hostile.Run r = Hostile.scan(repo);
        assertThat(r.diagnostics()).contains("a/b/loop: symlink to a folder; not followed", "x: broken symlink; not read",
                "y: broken symlink; not read");
    }

    @Test
    void aFifoNamedLicenseIsNeverOpened(@TempDir Path dir) throws Exception {
        Path repo = Hostile.repo(dir);
        Process p = new ProcessBuilder("mkfifo", repo.resolve("LICENSE").toString()).start();
        assumeThat(p.waitFor()).as("mkfifo available").isZero();
        Hostile.Run r = Hostile.scan(repo);
        assertThat(r.diagnostics()).containsExactly("LICENSE: not a regular file (FIFO, device or socket); never opened");
    }

    @Test
    void aTwoGigabyteLicenseIsReadUpToTheLimit(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        try (RandomAccessFile f = new RandomAccessFile(repo.resolve("LICENSE").toFile(), "rw")) {
            f.write(Hostile.utf8("Apache License\nVersion 2.0, January 2004\n"));
            f.setLength(2L << 30);
        }
        Hostile.Run r = Hostile.scan(repo);
        assertThat(r.diagnostics()).contains("LICENSE: larger than 4194304 bytes; only the start was read");
        Hostile.Run small = Hostile.scan(repo, "--limit", "max-text-bytes=64k");
        assertThat(small.diagnostics()).contains("LICENSE: larger than 65536 bytes; only the start was read");
    }

    @Test
    void hugeSparseWeightsAreReadOnlyAsFarAsTheirHeaders(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        for (String name : new String[] {"pytorch_model.bin", "model.safetensors", "model.gguf", "consolidated.00.pth"}) {
            try (RandomAccessFile f = new RandomAccessFile(repo.resolve(name).toFile(), "rw")) {
                f.setLength(400L << 30);
                if (name.endsWith(".pth")) {
                    f.write('}'); // EMPTY_DICT: a pickle that starts well, then 400 GB of zeros (']' then zeros would read as lzma)
                }
            }
        }
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.diagnostics()).anyMatch(d -> d.startsWith("model.safetensors: header length 0 is too small"))
                .anyMatch(d -> d.startsWith("model.gguf: bad magic 0x00000000"));
        assertThat(r.findings()).containsExactly("UNPARSEABLE-PICKLE consolidated.00.pth");
        assertThat(r.serialization("consolidated.00.pth").path("error").asText()).isEqualTo("unknown opcode 0x00 at byte 1");
        // All zeros: 0x00 is no pickle opcode, so no loader reads anything from this file; it is not a pickle.
        assertThat(r.serialization("pytorch_model.bin").path("format").asText()).isEqualTo("not-pickle");
    }

    @Test
    void namesWithNewlinesAndBidiOverridesStayOnOneLine(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Files.writeString(repo.resolve("LICENSE\nFAKE: all clear"), "x");
        Files.createSymbolicLink(repo.resolve("evil\u202egnp.bin"), Path.of("/etc/hostname"));
        Hostile.Run r = Hostile.scan(repo);
        assertThat(r.json().path("files").findValuesAsText("path")).contains("LICENSE\\nFAKE: all clear");
        assertThat(r.diagnostics()).contains("evil\\u202egnp.bin: symlink points outside the scanned folder; not followed");
        Hostile.Run text = Hostile.run("scan", repo.toString());
        assertThat(text.out().lines()).noneMatch(l -> l.startsWith("FAKE")).noneMatch(l -> l.contains("\u202e"));
    }

    @Test
    void anUnreadableFileIsADiagnostic(@TempDir Path dir) throws IOException {
        assumeThat(System.getProperty("user.name")).as("root reads any file").isNotEqualTo("root");
        Path repo = Hostile.repo(dir);
        Path lic = Files.writeString(repo.resolve("LICENSE"), "Apache License");
        Files.setPosixFilePermissions(lic, PosixFilePermissions.fromString("---------"));
        Path locked = Files.createDirectories(repo.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            Hostile.Run r = Hostile.scan(repo);
            assertThat(r.diagnostics()).anyMatch(d -> d.startsWith("LICENSE: cannot be read"))
                    .contains("locked: cannot be read: permission denied");
        } finally {
            Files.setPosixFilePermissions(lic, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aMissingOrNonFolderPathIsTheOnlyExit2(@TempDir Path dir) throws IOException {
        Hostile.Run missing = Hostile.run("scan", dir.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().strip().lines()).singleElement().asString().endsWith("nope: no such file or folder");
        Path file = Files.writeString(dir.resolve("file.bin"), "x");
        Hostile.Run notFolder = Hostile.run("scan", file.toString());
        assertThat(notFolder.exit()).isEqualTo(2);
        assertThat(notFolder.err().strip().lines()).singleElement().asString().contains("not a folder");
        Hostile.Run badLimit = Hostile.run("scan", dir.toString(), "--limit", "max-filez=3");
        assertThat(badLimit.exit()).isEqualTo(2);
        assertThat(badLimit.err()).startsWith("canship: --limit: unknown limit 'max-filez' (known: max-files, ");
    }

    @Test
    void tooManyFilesStopAtTheLimit(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        for (int i = 0; i < 300; i++) {
            Files.writeString(repo.resolve("f" + i + ".txt"), "x");
        }
        Hostile.Run r = Hostile.scan(repo, "--limit", "max-files=50");
        assertThat(r.json().path("files").size()).isEqualTo(50);
        assertThat(r.diagnostics()).contains(".: more than 50 files; the rest were not listed");
    }
}
