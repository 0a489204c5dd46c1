package dev.canship.extract.pickle;

import dev.canship.inventory.ScanLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class PickleScannerTest {

    private final PickleScanner scanner = new PickleScanner(ScanLimits.DEFAULTS);

    static byte[] osSystem(String cmd) {
        return PickleWriter.proto(2).global("os", "system").unicodeX(cmd).tuple1().reduce().stop().bytes();
    }

    private SerializationScan scanFile(Path dir, String name, byte[] data) throws IOException {
        Path f = Files.write(dir.resolve(name), data);
        return scanner.scan(f, name);
    }

    @Test
    void aTorchStateDictIsClean(@TempDir Path dir) throws IOException {
        SerializationScan s = scanFile(dir, "model.pkl", PickleWriter.stateDict("lm_head.weight"));
        assertThat(s.error()).isNull();
        assertThat(s.unsafe()).isEmpty();
        assertThat(s.globals()).extracting(GlobalUse::qualifiedName).containsExactly(
                "collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch.BFloat16Storage");
        assertThat(s.globals().get(1).ops()).containsExactly("GLOBAL", "REDUCE");
    }

    @Test
    void aTorchZipCheckpointIsReadThroughDataPklOnly(@TempDir Path dir) throws IOException {
        Path f = PickleWriter.torchZip(dir.resolve("pytorch_model.bin"), PickleWriter.stateDict("w"), 3);
        SerializationScan s = scanner.scan(f, "pytorch_model.bin");
        assertThat(s.format()).isEqualTo("pytorch-zip");
        assertThat(s.weights()).isTrue();
        assertThat(s.failed()).isFalse();
        assertThat(s.globals()).hasSize(3);
    }

    @Test
    void osSystemThroughReduceIsUnsafe(@TempDir Path dir) throws IOException {
        Path f = PickleWriter.torchZip(dir.resolve("pytorch_model.bin"), osSystem("touch /tmp/pwned"), 1);
        SerializationScan s = scanner.scan(f, "pytorch_model.bin");
        assertThat(s.unsafe()).singleElement().asString().startsWith("os.system (the os module runs commands").contains("REDUCE");
        assertThat(s.error()).isNull();
    }

    @Test
    void evalThroughStackGlobalWithMemoTricksIsUnsafe() {
        // "builtins" and "eval" are PUT to the memo, popped, and fetched back with BINGET before STACK_GLOBAL.
        byte[] p = PickleWriter.proto(4).frame(0)
                .unicode("builtins").memoize().op('0')
                .unicode("eval").binput(7).op('0')
                .unicode("decoy").memoize()
                .binget(0).binget(7).stackGlobal().memoize()
                .unicode("__import__('os').system('id')").tuple1().reduce().stop().bytes();
        SerializationScan s = scanner.scanPickle(p, "x.pkl");
        assertThat(s.error()).isNull();
        assertThat(s.unsafe()).singleElement().asString().startsWith("builtins.eval (evaluates Python code; REDUCE, STACK_GLOBAL)");
    }

    @Test
    void posixSystemThroughInstIsUnsafe() {
        byte[] p = PickleWriter.plain().mark().string("id").inst("posix", "system").stop().bytes();
        SerializationScan s = scanner.scanPickle(p, "x.pkl");
        assertThat(s.error()).isNull();
        assertThat(s.unsafe()).singleElement().asString().contains("posix.system").contains("INST");
    }

    @Test
    void nestedPicklesAreWalked() {
        byte[] inner = osSystem("id");
        byte[] p = PickleWriter.proto(2).global("torch.storage", "_load_from_bytes").bytes(inner).tuple1().reduce().stop().bytes();
        SerializationScan s = scanner.scanPickle(p, "x.pkl");
        assertThat(s.unsafe()).hasSize(2);
        assertThat(s.unsafe().get(0)).startsWith("torch.storage._load_from_bytes (calls torch.load");
        assertThat(s.unsafe().get(1)).startsWith("os.system").endsWith("(in a nested pickle)");
    }

    @Test
    void nestedProtocol0PicklesAreWalked() {
        byte[] inner = "(S'id'\nios\nsystem\n.".getBytes(StandardCharsets.US_ASCII);
        byte[] p = PickleWriter.proto(2).global("pickle", "loads").bytes(inner).tuple1().reduce().stop().bytes();
        SerializationScan s = scanner.scanPickle(p, "x.pkl");
        assertThat(s.unsafe()).hasSize(2);
        assertThat(s.unsafe().get(1)).startsWith("os.system").contains("INST").endsWith("(in a nested pickle)");
    }

    @Test
    void protocol2BytesAsLatin1StringsAreWalkedToo() {
        String inner = new String(osSystem("id"), StandardCharsets.ISO_8859_1);
        byte[] p = PickleWriter.proto(2).global("_codecs", "encode").unicodeX(inner).unicodeX("latin1").tuple2().reduce().stop().bytes();
        SerializationScan s = scanner.scanPickle(p, "x.pkl");
        assertThat(s.unsafe()).singleElement().asString().startsWith("os.system");
    }

    @Test
    void protocol0UnicodeIsRawUnicodeEscapedLatin1() {
        // Found by the CPython differential check: UNICODE lines hold latin-1 bytes, not UTF-8, and may be long.
        byte[] latin1 = PickleWriter.plain().op('V').raw(new byte[] {'c', (byte) 0xe9, '\n'}).stop().bytes();
        assertThat(scanner.scanPickle(latin1, "t.pkl").error()).isNull();
        byte[] longLine = PickleWriter.plain().op('V').raw(("x".repeat(200_000) + "\n").getBytes(StandardCharsets.US_ASCII)).stop().bytes();
        assertThat(scanner.scanPickle(longLine, "t.pkl").error()).isNull();
        // An odd backslash run before u starts an escape (backslash-u0062 is b); an even one stays literal.
        byte[] escaped = PickleWriter.plain().op('V').raw("\\u0062uiltins\n".getBytes(StandardCharsets.US_ASCII))
                .op('V').raw("eval\n".getBytes(StandardCharsets.US_ASCII)).stackGlobal().stop().bytes();
        assertThat(scanner.scanPickle(escaped, "t.pkl").unsafe()).singleElement().asString().startsWith("builtins.eval");
        byte[] literal = PickleWriter.plain().op('V').raw("\\\\u0062uiltins\n".getBytes(StandardCharsets.US_ASCII))
                .op('V').raw("eval\n".getBytes(StandardCharsets.US_ASCII)).stackGlobal().stop().bytes();
        assertThat(scanner.scanPickle(literal, "t.pkl").unsafe()).singleElement().asString().startsWith("\\\\u0062uiltins.eval");
    }

    @Test
    void buildOnAGlobalItselfIsUnsafe() {
        byte[] p = PickleWriter.proto(2).global("torch._utils", "_rebuild_tensor_v2").emptyDict().build().stop().bytes();
        SerializationScan s = scanner.scanPickle(p, "x.pkl");
        assertThat(s.unsafe()).singleElement().asString().contains("modified by BUILD");
    }

    @Test
    void aStackGlobalThatCannotBeResolvedIsUnsafe() {
        byte[] p = PickleWriter.proto(4).global("builtins", "set").emptyTuple().reduce().unicode("system").stackGlobal().stop().bytes();
        SerializationScan s = scanner.scanPickle(p, "x.pkl");
        assertThat(s.unsafe()).singleElement().asString().contains("cannot be resolved statically");
    }

    @Test
    void malformedPicklesAreErrorsNotPasses() {
        assertThat(scanner.scanPickle(PickleWriter.proto(2).global("os", "system").bytes(), "t.pkl").error())
                .contains("ends without a STOP");
        assertThat(scanner.scanPickle(PickleWriter.proto(2).op(0xff).bytes(), "t.pkl").error()).contains("unknown opcode 0xff at byte 2");
        assertThat(scanner.scanPickle(PickleWriter.proto(2).binget(3).stop().bytes(), "t.pkl").error()).contains("memo index 3 was never set");
        assertThat(scanner.scanPickle(PickleWriter.proto(9).none().stop().bytes(), "t.pkl").error()).contains("unsupported pickle protocol 9");
        assertThat(scanner.scanPickle(PickleWriter.proto(2).reduce().stop().bytes(), "t.pkl").error()).contains("REDUCE on an empty stack");
        assertThat(scanner.scanPickle(PickleWriter.proto(2).op('B').raw(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}).stop().bytes(), "t.pkl").error())
                .contains("truncated");
        // What was found before the error is kept.
        SerializationScan partial = scanner.scanPickle(PickleWriter.proto(2).global("os", "system").op(0xff).bytes(), "t.pkl");
        assertThat(partial.unsafe()).hasSize(1);
        assertThat(partial.error()).isNotNull();
    }

    @Test
    void opcodeMemoAndStackBoundsHold() {
        ScanLimits small = ScanLimits.DEFAULTS.with(ScanLimits.Limit.MAX_PICKLE_OPS, 100);
        PickleWriter w = PickleWriter.proto(2);
        for (int i = 0; i < 200; i++) {
            w.none().op('0');
        }
        assertThat(new PickleScanner(small).scanPickle(w.none().stop().bytes(), "t.pkl").error()).contains("max-pickle-ops");
        assertThat(scanner.scanPickle(PickleWriter.proto(2).none().longBinput(0xfffffff0L).stop().bytes(), "t.pkl").error())
                .contains("max-pickle-memo");
        PickleWriter deep = PickleWriter.proto(2);
        for (int i = 0; i < 200_000; i++) {
            deep.mark();
        }
        assertThat(scanner.scanPickle(deep.bytes(), "t.pkl").error()).contains("max-pickle-stack");
    }

    @Test
    void legacyTorchFilesAreWalkedThroughTheirFivePicklesOnly(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19, 0x2e});
        f.writeBytes(PickleWriter.proto(2).op('M').raw(0xe9).raw(0x03).stop().bytes());
        f.writeBytes(PickleWriter.proto(2).emptyDict().unicodeX("little_endian").op(0x88).setitem().stop().bytes());
        f.writeBytes(PickleWriter.stateDict("w"));
        f.writeBytes(PickleWriter.proto(2).op(']').unicodeX("0").op('a').stop().bytes());
        f.writeBytes(new byte[] {(byte) 0x80, 2, 'c', 'o', 's', '\n'}); // storage bytes that happen to look like a pickle
        SerializationScan s = scanFile(dir, "pytorch_model.bin", f.toByteArray());
        assertThat(s.format()).isEqualTo("pytorch-legacy");
        assertThat(s.failed()).as(s.toString()).isFalse();
    }

    @Test
    void aRawProtocol0PickleInABinIsWalked(@TempDir Path dir) throws IOException {
        SerializationScan s = scanFile(dir, "pytorch_model.bin", "cos\nsystem\n(S'id'\ntR.".getBytes(StandardCharsets.US_ASCII));
        assertThat(s.unsafe()).singleElement().asString().startsWith("os.system");
    }

    @Test
    void objectNpyArraysAreWalkedAndNumericOnesAreClean(@TempDir Path dir) throws IOException {
        SerializationScan bad = scanFile(dir, "emb.npy", PickleWriter.npyObject(osSystem("id")));
        assertThat(bad.format()).isEqualTo("numpy");
        assertThat(bad.unsafe()).singleElement().asString().startsWith("os.system");
        byte[] numeric = PickleWriter.npyObject(new byte[16]);
        String h = new String(numeric, StandardCharsets.ISO_8859_1).replace("'|O'", "'<f4'");
        SerializationScan ok = scanFile(dir, "ok.npy", h.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(ok.failed()).isFalse();
        assertThat(ok.globals()).isEmpty();
    }

    @Test
    void gzipJoblibIsInflatedWithinBounds(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(b)) {
            gz.write(osSystem("id"));
        }
        SerializationScan s = scanFile(dir, "model.joblib", b.toByteArray());
        assertThat(s.format()).isEqualTo("joblib");
        assertThat(s.unsafe()).singleElement().asString().startsWith("os.system");
    }

    @Test
    void aZipBombPosingAsACheckpointStopsEarly(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("pytorch_model.bin");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(f))) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        SerializationScan s = scanner.scan(f, "pytorch_model.bin");
        assertThat(s.error()).contains("zip bomb");
    }

    @Test
    void aZipClaimingMillionsOfEntriesIsRefusedBeforeOpening(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("model.pt");
        // An end-of-central-directory record alone, claiming 65535 entries in a 4 GB directory.
        byte[] eocd = {'P', 'K', 5, 6, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f, 0, 0, 0, 0, 0, 0};
        Files.write(f, eocd);
        SerializationScan s = new PickleScanner(ScanLimits.DEFAULTS.with(ScanLimits.Limit.MAX_ZIP_ENTRIES, 1000)).scan(f, "model.pt");
        assertThat(s.error()).contains("declares 65535 entries").contains("max-zip-entries");
    }

    @Test
    void twoEntriesOfTheSameNameAreRefused(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("pytorch_model.bin");
        byte[] clean = PickleWriter.stateDict("w");
        byte[] evil = osSystem("id");
        // ZipOutputStream refuses duplicates, so the second entry is written under a same-length name and renamed.
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(f))) {
            PickleWriter.stored(zip, "archive/data.pkl", clean);
            PickleWriter.stored(zip, "archive/data.pkX", evil);
        }
        byte[] b = Files.readAllBytes(f);
        String s = new String(b, StandardCharsets.ISO_8859_1).replace("archive/data.pkX", "archive/data.pkl");
        Files.write(f, s.getBytes(StandardCharsets.ISO_8859_1));
        SerializationScan r = scanner.scan(f, "pytorch_model.bin");
        assertThat(r.error()).isEqualTo("zip holds two entries named archive/data.pkl; a loader may read either");
    }

    @Test
    void aZipNamedNpyIsReadAsTheNpzNumpyOpensItAs(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("features.npy");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(f))) {
            PickleWriter.stored(zip, "arr_0.npy", PickleWriter.npyObject(osSystem("id")));
        }
        SerializationScan r = scanner.scan(f, "features.npy");
        assertThat(r.format()).isEqualTo("numpy-zip");
        assertThat(r.unsafe()).singleElement().asString().startsWith("os.system");
    }

    @Test
    void ggmlBinsAreNotPickles(@TempDir Path dir) throws IOException {
        SerializationScan s = scanFile(dir, "ggml-model-q4_0.bin", "tjgg\u0003\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(s.format()).isEqualTo("not-pickle");
        assertThat(s.failed()).isFalse();
    }

    @Test
    void hugeSparseFilesCostNothing(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("consolidated.00.pth");
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(300L << 30);
            r.write(']');
        }
        SerializationScan s = scanner.scan(f, "consolidated.00.pth");
        // ']' then zeros is how joblib's lzma streams start (5d 00): canship cannot inflate it, so it is not a pass.
        assertThat(s.error()).contains("compressed with lzma");
    }

    @Test
    void filesWhoseFirstByteIsNoOpcodeAreNotPickles(@TempDir Path dir) throws IOException {
        // CTranslate2's model.bin starts with its version as a little-endian int: no unpickler gets past byte 0.
        SerializationScan s = scanFile(dir, "model.bin", new byte[] {6, 0, 0, 0, 5, 0, 'm', 'o', 'd', 'e', 'l'});
        assertThat(s.format()).isEqualTo("not-pickle");
        assertThat(s.failed()).isFalse();
        assertThat(s.notes()).singleElement().asString().startsWith("first byte 0x06 is not a pickle opcode");
    }

    @Test
    void openVinoWeightsBesideTheirXmlAreRawDataUnlessTheyHoldAPickle(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("openvino_model.xml"), "<net/>");
        SerializationScan raw = scanFile(dir, "openvino_model.bin", new byte[] {']', 0, 0, 0x7f});
        assertThat(raw.format()).isEqualTo("not-pickle");
        assertThat(raw.failed()).isFalse();
        SerializationScan evil = scanFile(dir, "openvino_model.bin", osSystem("id"));
        assertThat(evil.unsafe()).singleElement().asString().startsWith("os.system");
    }
}
