package dev.canship.extract.weights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes tiny safetensors and GGUF files for tests: a real header, then tensor data left as a sparse hole (the
 * readers must never look at it). No binaries are committed; every file is made here, in a temp folder.
 */
public final class TestWeights {
    private TestWeights() {
    }

    /** A tensor to declare: name, dtype as the format spells it, shape. */
    public record T(String name, String dtype, long... shape) {
        long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    public static T t(String name, String dtype, long... shape) {
        return new T(name, dtype, shape);
    }

    static long bytesOf(T t) {
        long bits = switch (t.dtype()) {
            case "F32", "I32", "U32" -> 32;
            case "F16", "BF16", "I16", "U16" -> 16;
            case "F64", "I64", "U64" -> 64;
            default -> 8;
        };
        return t.elements() * bits / 8;
    }

    /** The JSON header safetensors would write for these tensors, offsets laid end to end. */
    public static String safetensorsJson(Map<String, String> metadata, List<T> tensors) {
        StringBuilder sb = new StringBuilder("{");
        if (metadata != null) {
            sb.append("\"__metadata__\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
                first = false;
            }
            sb.append("}");
        }
        long off = 0;
        for (T t : tensors) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            long n = bytesOf(t);
            sb.append('"').append(t.name()).append("\":{\"dtype\":\"").append(t.dtype()).append("\",\"shape\":[");
            for (int i = 0; i < t.shape().length; i++) {
                sb.append(i > 0 ? "," : "").append(t.shape()[i]);
            }
            sb.append("],\"data_offsets\":[").append(off).append(',').append(off + n).append("]}");
            off += n;
        }
        return sb.append('}').toString();
    }

    static long dataBytes(List<T> tensors) {
        return tensors.stream().mapToLong(TestWeights::bytesOf).sum();
    }

    /** A valid safetensors file whose data region is a sparse hole, plus {@code extraBytes} of sparse padding. */
    public static Path safetensors(Path file, Map<String, String> metadata, List<T> tensors, long extraBytes)
            throws IOException {
        byte[] json = safetensorsJson(metadata, tensors).getBytes(StandardCharsets.UTF_8);
        return rawSafetensors(file, json.length, json, 8 + json.length + dataBytes(tensors) + extraBytes);
    }

    /** Writes a declared header length, the given header bytes, and sets the file length (sparse). */
    public static Path rawSafetensors(Path file, long declaredLength, byte[] header, long fileLength)
            throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(declaredLength);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(b.array());
            f.write(header);
            f.setLength(Math.max(fileLength, 8 + header.length));
        }
        return file;
    }

    /** GGUF builder: metadata key-values and tensor infos, written little-endian as GGUF v3 (or v2). */
    public static final class Gguf {
        private final ByteArrayOutputStream kv = new ByteArrayOutputStream();
        private final ByteArrayOutputStream infos = new ByteArrayOutputStream();
        private long kvCount;
        private long tensorCount;
        private long dataOffset;
        private int version = 3;
        private int magic = 0x46554747;
        private Long tensorCountOverride;
        private Long kvCountOverride;

        public Gguf version(int v) {
            version = v;
            return this;
        }

        public Gguf magic(int m) {
            magic = m;
            return this;
        }

        public Gguf overrideTensorCount(long n) {
            tensorCountOverride = n;
            return this;
        }

        public Gguf overrideKvCount(long n) {
            kvCountOverride = n;
            return this;
        }

        private static void u32(ByteArrayOutputStream o, long v) {
            o.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
        }

        private static void u64(ByteArrayOutputStream o, long v) {
            o.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        }

        private static void str(ByteArrayOutputStream o, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(o, b.length);
            o.writeBytes(b);
        }

        public Gguf string(String key, String value) {
            str(kv, key);
            u32(kv, 8);
            str(kv, value);
            kvCount++;
            return this;
        }

        public Gguf u32(String key, long value) {
            str(kv, key);
            u32(kv, 4);
            u32(kv, value);
            kvCount++;
            return this;
        }

        public Gguf u64(String key, long value) {
            str(kv, key);
            u32(kv, 10);
            u64(kv, value);
            kvCount++;
            return this;
        }

        public Gguf f32(String key, float value) {
            str(kv, key);
            u32(kv, 6);
            kv.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array());
            kvCount++;
            return this;
        }

        public Gguf bool(String key, boolean value) {
            str(kv, key);
            u32(kv, 7);
            kv.write(value ? 1 : 0);
            kvCount++;
            return this;
        }

        /** An array of {@code n} generated strings (a tokenizer vocabulary). */
        public Gguf stringArray(String key, int n) {
            str(kv, key);
            u32(kv, 9);
            u32(kv, 8);
            u64(kv, n);
            for (int i = 0; i < n; i++) {
                str(kv, "tok" + i);
            }
            kvCount++;
            return this;
        }

        /** An array of {@code n} float32 values (token scores). */
        public Gguf floatArray(String key, int n) {
            str(kv, key);
            u32(kv, 9);
            u32(kv, 6);
            u64(kv, n);
            kv.writeBytes(new byte[n * 4]);
            kvCount++;
            return this;
        }

        /** A raw key with a type and a declared length but no payload: for lying-length tests. */
        public Gguf lyingString(String key, long declaredLength) {
            str(kv, key);
            u32(kv, 8);
            u64(kv, declaredLength);
            kvCount++;
            return this;
        }

        public Gguf lyingArray(String key, int elemType, long declaredLength) {
            str(kv, key);
            u32(kv, 9);
            u32(kv, elemType);
            u64(kv, declaredLength);
            kvCount++;
            return this;
        }

        /** A tensor info; {@code type} is a GGML type, dims in GGUF order (innermost first). */
        public Gguf tensor(String name, GgmlType type, long... dims) {
            str(infos, name);
            u32(infos, dims.length);
            long ne = 1;
            for (long d : dims) {
                u64(infos, d);
                ne *= d;
            }
            u32(infos, type.id());
            u64(infos, dataOffset);
            long bytes = ne / type.blockSize() * type.typeSize();
            dataOffset += (bytes + 31) / 32 * 32;
            tensorCount++;
            return this;
        }

        public byte[] header() {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            u32(o, magic);
            u32(o, version);
            u64(o, tensorCountOverride != null ? tensorCountOverride : tensorCount);
            u64(o, kvCountOverride != null ? kvCountOverride : kvCount);
            o.writeBytes(kv.toByteArray());
            o.writeBytes(infos.toByteArray());
            return o.toByteArray();
        }

        /** Writes the header, then makes the tensor data (and {@code extraBytes} more) a sparse hole. */
        public Path write(Path file, long extraBytes) throws IOException {
            byte[] h = header();
            long dataStart = (h.length + 31L) / 32 * 32;
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.write(h);
                f.setLength(dataStart + dataOffset + extraBytes);
            }
            return file;
        }

        /** Writes only the first {@code n} header bytes: a truncated file. */
        public Path writeTruncated(Path file, int n) throws IOException {
            byte[] h = header();
            Files.write(file, java.util.Arrays.copyOf(h, Math.min(n, h.length)));
            return file;
        }
    }

    /** A small list builder. */
    @SafeVarargs
    public static <X> List<X> list(X... xs) {
        return new ArrayList<>(List.of(xs));
    }

    /** A Mixtral-shaped MoE at toy sizes: hidden 16, vocabulary 100, 4 experts per layer, {@code layers} layers. */
    public static List<T> tinyMixtral(int layers) {
        List<T> ts = list(t("model.embed_tokens.weight", "BF16", 100, 16),
                t("lm_head.weight", "BF16", 100, 16), t("model.norm.weight", "BF16", 16));
        for (int l = 0; l < layers; l++) {
            String p = "model.layers." + l + ".";
            ts.add(t(p + "self_attn.q_proj.weight", "BF16", 16, 16));
            ts.add(t(p + "self_attn.k_proj.weight", "BF16", 8, 16));
            ts.add(t(p + "self_attn.v_proj.weight", "BF16", 8, 16));
            ts.add(t(p + "self_attn.o_proj.weight", "BF16", 16, 16));
            ts.add(t(p + "input_layernorm.weight", "BF16", 16));
            ts.add(t(p + "post_attention_layernorm.weight", "BF16", 16));
            ts.add(t(p + "block_sparse_moe.gate.weight", "BF16", 4, 16));
            for (int e = 0; e < 4; e++) {
                for (String w : List.of("w1", "w2", "w3")) {
                    ts.add(t(p + "block_sparse_moe.experts." + e + "." + w + ".weight", "BF16", 32, 16));
                }
            }
        }
        return ts;
    }
}
