package dev.canship.extract.pickle;

import dev.canship.inventory.ScanLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way a real loader (torch.load, numpy.load with allow_pickle, joblib.load, pickle.load) could be made to
 * unpickle something that an earlier canship did not walk, built byte by byte without Python. Each malicious
 * file must come out with os.system among its unsafe uses, or with an error: never clean.
 */
class CheckpointBypassTest {

    private final PickleScanner scanner = new PickleScanner(ScanLimits.DEFAULTS);

    /** What a malicious pickle does, at protocol 2. */
    static byte[] osSystem() {
        return PickleWriter.proto(2).global("os", "system").unicodeX("id").tuple1().reduce().stop().bytes();
    }

    /** The same at protocol 0 (no PROTO opcode): what a hand-made later pickle of a legacy file may look like. */
    static byte[] osSystemProtocol0() {
        return PickleWriter.plain().mark().string("id").inst("os", "system").stop().bytes();
    }

    private SerializationScan scan(Path dir, String name, byte[] data) throws IOException {
        return scanner.scan(Files.write(dir.resolve(name), data), name);
    }

    private static void assertOsSystem(SerializationScan s) {
        assertThat(s.unsafe()).as("unsafe uses of %s (error: %s)", s.file(), s.error()).anyMatch(u -> u.startsWith("os.system"));
    }

    private static byte[] pickleOf(int n) {
        return PickleWriter.proto(2).binint1(n).stop().bytes();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void everyPickleOfALegacyTorchFileIsWalkedWhateverItsProtocol(int slot, @TempDir Path dir) throws IOException {
        byte[][] pickles = {PickleWriter.legacyMagic(), pickleOf(1001), pickleOf(0), PickleWriter.stateDict("w"), pickleOf(0)};
        pickles[slot] = osSystemProtocol0();
        SerializationScan s = scan(dir, "model.pth", PickleWriter.concat(PickleWriter.concat(pickles), new byte[64]));
        assertThat(s.format()).isEqualTo("pytorch-legacy");
        assertOsSystem(s);
    }

    @Test
    void aLegacyTorchFileCutShortAfterItsMagicIsAnError(@TempDir Path dir) throws IOException {
        SerializationScan s = scan(dir, "model.pth", PickleWriter.concat(PickleWriter.legacyMagic(), pickleOf(1001)));
        assertThat(s.error()).contains("ends before its sys_info pickle");
    }

    @Test
    void theLegacyTarFormatIsReadMemberByMember(@TempDir Path dir) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("sys_info", pickleOf(0));
        m.put("storages", pickleOf(0));
        m.put("tensors", pickleOf(0));
        m.put("pickle", osSystem());
        SerializationScan s = scanner.scan(PickleWriter.tar(dir.resolve("model.pth.tar"), m), "model.pth.tar");
        assertThat(s.format()).isEqualTo("pytorch-legacy-tar");
        assertOsSystem(s);

        m.put("pickle", PickleWriter.stateDict("w"));
        m.put("tensors", PickleWriter.concat(pickleOf(1), osSystem(), new byte[] {1, 0, 0, 0}, new byte[4 + 16 + 8]));
        assertOsSystem(scanner.scan(PickleWriter.tar(dir.resolve("t.tar"), m), "t.tar"));

        m.put("tensors", pickleOf(0));
        SerializationScan clean = scanner.scan(PickleWriter.tar(dir.resolve("clean.tar"), m), "clean.tar");
        assertThat(clean.failed()).as("%s", clean).isFalse();
    }

    @Test
    void legacyTarStoragesWithRecordsCannotBeShownSafe(@TempDir Path dir) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("storages", PickleWriter.concat(pickleOf(1), osSystem(), new byte[16]));
        m.put("tensors", pickleOf(0));
        m.put("pickle", PickleWriter.stateDict("w"));
        SerializationScan s = scanner.scan(PickleWriter.tar(dir.resolve("old.pt"), m), "old.pt");
        assertThat(s.error()).contains("tar member storages").contains("does not walk");
    }

    @Test
    void aTarWithoutTorchMembersIsNotACheckpoint(@TempDir Path dir) throws IOException {
        SerializationScan s = scanner.scan(PickleWriter.tar(dir.resolve("data.tar"), Map.of("images/0.png", new byte[] {1, 2})), "data.tar");
        assertThat(s.isPickle()).isFalse();
        assertThat(s.failed()).isFalse();
    }

    @Test
    void zipRecordNamesAreMatchedWhateverTheirCase(@TempDir Path dir) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("archive/DATA.PKL", osSystem());
        m.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        assertOsSystem(scanner.scan(PickleWriter.zip(dir.resolve("pytorch_model.bin"), m), "pytorch_model.bin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"archive/code/__torch__/model.py", "archive/CODE/__torch__/model.py", "code/__torch__.py",
            "archive/constants.pkl", "archive/bytecode.pkl"})
    void torchScriptArchivesAreAFinding(String entry, @TempDir Path dir) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(entry, entry.endsWith(".pkl") ? pickleOf(0) : "def forward(self):\n  return 1\n".getBytes(StandardCharsets.UTF_8));
        m.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        SerializationScan s = scanner.scan(PickleWriter.zip(dir.resolve("model.pt"), m), "model.pt");
        assertThat(s.format()).isEqualTo("torchscript");
        assertThat(s.unsafe()).anyMatch(u -> u.startsWith("TorchScript archive"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'O'", "'|O'", "'<O'", "'=O'", "'O8'", "'object'", "'object_'", "'object0'", "'i4,O'", "'2O'",
            "'(2,)O'", "('O', (2,))", "('|O', 3)", "[('a', '<f4'), ('b', '|O')]", "[('a', [('x', '|O')])]",
            "[('a', '|O', (2,))]", "[(('title', 'a'), '|O')]"})
    void everyObjectDtypeSpellingOfNumpyIsReadAsAPickle(String descr, @TempDir Path dir) throws IOException {
        SerializationScan s = scan(dir, "emb.npy", PickleWriter.npy(descr, osSystem()));
        assertOsSystem(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'<f4'", "'|b1'", "'<U10'", "'|S5'", "'<M8[ns]'", "'float32'", "[('a', '<f4'), ('b', '<i8', (2,))]"})
    void plainDtypesAreRawNumbers(String descr, @TempDir Path dir) throws IOException {
        SerializationScan s = scan(dir, "emb.npy", PickleWriter.npy(descr, new byte[16]));
        assertThat(s.failed()).as("%s", s).isFalse();
    }

    @Test
    void aDtypeCanshipDoesNotKnowIsNotAPass(@TempDir Path dir) throws IOException {
        SerializationScan s = scan(dir, "emb.npy", PickleWriter.npy("'weird'", osSystem()));
        assertThat(s.error()).contains("dtype 'weird' is not one canship recognises");
    }

    @Test
    void npzMembersAreReadByTheirMagicNotTheirName(@TempDir Path dir) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("arr_0", PickleWriter.npyObject(osSystem()));
        assertOsSystem(scanner.scan(PickleWriter.zip(dir.resolve("weights.npz"), m), "weights.npz"));
        m.clear();
        m.put("ARR_0.NPY", PickleWriter.npyObject(osSystem()));
        assertOsSystem(scanner.scan(PickleWriter.zip(dir.resolve("w2.npz"), m), "w2.npz"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zlib", "gzip", "bz2", "zf"})
    void joblibCompressionsAreInflatedAndWalked(String how, @TempDir Path dir) throws IOException {
        SerializationScan s = scan(dir, "model.joblib", PickleWriter.compress(how, osSystem()));
        assertOsSystem(s);
        // joblib.load reads the magic, not the name: the same bytes under another name are found by content.
        assertThat(PickleScanner.loadableByContent(PickleWriter.compress(how, osSystem())) || how.equals("zlib")).isTrue();
        assertOsSystem(scan(dir, "clf.sav", PickleWriter.compress(how, osSystem())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"04224d18", "fd377a585a00", "5d00008000"})
    void compressionsCanshipCannotInflateAreErrors(String magic, @TempDir Path dir) throws IOException {
        byte[] head = java.util.HexFormat.of().parseHex(magic);
        SerializationScan s = scan(dir, "model.joblib", PickleWriter.concat(head, new byte[32]));
        assertThat(s.error()).contains("which canship cannot inflate");
        assertThat(PickleScanner.loadableByContent(PickleWriter.concat(head, new byte[32]))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"model.pth.tar", "clf.sav", "w2v.model", "index.dat", "model.ckpt", "x.pkl", "x.pickle",
            "x.joblib", "x.pt", "x.pth", "x.bin", "x.npy", "x.npz", "sub/x.PKL"})
    void extensionsLoadersAcceptAreScanned(String name, @TempDir Path dir) throws IOException {
        assertThat(PickleScanner.handles(name)).isTrue();
        Files.createDirectories(dir.resolve(name).getParent());
        assertOsSystem(scan(dir, name, osSystem()));
    }

    @Test
    void contentSaysPickleWhateverTheName() {
        assertThat(PickleScanner.loadableByContent(osSystem())).isTrue();
        assertThat(PickleScanner.loadableByContent(PickleWriter.npyObject(osSystem()))).isTrue();
        assertThat(PickleScanner.loadableByContent("PK\3\4rest".getBytes(StandardCharsets.ISO_8859_1))).isTrue();
        assertThat(PickleScanner.loadableByContent("{\"a\": 1}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(PickleScanner.loadableByContent("# Model card".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void aMillionGlobalsAreCountedNotKept(@TempDir Path dir) throws IOException {
        PickleWriter w = PickleWriter.proto(2);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            w.global("m" + i, "f").op('0');
        }
        SerializationScan s = scan(dir, "many.pkl", w.global("os", "system").op('0').none().stop().bytes());
        assertThat(s.globals()).hasSize(PickleScanState.MAX_KEPT_GLOBALS);
        assertThat(s.unsafe()).hasSize(PickleScanState.MAX_LISTED_UNSAFE + 1);
        // os.system comes after the cap: it is still counted as unsafe, in the last line.
        assertThat(s.unsafe().get(PickleScanState.MAX_LISTED_UNSAFE)).startsWith("and " + (n + 1 - PickleScanState.MAX_LISTED_UNSAFE) + " more");
        assertThat(s.notes()).anyMatch(x -> x.startsWith("and " + (n + 1 - PickleScanState.MAX_KEPT_GLOBALS) + " more uses of globals"));
    }

    @Test
    void anUnsafeGlobalAfterTheCapStillFailsACleanLookingFile(@TempDir Path dir) throws IOException {
        PickleWriter w = PickleWriter.proto(2);
        for (int i = 0; i < PickleScanState.MAX_KEPT_GLOBALS; i++) {
            w.global("torch", "X" + i + "Storage").op('0'); // allowed: storage types only name a dtype
        }
        SerializationScan s = scan(dir, "ok.pkl", w.global("os", "system").op('0').none().stop().bytes());
        assertThat(s.failed()).isTrue();
        assertThat(s.unsafe()).last().asString().contains("more uses of globals outside the allowlist");
    }

    @Test
    void aNestedPickleBeyondTheNestingBoundIsNotAPass() {
        PickleScanner shallow = new PickleScanner(ScanLimits.DEFAULTS.with(ScanLimits.Limit.MAX_PICKLE_NESTING, 0));
        byte[] outer = PickleWriter.proto(2).global("collections", "OrderedDict").emptyTuple().reduce().op('0')
                .bytes(PickleWriter.stateDict("w")).op('0').none().stop().bytes();
        SerializationScan s = shallow.scanPickle(outer, "x.pkl");
        assertThat(s.failed()).isTrue();
        assertThat(s.unsafe()).singleElement().asString().contains("max-pickle-nesting");
    }
}
