package dev.canship.hostile;

import dev.canship.extract.pickle.PickleWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkpoints that real loaders execute but that hide from a scanner reading by name or by the first pickle only
 * (issue 14): each must end in a finding of a whole {@code check}, never a pass. Runs in the small-heap JVM with
 * the rest of the hostile suite, so a pickle naming a million globals must stay within it.
 */
class HostileCheckpointsTest {

    @BeforeAll
    static void warmUp(@TempDir Path dir) throws IOException {
        Hostile.warmUp(dir);
    }

    private static byte[] osSystem() {
        return PickleWriter.proto(2).global("os", "system").unicodeX("id").tuple1().reduce().stop().bytes();
    }

    private static byte[] osSystemProtocol0() {
        return PickleWriter.plain().mark().string("id").inst("os", "system").stop().bytes();
    }

    private static byte[] count(int n) {
        return PickleWriter.proto(2).binint1(n).stop().bytes();
    }

    @Test
    void aLegacyTorchFileHidingAProtocol0PickleAfterItsMagicIsUnsafe(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Files.write(repo.resolve("pytorch_model.bin"), PickleWriter.concat(PickleWriter.legacyMagic(), count(1001),
                osSystemProtocol0(), PickleWriter.stateDict("w"), count(0), new byte[32]));
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.findings()).containsExactly("UNSAFE-SERIALIZATION pytorch_model.bin");
        assertThat(r.serialization("pytorch_model.bin").path("format").asText()).isEqualTo("pytorch-legacy");
    }

    @Test
    void theLegacyTarFormatIsRead(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("storages", count(0));
        m.put("tensors", count(0));
        m.put("pickle", osSystem());
        PickleWriter.tar(repo.resolve("model.pth.tar"), m);
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.findings()).containsExactly("UNSAFE-SERIALIZATION model.pth.tar");
    }

    @Test
    void zipRecordsInAnotherCaseAndTorchScriptCodeAreFindings(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Map<String, byte[]> upper = new LinkedHashMap<>();
        upper.put("archive/DATA.PKL", osSystem());
        PickleWriter.zip(repo.resolve("pytorch_model.bin"), upper);
        Map<String, byte[]> script = new LinkedHashMap<>();
        script.put("model/code/__torch__/m.py", "import os\ndef forward(self):\n  return 1\n".getBytes(StandardCharsets.UTF_8));
        PickleWriter.zip(repo.resolve("model.pt"), script);
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.findings()).containsExactlyInAnyOrder("UNSAFE-SERIALIZATION pytorch_model.bin", "UNSAFE-SERIALIZATION model.pt");
        assertThat(r.serialization("model.pt").path("format").asText()).isEqualTo("torchscript");
    }

    @Test
    void objectArraysInEverySpellingAndNpzMembersWithoutSuffixAreUnsafe(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Files.write(repo.resolve("a.npy"), PickleWriter.npy("'object_'", osSystem()));
        Files.write(repo.resolve("b.npy"), PickleWriter.npy("[('x', '<f4'), ('y', ('O', (2,)))]", osSystem()));
        PickleWriter.zip(repo.resolve("c.npz"), Map.of("emb", PickleWriter.npyObject(osSystem())));
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.findings()).containsExactlyInAnyOrder("UNSAFE-SERIALIZATION a.npy", "UNSAFE-SERIALIZATION b.npy",
                "UNSAFE-SERIALIZATION c.npz");
    }

    @Test
    void joblibCompressionsAreInflatedOrRefused(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Files.write(repo.resolve("clf.joblib"), PickleWriter.compress("bz2", osSystem()));
        Files.write(repo.resolve("old.pkl"), PickleWriter.compress("zf", osSystem()));
        Files.write(repo.resolve("fast.joblib"), PickleWriter.concat(HexFormat.of().parseHex("04224d18"), new byte[64]));
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.findings()).containsExactlyInAnyOrder("UNSAFE-SERIALIZATION clf.joblib", "UNSAFE-SERIALIZATION old.pkl",
                "UNPARSEABLE-PICKLE fast.joblib");
        assertThat(r.serialization("fast.joblib").path("error").asText()).contains("lz4");
    }

    @Test
    void contentNotTheNameSaysWhatALoaderReads(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Files.write(repo.resolve("weights.data"), osSystem());
        Files.write(repo.resolve("clf.sav"), osSystem());
        Files.write(repo.resolve("state"), PickleWriter.compress("gzip", osSystem()));
        // A gzip of text and a zip of images are what they look like: no finding.
        Files.write(repo.resolve("notes.txt.gz"), PickleWriter.compress("gzip", "hello\n".getBytes(StandardCharsets.UTF_8)));
        PickleWriter.zip(repo.resolve("images.zip"), Map.of("0.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.findings()).containsExactlyInAnyOrder("UNSAFE-SERIALIZATION weights.data", "UNSAFE-SERIALIZATION clf.sav",
                "UNSAFE-SERIALIZATION state");
    }

    @Test
    void aFolderBeyondMaxDepthCannotPass(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Path deep = Files.createDirectories(repo.resolve("a/b/c"));
        Files.write(deep.resolve("model.pkl"), osSystem());
        Hostile.Run r = Hostile.check(repo, "--limit", "max-depth=1");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.findings()).containsExactly("UNPARSEABLE-PICKLE a/b");
        assertThat(r.serialization("a/b").path("error").asText()).contains("max-depth");
    }

    @Test
    void filesBeyondMaxFilesCannotPass(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        for (int i = 0; i < 20; i++) {
            Files.writeString(repo.resolve("f" + i + ".txt"), "x");
        }
        Hostile.Run r = Hostile.check(repo, "--limit", "max-files=5");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.findings()).contains("UNPARSEABLE-PICKLE .");
        assertThat(r.serialization(".").path("error").asText()).contains("max-files");
    }

    @Test
    void aPickleNamingAMillionGlobalsIsAggregatedWithinTheSmallHeap(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        PickleWriter w = PickleWriter.proto(4);
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            // Each a distinct global, memoized so the walk must keep it (the memo's own bound is 1,000,000).
            w.global("m" + i, "f");
            if (i < 900_000) {
                w.memoize();
            }
            w.op('0');
        }
        Files.write(repo.resolve("model.pkl"), w.global("os", "system").op('0').none().stop().bytes());
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.findings()).containsExactly("UNSAFE-SERIALIZATION model.pkl");
        var s = r.serialization("model.pkl");
        assertThat(s.path("unsafe").size()).isEqualTo(101);
        assertThat(s.path("unsafe").get(100).asText()).startsWith("and " + (n + 1 - 100) + " more uses of globals outside the allowlist");
        assertThat(r.json().path("findings").get(0).path("message").asText()).contains("more");
    }
}
