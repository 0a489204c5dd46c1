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

    /** Extensions whose files a pickle loader (torch.load, pickle, joblib, numpy with allow_pickle) may open. */
    public static final Set<String> EXTENSIONS = Set.of("bin", "pt", "pth", "ckpt", "pkl", "pickle", "joblib", "npy", "npz");

    /** The first pickle of a legacy torch.save file: the magic number 0x1950a86a20f9469cfc6c, protocol 2. */
    private static final byte[] TORCH_LEGACY_MAGIC = {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46,
            (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19, 0x2e};
    /** Pickles a legacy torch.save file starts with: magic, protocol version, system info, the object, storage keys. */
    private static final int TORCH_LEGACY_PICKLES = 5;
    /** A plain pickle file may hold several pickles back to back (pickle.load called repeatedly); at most this many are walked. */
    private static final int MAX_STREAM_PICKLES = 16;
    private static final java.util.regex.Pattern NOT_WEIGHTS =
            java.util.regex.Pattern.compile(".*(optimizer|scheduler|rng_state|training_args|trainer_state|scaler|args)[^/]*$");

    private final ScanLimits limits;

    public PickleScanner(ScanLimits limits) {
        this.limits = limits;
    }

    /** Whether {@code fileName} is one of the formats this scanner checks. */
    public static boolean handles(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1));
    }

    /** Whether the name says model weights (not optimizer state, schedulers or training arguments). */
    static boolean weightsName(String path) {
        String n = path.toLowerCase(Locale.ROOT);
        return n.matches(".*\\.(bin|pt|pth|ckpt)$") && !NOT_WEIGHTS.matcher(n).matches();
    }

    /**
     * Scans {@code file}, reporting it as {@code displayName} (its path in the repository).
     */
    public SerializationScan scan(Path file, String displayName) {
        PickleScanState state = new PickleScanState(displayName, limits);
        String ext = extension(displayName);
        boolean weights = weightsName(displayName);
        String format = "pickle";
        try (FileChannel ch = FileChannel.open(file)) {
            long size = ch.size();
            if (size == 0) {
                return state.result(format, weights, "empty file: a loader would fail, and nothing can be checked");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) Math.min(16, size));
            while (hb.hasRemaining() && ch.read(hb, hb.position()) > 0) {
                // fill the head
            }
            byte[] head = java.util.Arrays.copyOf(hb.array(), hb.position());
            if (ZipCheckpoint.hasMagic(head)) {
                return scanZip(file, state, ext, weights);
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
            if (ext.equals("joblib") || ext.equals("pkl") || ext.equals("pickle")) {
                String compression = compression(head);
                if (compression != null) {
                    format = ext.equals("joblib") ? "joblib" : "pickle";
                    return scanCompressed(file, state, format, compression, weights);
                }
                format = ext.equals("joblib") ? "joblib" : "pickle";
            }
            if (!PickleWalker.isOpcode(head[0] & 0xff)) {
                // Every unpickler (torch's and joblib's included) fails on the first byte: nothing in it can run.
                state.note(String.format("first byte 0x%02x is not a pickle opcode: no pickle loader reads anything from it (another format: CTranslate2, OpenVINO, raw tensors...)", head[0] & 0xff));
                return state.result("not-pickle", false, null);
            }
            PickleInput in = PickleInput.of(ch, 0);
            boolean legacy = startsWith(head, TORCH_LEGACY_MAGIC);
            if (legacy) {
                format = "pytorch-legacy";
            }
            walkStream(in, state, legacy ? TORCH_LEGACY_PICKLES : MAX_STREAM_PICKLES);
            return state.result(format, weights, null);
        } catch (PickleFormatException e) {
            String sibling = openVinoDescription(file);
            if (sibling != null && state.globals().isEmpty() && state.unsafe().isEmpty()) {
                state.note("OpenVINO IR weights (raw tensor data; " + sibling + " beside it): " + e.reason());
                return state.result("not-pickle", false, null);
            }
            return state.result(format, weights, e.reason());
        } catch (IOException e) {
            return state.result(format, weights, "cannot be read: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
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
    private static void walkStream(PickleInput in, PickleScanState state, int maxPickles) throws PickleFormatException, IOException {
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

    private SerializationScan scanZip(Path file, PickleScanState state, String ext, boolean weights) {
        // numpy.load opens any zip as .npz whatever its name, and torch.load any zip as a checkpoint: both kinds
        // of member are read from every zip.
        String format = ext.equals("npz") ? "numpy-zip" : "pytorch-zip";
        try {
            ZipCheckpoint.Contents c = ZipCheckpoint.read(file, state, List.of(".pkl", ".npy"));
            if (c.torchScript()) {
                format = "torchscript";
                state.unsafe("TorchScript archive: torch.jit.load runs the code stored in it", false);
            }
            if (c.entries().isEmpty()) {
                if (format.equals("numpy-zip")) {
                    return state.result(format, weights, null);
                }
                state.note("zip archive without .pkl or .npy entries: not a PyTorch checkpoint or NumPy archive");
                return state.result("not-pickle", false, null);
            }
            if (c.entries().stream().noneMatch(e -> e.name().endsWith(".pkl"))) {
                format = "numpy-zip";
            }
            for (ZipCheckpoint.Entry e : c.entries()) {
                PickleInput in = PickleInput.of(e.data());
                try {
                    if (e.name().endsWith(".npy")) {
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

    /** joblib (and some .pkl files) compress the whole pickle; zlib and gzip are inflated within the byte budget. */
    private SerializationScan scanCompressed(Path file, PickleScanState state, String format, String compression, boolean weights)
            throws IOException, PickleFormatException {
        if (!compression.equals("zlib") && !compression.equals("gzip")) {
            return state.result(format, weights, "compressed with " + compression + ", which canship does not inflate: cannot be checked");
        }
        long size = java.nio.file.Files.size(file);
        long cap = Math.min(state.bytesLeft(0), Integer.MAX_VALUE - 16);
        byte[] data;
        try (InputStream raw = java.nio.file.Files.newInputStream(file);
             InputStream in = compression.equals("gzip") ? new GZIPInputStream(raw) : new InflaterInputStream(raw)) {
            data = in.readNBytes((int) cap);
            if (in.read() >= 0) {
                throw state.fail(compression + " stream inflates beyond " + cap + " bytes (max-pickle-bytes)");
            }
        } catch (java.util.zip.ZipException e) {
            throw state.fail("corrupt " + compression + " stream: " + e.getMessage());
        }
        if (data.length > Math.max(1, size) * (long) limits.maxZipRatio()) {
            throw state.fail(compression + " stream expands over ratio " + limits.maxZipRatio() + " (max-zip-ratio): a compression bomb");
        }
        state.charge(data.length);
        walkStream(PickleInput.of(data), state, MAX_STREAM_PICKLES);
        return state.result(format, weights, null);
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

    /** Whole-file compressions joblib writes. */
    private static String compression(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return "gzip";
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x78 && ((head[0] & 0xff) * 256 + (head[1] & 0xff)) % 31 == 0) {
            return "zlib";
        }
        if (startsWith(head, new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0})) {
            return "xz";
        }
        if (startsWith(head, new byte[] {'B', 'Z', 'h'})) {
            return "bz2";
        }
        if (startsWith(head, new byte[] {0x04, 0x22, 0x4d, 0x18})) {
            return "lz4";
        }
        return null;
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
