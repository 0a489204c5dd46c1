package dev.canship.extract.pickle;

import dev.canship.inventory.ScanLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file scanned through a channel only (how a remote file is read, by range) gives the scan a path gives: same
 * format, globals, unsafe calls and errors, for zips (read with a different zip reader), pickles and .npy files.
 */
class ChannelScanTest {

    private final PickleScanner scanner = new PickleScanner(ScanLimits.DEFAULTS);

    private SerializationScan byChannel(Path f) {
        return scanner.scan(() -> FileChannel.open(f), f.getFileName().toString());
    }

    private void same(Path f) {
        SerializationScan byPath = scanner.scan(f, f.getFileName().toString());
        assertThat(byChannel(f)).as(f.getFileName().toString()).isEqualTo(byPath);
    }

    @Test
    void zipsPicklesAndArraysScanAlikeByChannelAndByPath(@TempDir Path dir) throws IOException {
        byte[] evil = PickleScannerTest.osSystem("id");
        same(PickleWriter.torchZip(dir.resolve("clean.bin"), PickleWriter.stateDict("w"), 3));
        same(PickleWriter.torchZip(dir.resolve("evil.bin"), evil, 200));
        Map<String, byte[]> npz = new LinkedHashMap<>();
        npz.put("arr_0.npy", PickleWriter.npyObject(evil));
        npz.put("weights", PickleWriter.npy("'<f4'", new byte[16]));
        same(PickleWriter.zip(dir.resolve("arrays.npz"), npz));
        Map<String, byte[]> twice = new LinkedHashMap<>();
        twice.put("archive/data.pkl", PickleWriter.stateDict("w"));
        twice.put("archive/DATA.PKL", evil);
        same(PickleWriter.zip(dir.resolve("twice.pt"), twice));
        same(Files.write(dir.resolve("model.pkl"), evil));
        same(Files.write(dir.resolve("emb.npy"), PickleWriter.npyObject(evil)));
        same(Files.write(dir.resolve("broken.bin"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0}));
        same(Files.write(dir.resolve("model.joblib"), PickleWriter.compress("gzip", evil)));
    }

    @Test
    void aZipsUnsafeCallIsFoundByChannelToo(@TempDir Path dir) throws IOException {
        SerializationScan s = byChannel(PickleWriter.torchZip(dir.resolve("pytorch_model.bin"), PickleScannerTest.osSystem("touch /x"), 2));
        assertThat(s.failed()).isTrue();
        assertThat(s.format()).isEqualTo("pytorch-zip");
        assertThat(s.unsafe().toString()).contains("os.system");
    }

    @Test
    void aLegacyTarByChannelCannotBeCheckedAndSoCannotPass(@TempDir Path dir) throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("storages", PickleWriter.proto(2).op(']').stop().bytes());
        Path f = PickleWriter.tar(dir.resolve("old.pt"), members);
        SerializationScan s = byChannel(f);
        assertThat(s.failed()).isTrue();
        assertThat(s.error()).contains("not scanned");
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).contains("storages");
    }
}
