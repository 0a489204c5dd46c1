package dev.canship.extract.weights;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the header of a {@code .safetensors} file: an 8-byte little-endian length, then that many bytes of JSON
 * describing every tensor. Only the header is read: the declared length is checked against a bound and against
 * the file size before anything is allocated, and tensor data is never touched.
 */
public final class SafetensorsHeaderReader {
    /** Default bound on the JSON header: 100 MiB, far above real headers (a few MiB at most). */
    public static final long DEFAULT_MAX_HEADER_BYTES = 100L * 1024 * 1024;

    /** Entries of {@code __metadata__} kept; further entries are checked for duplicates and skipped. */
    static final int MAX_METADATA_ENTRIES = 1024;

    private final long maxHeaderBytes;
    /**
     * Built once, thread-safe. Field names are not interned and duplicates are found by {@link NameHashSet}: a header
     * may name a million tensors, and a symbol table or a set of a million strings would not fit a small heap.
     */
    private final JsonFactory factory;

    public SafetensorsHeaderReader() {
        this(DEFAULT_MAX_HEADER_BYTES);
    }

    public SafetensorsHeaderReader(long maxHeaderBytes) {
        if (maxHeaderBytes < 2) {
            throw new IllegalArgumentException("maxHeaderBytes must be at least 2");
        }
        this.maxHeaderBytes = maxHeaderBytes;
        this.factory = BoundedJson.streamingFactory(maxHeaderBytes);
    }

    /** Reads and validates the header of {@code file}. */
    public WeightsHeader read(Path file) throws WeightsFormatException {
        return read(String.valueOf(file.getFileName()), () -> FileChannel.open(file, StandardOpenOption.READ));
    }

    /** Reads and validates the header of the file {@code source} opens, reported as {@code name}. */
    public WeightsHeader read(String name, ChannelSource source) throws WeightsFormatException {
        try (FileChannel ch = source.open()) {
            long size = ch.size();
            if (size < 8) {
                throw new WeightsFormatException(name, "file is " + size
                        + " bytes, too short for the 8-byte safetensors header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, name, "header length");
            long headerLen = lenBuf.flip().getLong();
            // Unsigned values >= 2^63 arrive negative: they are lies as much as 2^60 is.
            if (headerLen < 0 || headerLen > size - 8) {
                throw new WeightsFormatException(name, "header length " + Long.toUnsignedString(headerLen)
                        + " bytes exceeds the " + (size - 8) + " bytes that follow it (truncated or not safetensors)");
            }
            if (headerLen > maxHeaderBytes) {
                throw new WeightsFormatException(name, "header length " + headerLen
                        + " bytes exceeds the limit of " + maxHeaderBytes + " bytes");
            }
            if (headerLen < 2) {
                throw new WeightsFormatException(name, "header length " + headerLen + " is too small for a JSON object");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(ch, header, 8, name, "header");
            long dataSize = size - 8 - headerLen;
            return parse(name, header.array(), size, headerLen, dataSize);
        } catch (IOException e) {
            throw new WeightsFormatException(name, "cannot read file (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, String name, String what)
            throws IOException, WeightsFormatException {
        long p = pos;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new WeightsFormatException(name, "truncated " + what + " (end of file at byte " + p + ")");
            }
            p += n;
        }
    }

    private WeightsHeader parse(String name, byte[] json, long fileSize, long headerLen, long dataSize)
            throws WeightsFormatException {
        if (json[0] != '{') {
            throw new WeightsFormatException(name, "header does not start with '{' (not a safetensors file?)");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        TensorTally tensors = new TensorTally(false);
        Map<String, Long> byDtype = new LinkedHashMap<>();
        long expert = 0;
        long nonExpert = 0;
        long dataBytes = 0;
        try (JsonParser p = factory.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new WeightsFormatException(name, "header is not a JSON object");
            }
            NameHashSet seen = new NameHashSet();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (!seen.add(key)) {
                    throw new WeightsFormatException(name, "header names '" + oneLine(key) + "' twice");
                }
                JsonToken t = p.nextToken();
                if (key.equals("__metadata__")) {
                    readMetadata(name, p, t, metadata);
                    continue;
                }
                TensorInfo info = readTensor(name, key, p, t, dataSize);
                tensors.add(info);
                dataBytes += info.bytes();
                if (info.role().isParameter()) {
                    byDtype.merge(info.dtype(), info.params(), Long::sum);
                    if (info.role() == TensorRole.ROUTED_EXPERT) {
                        expert += info.params();
                    } else {
                        nonExpert += info.params();
                    }
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new WeightsFormatException(name, "header JSON is malformed near byte "
                        + p.currentLocation().getByteOffset());
            }
        } catch (JsonProcessingException e) {
            throw new WeightsFormatException(name, "header is not valid JSON: " + oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new WeightsFormatException(name, "cannot parse header (" + oneLine(e.getMessage()) + ")", e);
        } catch (ArithmeticException e) {
            throw new WeightsFormatException(name, "tensor shape overflows a 64-bit element count", e);
        }
        return new WeightsHeader(name, WeightsHeader.SAFETENSORS, byDtype, expert, nonExpert, metadata,
                Map.of(), Map.of(), tensors.summary(), fileSize, 8 + headerLen, dataBytes);
    }

    private static void readMetadata(String name, JsonParser p, JsonToken t, Map<String, String> out)
            throws IOException, WeightsFormatException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            throw new WeightsFormatException(name, "__metadata__ is not an object");
        }
        NameHashSet seen = new NameHashSet();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken v = p.nextToken();
            if (!seen.add(k)) {
                throw new WeightsFormatException(name, "__metadata__ names '" + oneLine(k) + "' twice");
            }
            if (out.size() >= MAX_METADATA_ENTRIES) {
                // Real metadata holds a handful of keys; a million would be kept for nothing.
                p.skipChildren();
            } else if (v.isScalarValue()) {
                out.put(k, p.getValueAsString());
            } else {
                // The format says string-to-string; tolerate and skip anything nested instead of failing.
                p.skipChildren();
            }
        }
    }

    private static TensorInfo readTensor(String file, String tensor, JsonParser p, JsonToken t, long dataSize)
            throws IOException, WeightsFormatException {
        if (t != JsonToken.START_OBJECT) {
            throw new WeightsFormatException(file, "entry '" + tensor + "' is not an object");
        }
        String dtype = null;
        List<Long> shape = null;
        long begin = -1;
        long end = -1;
        java.util.Set<String> fields = new java.util.HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            if (!fields.add(k) || fields.size() > 64) {
                throw new WeightsFormatException(file, "tensor '" + tensor + "' names '" + k + "' twice or has too many fields");
            }
            JsonToken v = p.nextToken();
            switch (k) {
                case "dtype" -> {
                    if (v != JsonToken.VALUE_STRING) {
                        throw new WeightsFormatException(file, "tensor '" + tensor + "': dtype is not a string");
                    }
                    dtype = p.getText();
                }
                case "shape" -> shape = readLongArray(file, tensor, "shape", p, v);
                case "data_offsets" -> {
                    List<Long> offs = readLongArray(file, tensor, "data_offsets", p, v);
                    if (offs.size() != 2) {
                        throw new WeightsFormatException(file, "tensor '" + tensor + "': data_offsets must hold 2 numbers");
                    }
                    begin = offs.get(0);
                    end = offs.get(1);
                }
                default -> p.skipChildren();
            }
        }
        if (dtype == null || shape == null || begin < 0) {
            throw new WeightsFormatException(file, "tensor '" + tensor + "' lacks dtype, shape or data_offsets");
        }
        if (end < begin || end > dataSize) {
            throw new WeightsFormatException(file, "tensor '" + tensor + "' data_offsets [" + begin + ", " + end
                    + "] fall outside the " + dataSize + " data bytes of the file (truncated or lying header)");
        }
        long elements = 1;
        for (long d : shape) {
            elements = Math.multiplyExact(elements, d);
        }
        long bytes = end - begin;
        int bits = dtypeBits(dtype);
        if (bits > 0) {
            long expected = (Math.multiplyExact(elements, (long) bits) + 7) / 8;
            if (expected != bytes) {
                throw new WeightsFormatException(file, "tensor '" + tensor + "' shape " + shape + " of " + dtype
                        + " needs " + expected + " bytes but data_offsets span " + bytes);
            }
        }
        TensorRole role = TensorRole.classify(tensor);
        String label = dtype;
        long params = elements;
        String lower = tensor.toLowerCase(Locale.ROOT);
        if (lower.endsWith("_blocks") && dtype.equals("U8")) {
            // MXFP4 expert blocks (gpt-oss): two 4-bit values per byte; their E8M0 scales are a separate tensor.
            params = Math.multiplyExact(elements, 2L);
            label = "MXFP4";
        } else if (lower.endsWith(".qweight") && dtype.equals("I32")) {
            // GPTQ/AWQ pack eight 4-bit weights per int32 (4-bit is by far the common case).
            params = Math.multiplyExact(elements, 8L);
            label = "INT4_PACKED";
        }
        if (!role.isParameter()) {
            params = 0;
        }
        return new TensorInfo(tensor, label, shape, params, bytes, role);
    }

    private static List<Long> readLongArray(String file, String tensor, String field, JsonParser p, JsonToken v)
            throws IOException, WeightsFormatException {
        if (v != JsonToken.START_ARRAY) {
            throw new WeightsFormatException(file, "tensor '" + tensor + "': " + field + " is not an array");
        }
        List<Long> out = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e != JsonToken.VALUE_NUMBER_INT) {
                throw new WeightsFormatException(file, "tensor '" + tensor + "': " + field + " holds a non-integer");
            }
            long x;
            try {
                x = p.getLongValue();
            } catch (IOException big) {
                throw new WeightsFormatException(file, "tensor '" + tensor + "': " + field + " value out of range");
            }
            if (x < 0) {
                throw new WeightsFormatException(file, "tensor '" + tensor + "': " + field + " holds a negative value");
            }
            if (out.size() >= 16) {
                throw new WeightsFormatException(file, "tensor '" + tensor + "': " + field + " has too many entries");
            }
            out.add(x);
        }
        return out;
    }

    /** Bits per element of a safetensors dtype, or 0 when unknown (then sizes are not cross-checked). */
    static int dtypeBits(String dtype) {
        return switch (dtype) {
            case "BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0" -> 8;
            case "I16", "U16", "F16", "BF16" -> 16;
            case "I32", "U32", "F32" -> 32;
            case "I64", "U64", "F64", "C64" -> 64;
            case "F4" -> 4;
            default -> 0;
        };
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
