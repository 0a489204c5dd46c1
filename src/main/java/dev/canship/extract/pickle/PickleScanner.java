package dev.canship.extract.pickle;

import dev.canship.inventory.ScanLimits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Finds what loading a serialized file would import and call, without loading it. Handles PyTorch checkpoints
 * (zip with {@code *}{@code /data.pkl}, TorchScript archives, and the legacy raw format of five consecutive pickles),
 * plain pickles and joblib files, and {@code .npy}/{@code .npz} arrays of object dtype (whose data is a pickle).
 * Only pickle bytes are read: tensor data in zips and after legacy pickles is never touched.
 *
 * <p>{@link #scan} never throws: what cannot be read or walked becomes the result's {@code error}, and whatever
 * was found before it is kept.
 */
public final class PickleScanner {

    /**
     * Extensions whose files a pickle loader (torch.load, pickle, joblib, numpy with allow_pickle) is commonly
     * pointed at. Files with other names are checked too when their first bytes say a loader reads them
     * ({@link #loadableByContent}).
     */
    public static final Set<String> EXTENSIONS = Set.of("bin", "pt", "pth", "ckpt", "pkl", "pickle", "joblib", "npy", "npz",
            "sav", "model", "dat", "tar", "pkl3", "p", "pck", "pcl", "pth.tar", "pt.tar", "mdl", "torch", "th");

    /** The first pickle of a legacy torch.save file: the magic number 0x1950a86a20f9469cfc6c, protocol 2. */
    private static final byte[] TORCH_LEGACY_MAGIC = {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46,
            (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19, 0x2e};
    /** Pickles a legacy torch.save file starts with: magic, protocol version, system info, the object, storage keys. */
    private static final int TORCH_LEGACY_PICKLES = 5;
    /** A plain pickle file may hold several pickles back to back (pickle.load called repeatedly); at most this many are walked. */
    private static final int MAX_STREAM_PICKLES = 16;
    /** Bytes of a file's start looked at to tell its format: enough for a tar header block. */
    public static final int HEAD_BYTES = 512;
    /** joblib before 0.10 wrote {@code ZF}, the pickle's length in 19 hex characters (and in old versions a space), then zlib. */
    private static final int JOBLIB_ZF_HEADER = 2 + 19;
    private static final java.util.regex.Pattern NOT_WEIGHTS =
            java.util.regex.Pattern.compile(".*(optimizer|scheduler|rng_state|training_args|trainer_state|scaler|args)[^/]*$");

    private final ScanLimits limits;

    public PickleScanner(ScanLimits limits) {
        this.limits = limits;
    }

    /** Whether {@code fileName} has one of the extensions pickle loaders are pointed at. */
    public static boolean handles(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        int slash = n.lastIndexOf('/');
        n = n.substring(slash + 1);
        for (String ext : EXTENSIONS) {
            if (n.endsWith("." + ext) && n.length() > ext.length() + 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the first bytes of a file say a loader would read it whatever its name: a binary pickle (PROTO 2 to
     * 5), a zip (torch.load, numpy.load), a ustar tar (torch.load's legacy tar format), a {@code .npy} array, or a
     * whole-file compression joblib.load undoes ({@code ZF}, gzip, bz2, xz, lzma, lz4). zlib's one-byte prefix
     * and protocol 0 text are too common to count as evidence on their own; they are checked by extension.
     */
    public static boolean loadableByContent(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            return true;
        }
        return ZipCheckpoint.hasMagic(head) || NpyHeader.hasMagic(head) || ustar(head) || startsWith(head, new byte[] {'Z', 'F'})
                && head.length >= JOBLIB_ZF_HEADER && isHexLength(head) || strongCompression(head) != null;
    }

    /** Reads up to {@link #HEAD_BYTES} from the start of {@code file}. */
    public static byte[] head(Path file) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }

    /** Whether the name says model weights (not optimizer state, schedulers or training arguments). */
    static boolean weightsName(String path) {
        String n = path.toLowerCase(Locale.ROOT);
        return n.matches(".*\\.(bin|pt|pth|ckpt|pth\\.tar|pt\\.tar)$") && !NOT_WEIGHTS.matcher(n).matches();
    }

    /**
     * Scans {@code file}, reporting it as {@code displayName} (its path in the repository). The format is told by
     * content, never by name: a zip, tar, {@code .npy} or compressed stream is read as such whatever it is called.
     */
    public SerializationScan scan(Path file, String displayName) {
        return scan(() -> FileChannel.open(file), file, displayName);
    }

    /**
     * Scans a file that is read only through a channel (a file on a remote store, fetched by range as the scanner
     * reads): a zip is read from its central directory, a pickle stream as far as it goes; a legacy tar checkpoint,
     * which is read from the start to its members, is not scanned this way and cannot pass.
     */
    public SerializationScan scan(dev.canship.extract.weights.ChannelSource source, String displayName) {
        return scan(source, null, displayName);
    }

    /** {@code file} is null for a file with no path on this machine. */
    private SerializationScan scan(dev.canship.extract.weights.ChannelSource source, Path file, String displayName) {
        PickleScanState state = new PickleScanState(displayName, limits);
        String ext = extension(displayName);
        boolean weights = weightsName(displayName);
        String format = "pickle";
        try (FileChannel ch = source.open()) {
            long size = ch.size();
            if (size == 0) {
                return state.result(format, weights, "empty file: a loader would fail, and nothing can be checked");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) Math.min(HEAD_BYTES, size));
            while (hb.hasRemaining() && ch.read(hb, hb.position()) > 0) {
                // fill the head
            }
            byte[] head = java.util.Arrays.copyOf(hb.array(), hb.position());
            if (ZipCheckpoint.hasMagic(head)) {
                return scanZip(file, ch, state, ext, weights);
            }
            if (NpyHeader.hasMagic(head)) {
                format = "numpy";
                PickleInput in = PickleInput.of(ch, 0);
                NpyHeader h = NpyHeader.parse(displayName, in, limits.maxHeaderBytes());
                if (!h.objectDtype()) {
                    return state.result(format, weights, null);
                }
                walkStream(in, state, 1);
                return state.result(format, weights, null);
            }
            String other = otherFormat(head);
            if (other != null) {
                state.note("holds " + other + ", not a pickle");
                return state.result("not-pickle", false, null);
            }
            if (tar(head)) {
                if (file == null) {
                    return state.result("pytorch-legacy-tar", weights, "a legacy tar checkpoint on a remote store is not scanned"
                            + " (it is read from its start to its members, not by range): cannot be checked");
                }
                // torch.load tries every file that is not a zip as a legacy tar checkpoint first.
                return LegacyTar.scan(file, state, weights);
            }
            if (startsWith(head, new byte[] {'Z', 'F'}) && head.length >= JOBLIB_ZF_HEADER && isHexLength(head)) {
                format = "joblib";
                int skip = head.length > JOBLIB_ZF_HEADER && head[JOBLIB_ZF_HEADER] == ' ' ? JOBLIB_ZF_HEADER + 1 : JOBLIB_ZF_HEADER;
                return scanCompressed(ch, state, format, "zlib (joblib ZF)", skip, weights, true);
            }
            String compression = compression(head);
            if (compression != null) {
                format = ext.equals("joblib") ? "joblib" : "pickle";
                return scanCompressed(ch, state, format, compression, 0, weights, handles(displayName));
            }
            if (!PickleWalker.isOpcode(head[0] & 0xff)) {
                // Every unpickler (torch's and joblib's included) fails on the first byte: nothing in it can run.
                state.note(String.format("first byte 0x%02x is not a pickle opcode: no pickle loader reads anything from it (another format: CTranslate2, OpenVINO, raw tensors...)", head[0] & 0xff));
                return state.result("not-pickle", false, null);
            }
            PickleInput in = PickleInput.of(ch, 0);
            if (startsWith(head, TORCH_LEGACY_MAGIC)) {
                format = "pytorch-legacy";
                walkLegacy(in, state);
            } else {
                walkStream(in, state, MAX_STREAM_PICKLES);
            }
            return state.result(format, weights, null);
        } catch (PickleFormatException e) {
            String sibling = file == null ? null : openVinoDescription(file);
            if (sibling != null && state.globals().isEmpty() && state.unsafe().isEmpty()) {
                state.note("OpenVINO IR weights (raw tensor data; " + sibling + " beside it): " + e.reason());
                return state.result("not-pickle", false, null);
            }
            return state.result(format, weights, e.reason());
        } catch (IOException e) {
            return state.result(format, weights, "cannot be read: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (dev.canship.BadInputException e) {
            // A remote store that failed mid-read ends the run in one line; it says nothing about this file.
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // A bug in this scanner must not end the whole run; the file is reported as not checked.
            return state.result(format, weights, "could not be checked (" + e.getClass().getSimpleName() + "); treated as unsafe");
        }
    }

    /**
     * Scans a pickle stream held in memory (what a {@code .pkl} file or a zip's {@code data.pkl} holds); for tests and
     * fuzzing. Never throws.
     */
    public SerializationScan scanPickle(byte[] data, String displayName) {
        PickleScanState state = new PickleScanState(displayName, limits);
        try {
            walkStream(PickleInput.of(data), state, MAX_STREAM_PICKLES);
            return state.result("pickle", false, null);
        } catch (PickleFormatException e) {
            return state.result("pickle", false, e.reason());
        } catch (IOException e) {
            return state.result("pickle", false, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Walks consecutive pickles: the first must be there; later ones only where the next bytes open a pickle
     * (PROTO 2 to 5), up to {@code maxPickles}. Bytes after that (tensor data of a legacy checkpoint) are not read.
     */
    static void walkStream(PickleInput in, PickleScanState state, int maxPickles) throws PickleFormatException, IOException {
        new PickleWalker(state, 0, "").walk(in);
        for (int n = 1; n < maxPickles && in.remaining() >= 2; n++) {
            long at = in.position();
            int a = in.read();
            int b = in.read();
            in.seek(at);
            if (a != 0x80 || b < 2 || b > 5) {
                break;
            }
            new PickleWalker(state, 0, "pickle " + (n + 1) + " of the stream: ").walk(in);
        }
        state.close(in);
    }

    /**
     * A legacy torch.save file: torch.load calls pickle.load five times in a row (magic number, protocol version,
     * sys_info, the object, storage keys) whatever protocol each is written at, so all five are walked: a
     * protocol 0 pickle after the magic runs as surely as the first. Tensor data after the fifth is not read.
     */
    private static void walkLegacy(PickleInput in, PickleScanState state) throws PickleFormatException, IOException {
        String[] names = {"magic number", "protocol version", "sys_info", "object", "storage keys"};
        for (int n = 0; n < TORCH_LEGACY_PICKLES; n++) {
            if (n > 0 && in.remaining() == 0) {
                throw state.fail("legacy torch.save file ends before its " + names[n] + " pickle (truncated)");
            }
            new PickleWalker(state, 0, n == 0 ? "" : "legacy " + names[n] + " pickle: ").walk(in);
        }
        state.close(in);
    }

    private SerializationScan scanZip(Path file, FileChannel ch, PickleScanState state, String ext, boolean weights) {
        // numpy.load opens any zip as .npz whatever its name, and torch.load any zip as a checkpoint: both kinds
        // of member are read from every zip.
        String format = ext.equals("npz") ? "numpy-zip" : "pytorch-zip";
        try {
            ZipCheckpoint.Contents c = file != null ? ZipCheckpoint.read(file, state, List.of(".pkl", ".npy"))
                    : ZipCheckpoint.read(ch, state, List.of(".pkl", ".npy"));
            if (c.torchScript()) {
                format = "torchscript";
                state.unsafe("TorchScript archive: torch.jit.load runs the code stored in it", false);
            }
            if (c.entries().isEmpty()) {
                if (format.equals("numpy-zip")) {
                    return state.result(format, weights, null);
                }
                if (c.torchScript()) {
                    return state.result(format, weights, null);
                }
                state.note("zip archive without .pkl or .npy entries: not a PyTorch checkpoint or NumPy archive");
                return state.result("not-pickle", false, null);
            }
            if (c.entries().stream().noneMatch(e -> e.name().toLowerCase(Locale.ROOT).endsWith(".pkl"))) {
                format = "numpy-zip";
            }
            for (ZipCheckpoint.Entry e : c.entries()) {
                PickleInput in = PickleInput.of(e.data());
                try {
                    if (NpyHeader.hasMagic(e.data()) || e.name().toLowerCase(Locale.ROOT).endsWith(".npy")) {
                        NpyHeader h = NpyHeader.parse(e.name(), in, limits.maxHeaderBytes());
                        if (h.objectDtype()) {
                            walkStream(in, state, 1);
                        }
                    } else {
                        walkStream(in, state, MAX_STREAM_PICKLES);
                    }
                } catch (PickleFormatException ex) {
                    return state.result(format, weights, e.name() + ": " + ex.reason());
                }
            }
            return state.result(format, weights, null);
        } catch (PickleFormatException e) {
            return state.result(format, weights, e.reason());
        } catch (IOException e) {
            return state.result(format, weights, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * joblib.load undoes a whole-file compression by its magic, whatever the file is called, then unpickles what
     * comes out. zlib, gzip and bz2 are inflated within the byte budget and walked; xz, lzma and lz4 have no decoder
     * in canship's stack, so such a file cannot be checked (an error, never a skip). When {@code byName} is false
     * the file was picked by content alone: what does not inflate to a binary pickle is then another format
     * (a {@code .tar.gz}, say), not a checkpoint.
     */
    private SerializationScan scanCompressed(FileChannel ch, PickleScanState state, String format, String compression, int skip,
                                             boolean weights, boolean byName) throws IOException, PickleFormatException {
        if (compression.equals("xz") || compression.equals("lzma") || compression.equals("lz4")) {
            throw state.fail("compressed with " + compression + ", which canship cannot inflate (joblib.load does): cannot be checked");
        }
        long size = ch.size();
        long cap = Math.min(state.bytesLeft(0), Integer.MAX_VALUE - 16);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String corrupt = null;
        // The decoder reads the caller's channel from the skipped header on (closing it ends the scan's reading too).
        try (InputStream in = decoder(compression, java.nio.channels.Channels.newInputStream(ch.position(skip)))) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf, 0, (int) Math.min(buf.length, cap + 1 - out.size()))) > 0) {
                out.write(buf, 0, n);
                if (out.size() > cap) {
                    throw state.fail(compression + " stream inflates beyond " + cap + " bytes (max-pickle-bytes)");
                }
                if (out.size() > Math.max(1, size) * (long) limits.maxZipRatio() && out.size() > 1 << 20) {
                    throw state.fail(compression + " stream expands over ratio " + limits.maxZipRatio() + " (max-zip-ratio): a compression bomb");
                }
            }
        } catch (IOException e) {
            // A loader unpickles as it inflates: what came out before the damage has run by the time it fails.
            corrupt = "corrupt " + compression + " stream after " + out.size() + " bytes: " + e.getMessage();
        }
        byte[] data = out.toByteArray();
        boolean pickleStart = data.length > 0 && (byName ? PickleWalker.isOpcode(data[0] & 0xff)
                : data.length >= 2 && (data[0] & 0xff) == 0x80 && data[1] >= 2 && data[1] <= 5);
        if (!pickleStart) {
            state.note(compression + " stream that does not hold a pickle" + (corrupt == null ? "" : " (" + corrupt + ")"));
            return state.result("not-pickle", false, null);
        }
        state.charge(data.length);
        try {
            walkStream(PickleInput.of(data), state, MAX_STREAM_PICKLES);
        } catch (PickleFormatException e) {
            throw corrupt != null ? state.fail(corrupt) : e;
        }
        return state.result(format, weights, corrupt);
    }

    private static InputStream decoder(String compression, InputStream raw) throws IOException {
        return switch (compression) {
            case "gzip" -> new GZIPInputStream(raw);
            case "bz2" -> new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(raw, true);
            default -> new InflaterInputStream(raw);
        };
    }

    /**
     * OpenVINO keeps raw tensor data in {@code name.bin} beside its {@code name.xml} graph. Such a file is still walked
     * (a pickle posing as one is still found); only when the walk fails without finding any global is it taken as
     * raw data. Returns the .xml's name, or null.
     */
    private static String openVinoDescription(Path file) {
        String n = String.valueOf(file.getFileName());
        if (!n.toLowerCase(Locale.ROOT).endsWith(".bin")) {
            return null;
        }
        String xml = n.substring(0, n.length() - 4) + ".xml";
        Path parent = file.getParent();
        return parent != null && java.nio.file.Files.isRegularFile(parent.resolve(xml)) ? xml : null;
    }

    /** Formats that share the pickle extensions but are not pickles: GGML/GGUF weights in a {@code .bin}. */
    private static String otherFormat(byte[] head) {
        if (head.length < 4) {
            return null;
        }
        String magic = new String(head, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        return switch (magic) {
            case "lmgg", "fmgg", "tjgg" -> "GGML weights";
            case "GGUF" -> "GGUF weights";
            default -> null;
        };
    }

    /** Whole-file compressions joblib.load recognises by their first bytes. */
    private static String compression(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x78 && ((head[0] & 0xff) * 256 + (head[1] & 0xff)) % 31 == 0) {
            return "zlib";
        }
        if (startsWith(head, new byte[] {0x5d, 0})) {
            return "lzma";
        }
        return strongCompression(head);
    }

    /** Compressions whose magic is long enough to be evidence on its own. */
    private static String strongCompression(byte[] head) {
        if (head.length >= 3 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b && head[2] == 8) {
            return "gzip";
        }
        if (startsWith(head, new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0})) {
            return "xz";
        }
        if (startsWith(head, new byte[] {'B', 'Z', 'h'}) && head.length > 3 && head[3] >= '1' && head[3] <= '9') {
            return "bz2";
        }
        if (startsWith(head, new byte[] {0x04, 0x22, 0x4d, 0x18})) {
            return "lz4";
        }
        // The .lzma "alone" format: properties byte 0x5d, then a dictionary size (joblib checks 5d 00).
        if (startsWith(head, new byte[] {0x5d, 0, 0})) {
            return "lzma";
        }
        return null;
    }

    /** {@code ZF} followed by the pickle's length as joblib wrote it: hex digits, maybe {@code 0x}, padded with spaces. */
    private static boolean isHexLength(byte[] head) {
        String len = new String(head, 2, JOBLIB_ZF_HEADER - 2, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
        return len.matches("(0x)?[0-9a-fA-F]+L?");
    }

    /** A POSIX tar header: {@code ustar} at byte 257. */
    static boolean ustar(byte[] head) {
        return head.length >= 262 && head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a' && head[261] == 'r';
    }

    /**
     * Whether Python's tarfile would take the first block for a tar header: ustar, or an old v7 header whose
     * checksum (bytes 148 to 155, octal) matches the block's byte sum, as tarfile checks it.
     */
    static boolean tar(byte[] head) {
        if (ustar(head)) {
            return true;
        }
        if (head.length < 512 || head[0] == 0) {
            return false;
        }
        String field = new String(head, 148, 8, java.nio.charset.StandardCharsets.ISO_8859_1);
        int nul = field.indexOf('\0');
        String digits = (nul >= 0 ? field.substring(0, nul) : field).strip();
        if (!digits.matches("[0-7]{1,8}")) {
            return false;
        }
        long declared = Long.parseLong(digits, 8);
        long unsigned = 256;
        long signed = 256;
        for (int i = 0; i < 512; i++) {
            if (i >= 148 && i < 156) {
                continue;
            }
            unsigned += head[i] & 0xff;
            signed += head[i];
        }
        return declared == unsigned || declared == signed;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String extension(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }
}
