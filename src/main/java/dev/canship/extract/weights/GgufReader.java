package dev.canship.extract.weights;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a GGUF v2/v3 header: magic, version, tensor and key-value counts, every metadata key-value and every
 * tensor info. Counts, string lengths and array lengths are checked against bounds and against the bytes left
 * in the file before anything is allocated; large arrays (tokenizer vocabularies) are skipped, not kept; the
 * stream stops at the end of the tensor infos, so tensor data is never read.
 */
public final class GgufReader {
    /** Default bound on the header (metadata + tensor infos); tokenizer arrays of 256k-token vocabularies take ~10 MiB. */
    public static final long DEFAULT_MAX_HEADER_BYTES = 512L * 1024 * 1024;
    static final long MAX_TENSORS = 1_000_000;
    static final long MAX_KV = 1_000_000;
    static final long MAX_KEY_BYTES = 65_535;
    static final long MAX_STRING_BYTES = 64L * 1024 * 1024;
    static final long MAX_ARRAY_LENGTH = 1L << 32;
    static final int MAX_DIMS = 4;
    static final int MAX_ARRAY_NESTING = 4;
    /** String values are kept only when short; longer ones (chat templates) are skipped. */
    static final int MAX_KEPT_STRING_BYTES = 64 * 1024;

    private static final int MAGIC = 0x46554747; // "GGUF" read as little-endian uint32

    private static final int T_UINT8 = 0, T_INT8 = 1, T_UINT16 = 2, T_INT16 = 3, T_UINT32 = 4, T_INT32 = 5,
            T_FLOAT32 = 6, T_BOOL = 7, T_STRING = 8, T_ARRAY = 9, T_UINT64 = 10, T_INT64 = 11, T_FLOAT64 = 12;

    private final long maxHeaderBytes;
    private final long maxTensors;
    private final long maxKv;
    private final long maxStringBytes;

    public GgufReader() {
        this(DEFAULT_MAX_HEADER_BYTES);
    }

    public GgufReader(long maxHeaderBytes) {
        this(maxHeaderBytes, MAX_TENSORS, MAX_KV, MAX_STRING_BYTES);
    }

    /**
     * @param maxTensors     tensor count the header may declare
     * @param maxKv          metadata count the header may declare
     * @param maxStringBytes length of one metadata string (tokenizer vocabularies and chat templates included)
     */
    public GgufReader(long maxHeaderBytes, long maxTensors, long maxKv, long maxStringBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxTensors = maxTensors;
        this.maxKv = maxKv;
        this.maxStringBytes = maxStringBytes;
    }

    /** Reads and validates the header of {@code file}. */
    public WeightsHeader read(Path file) throws WeightsFormatException {
        return read(String.valueOf(file.getFileName()), () -> java.nio.channels.FileChannel.open(file));
    }

    /** Reads and validates the header of the file {@code source} opens, reported as {@code name}. */
    public WeightsHeader read(String name, ChannelSource source) throws WeightsFormatException {
        try (java.nio.channels.FileChannel ch = source.open()) {
            long size = ch.size();
            try (InputStream raw = java.nio.channels.Channels.newInputStream(ch)) {
                Input in = new Input(new BufferedInputStream(raw, 1 << 16), name, size, Math.min(size, maxHeaderBytes),
                        size > maxHeaderBytes);
                return parse(in, name, size);
            }
        } catch (EOFException e) {
            throw new WeightsFormatException(name, "truncated header: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new WeightsFormatException(name, "cannot read file (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        } catch (ArithmeticException e) {
            throw new WeightsFormatException(name, "tensor size overflows 64 bits", e);
        }
    }

    private WeightsHeader parse(Input in, String name, long size) throws IOException, WeightsFormatException {
        if (size < 24) {
            throw new WeightsFormatException(name, "file is " + size + " bytes, too short for a GGUF header");
        }
        int magic = in.i32();
        if (magic != MAGIC) {
            throw new WeightsFormatException(name, String.format(Locale.ROOT,
                    "bad magic 0x%08x (expected 'GGUF')", magic));
        }
        long version = in.u32();
        if (version == 1) {
            throw new WeightsFormatException(name, "GGUF version 1 is not supported (only v2 and v3)");
        }
        if (version != 2 && version != 3) {
            if (Integer.reverseBytes((int) version) == 2 || Integer.reverseBytes((int) version) == 3) {
                throw new WeightsFormatException(name, "big-endian GGUF is not supported");
            }
            throw new WeightsFormatException(name, "unsupported GGUF version " + version);
        }
        long tensorCount = in.u64("tensor count");
        long kvCount = in.u64("metadata count");
        if (tensorCount > maxTensors) {
            throw new WeightsFormatException(name, "tensor count " + Long.toUnsignedString(tensorCount)
                    + " exceeds the limit of " + maxTensors);
        }
        if (kvCount > maxKv) {
            throw new WeightsFormatException(name, "metadata count " + Long.toUnsignedString(kvCount)
                    + " exceeds the limit of " + maxKv);
        }
        // Every tensor info needs at least 24 bytes and every key-value at least 13: a count the file cannot hold
        // is a lie, caught here before any list is sized by it.
        if ((double) tensorCount * 24 + (double) kvCount * 13 > in.remainingInFile()) {
            throw new WeightsFormatException(name, "tensor count " + tensorCount + " and metadata count " + kvCount
                    + " cannot fit in the " + in.remainingInFile() + " bytes left in the file");
        }

        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Long> integers = new LinkedHashMap<>();
        Map<String, Long> arrays = new LinkedHashMap<>();
        long alignment = 32;
        for (long i = 0; i < kvCount; i++) {
            String key = in.string(MAX_KEY_BYTES, "metadata key");
            int type = (int) in.u32();
            switch (type) {
                case T_STRING -> {
                    long len = in.u64("string length of '" + key + "'");
                    in.checkLength(len, maxStringBytes, "string '" + key + "'");
                    if (len <= MAX_KEPT_STRING_BYTES && key.startsWith("general.")) {
                        metadata.put(key, in.utf8((int) len, key));
                    } else {
                        in.skip(len);
                    }
                }
                case T_ARRAY -> {
                    int elemType = (int) in.u32();
                    long n = in.u64("array length of '" + key + "'");
                    arrays.put(key, skipArray(in, key, elemType, n, 1, maxStringBytes));
                }
                default -> {
                    Long v = scalar(in, key, type);
                    if (v != null) {
                        integers.put(key, v);
                    }
                }
            }
        }
        Long al = integers.get("general.alignment");
        if (al != null) {
            if (al <= 0 || al > 1 << 20 || Long.bitCount(al) != 1) {
                throw new WeightsFormatException(name, "general.alignment " + al + " is not a power of two");
            }
            alignment = al;
        }

        TensorTally tensors = new TensorTally(true);
        Map<String, Long> byDtype = new LinkedHashMap<>();
        long expert = 0;
        long nonExpert = 0;
        long dataBytes = 0;
        long dataEnd = 0;
        String endTensor = null;
        for (long i = 0; i < tensorCount; i++) {
            String tname = in.string(MAX_KEY_BYTES, "tensor name");
            long nd = in.u32();
            if (nd < 1 || nd > MAX_DIMS) {
                throw new WeightsFormatException(name, "tensor '" + tname + "' has " + nd + " dimensions (1 to "
                        + MAX_DIMS + " allowed)");
            }
            List<Long> shape = new ArrayList<>((int) nd);
            long elements = 1;
            for (int d = 0; d < nd; d++) {
                long dim = in.u64("dimension of '" + tname + "'");
                shape.add(dim);
                elements = Math.multiplyExact(elements, dim);
            }
            long typeId = in.u32();
            GgmlType type = GgmlType.byId(typeId);
            if (type == null) {
                throw new WeightsFormatException(name, "tensor '" + tname + "' has unknown ggml type " + typeId);
            }
            long offset = in.u64("offset of '" + tname + "'");
            if (shape.get(0) % type.blockSize() != 0) {
                throw new WeightsFormatException(name, "tensor '" + tname + "' row of " + shape.get(0)
                        + " elements is not a multiple of the " + type + " block size " + type.blockSize());
            }
            long bytes = Math.multiplyExact(elements / type.blockSize(), (long) type.typeSize());
            long end = Math.addExact(offset, bytes);
            if (end > dataEnd) {
                dataEnd = end;
                endTensor = tname;
            }
            TensorRole role = TensorRole.classify(tname);
            long params = role.isParameter() ? elements : 0;
            String dtype = type.name().toLowerCase(Locale.ROOT);
            tensors.add(new TensorInfo(tname, dtype, shape, params, bytes, role));
            dataBytes += bytes;
            if (role.isParameter()) {
                byDtype.merge(dtype, params, Long::sum);
                if (role == TensorRole.ROUTED_EXPERT) {
                    expert += params;
                } else {
                    nonExpert += params;
                }
            }
        }
        long headerEnd = in.position();
        long dataStart = (headerEnd + alignment - 1) / alignment * alignment;
        if (tensorCount > 0 && Math.addExact(dataStart, dataEnd) > size) {
            throw new WeightsFormatException(name, "tensor '" + endTensor + "' data ends at byte " + (dataStart + dataEnd)
                    + " beyond the file size " + size + " (truncated file or lying offsets)");
        }
        return new WeightsHeader(name, WeightsHeader.GGUF, byDtype, expert, nonExpert, metadata, integers, arrays,
                tensors.summary(), size, headerEnd, dataBytes);
    }

    /** Reads a scalar; integer and boolean values are returned, floats are consumed and dropped. */
    private static Long scalar(Input in, String key, int type) throws IOException, WeightsFormatException {
        return switch (type) {
            case T_UINT8 -> (long) in.u8();
            case T_INT8 -> (long) (byte) in.u8();
            case T_UINT16 -> (long) in.u16();
            case T_INT16 -> (long) (short) in.u16();
            case T_UINT32 -> in.u32();
            case T_INT32 -> (long) in.i32();
            case T_BOOL -> (long) in.u8();
            case T_UINT64, T_INT64 -> in.i64();
            case T_FLOAT32 -> {
                in.skip(4);
                yield null;
            }
            case T_FLOAT64 -> {
                in.skip(8);
                yield null;
            }
            default -> throw new WeightsFormatException(in.name, "metadata '" + key + "' has unknown value type " + type);
        };
    }

    /** Skips an array's elements without keeping them; returns its length. */
    private static long skipArray(Input in, String key, int elemType, long n, int depth, long maxStringBytes)
            throws IOException, WeightsFormatException {
        if (depth > MAX_ARRAY_NESTING) {
            throw new WeightsFormatException(in.name, "array '" + key + "' nested deeper than " + MAX_ARRAY_NESTING);
        }
        in.checkLength(n, MAX_ARRAY_LENGTH, "array '" + key + "'");
        int fixed = fixedSize(elemType);
        if (fixed > 0) {
            long bytes = Math.multiplyExact(n, (long) fixed);
            in.checkLength(bytes, Long.MAX_VALUE, "array '" + key + "'");
            in.skip(bytes);
        } else if (elemType == T_STRING) {
            for (long i = 0; i < n; i++) {
                long len = in.u64("string length in array '" + key + "'");
                in.checkLength(len, maxStringBytes, "string in array '" + key + "'");
                in.skip(len);
            }
        } else if (elemType == T_ARRAY) {
            for (long i = 0; i < n; i++) {
                int t = (int) in.u32();
                long m = in.u64("array length in array '" + key + "'");
                skipArray(in, key, t, m, depth + 1, maxStringBytes);
            }
        } else {
            throw new WeightsFormatException(in.name, "array '" + key + "' has unknown element type " + elemType);
        }
        return n;
    }

    private static int fixedSize(int type) {
        return switch (type) {
            case T_UINT8, T_INT8, T_BOOL -> 1;
            case T_UINT16, T_INT16 -> 2;
            case T_UINT32, T_INT32, T_FLOAT32 -> 4;
            case T_UINT64, T_INT64, T_FLOAT64 -> 8;
            default -> 0;
        };
    }

    /** Little-endian reads over a stream, with position tracking and a hard stop at the header bound. */
    private static final class Input {
        final InputStream in;
        final String name;
        final long fileSize;
        final long limit;
        final boolean limitIsBound;
        long pos;

        Input(InputStream in, String name, long fileSize, long limit, boolean limitIsBound) {
            this.in = in;
            this.name = name;
            this.fileSize = fileSize;
            this.limit = limit;
            this.limitIsBound = limitIsBound;
        }

        long position() {
            return pos;
        }

        long remainingInFile() {
            return fileSize - pos;
        }

        private void need(long n) throws WeightsFormatException {
            if (n > limit - pos) {
                if (limitIsBound && n <= fileSize - pos) {
                    throw new WeightsFormatException(name, "header exceeds the limit of " + limit + " bytes");
                }
                throw new WeightsFormatException(name, "truncated header: needs " + n + " more bytes at byte " + pos
                        + " but the file ends at " + fileSize);
            }
        }

        /** Rejects a declared length that is over its bound or over what the file still holds. */
        void checkLength(long len, long bound, String what) throws WeightsFormatException {
            if (len < 0 || len > bound) {
                throw new WeightsFormatException(name, what + " declares length " + Long.toUnsignedString(len)
                        + ", over the limit of " + bound);
            }
            if (len > fileSize - pos) {
                throw new WeightsFormatException(name, what + " declares length " + len + " but only "
                        + (fileSize - pos) + " bytes are left in the file");
            }
        }

        int u8() throws IOException, WeightsFormatException {
            need(1);
            int b = in.read();
            if (b < 0) {
                throw new EOFException("end of file at byte " + pos);
            }
            pos++;
            return b;
        }

        private long readLE(int n) throws IOException, WeightsFormatException {
            need(n);
            long v = 0;
            for (int i = 0; i < n; i++) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("end of file at byte " + pos);
                }
                v |= ((long) b) << (8 * i);
                pos++;
            }
            return v;
        }

        int u16() throws IOException, WeightsFormatException {
            return (int) readLE(2);
        }

        int i32() throws IOException, WeightsFormatException {
            return (int) readLE(4);
        }

        long u32() throws IOException, WeightsFormatException {
            return readLE(4) & 0xffffffffL;
        }

        long i64() throws IOException, WeightsFormatException {
            return readLE(8);
        }

        /** An unsigned 64-bit count; values of 2^63 or more are rejected rather than wrapped. */
        long u64(String what) throws IOException, WeightsFormatException {
            long v = readLE(8);
            if (v < 0) {
                throw new WeightsFormatException(name, what + " " + Long.toUnsignedString(v) + " is absurdly large");
            }
            return v;
        }

        String string(long max, String what) throws IOException, WeightsFormatException {
            long len = u64(what + " length");
            checkLength(len, max, what);
            return utf8((int) len, what);
        }

        String utf8(int len, String what) throws IOException, WeightsFormatException {
            need(len);
            byte[] b = in.readNBytes(len);
            if (b.length < len) {
                throw new EOFException("end of file inside " + what + " at byte " + (pos + b.length));
            }
            pos += len;
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(b)).toString();
            } catch (CharacterCodingException e) {
                throw new WeightsFormatException(name, what + " at byte " + (pos - len) + " is not valid UTF-8");
            }
        }

        void skip(long n) throws IOException, WeightsFormatException {
            need(n);
            long left = n;
            while (left > 0) {
                long s = in.skip(left);
                if (s <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("end of file at byte " + (pos + n - left));
                    }
                    s = 1;
                }
                left -= s;
            }
            pos += n;
        }
    }
}
