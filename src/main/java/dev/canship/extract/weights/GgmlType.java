package dev.canship.extract.weights;

/**
 * GGML tensor storage types as numbered in GGUF files: elements per block and bytes per block, which give a
 * tensor's size on disk and its bits per weight.
 */
public enum GgmlType {
    F32(0, 1, 4), F16(1, 1, 2), Q4_0(2, 32, 18), Q4_1(3, 32, 20), Q5_0(6, 32, 22), Q5_1(7, 32, 24),
    Q8_0(8, 32, 34), Q8_1(9, 32, 36), Q2_K(10, 256, 84), Q3_K(11, 256, 110), Q4_K(12, 256, 144),
    Q5_K(13, 256, 176), Q6_K(14, 256, 210), Q8_K(15, 256, 292), IQ2_XXS(16, 256, 66), IQ2_XS(17, 256, 74),
    IQ3_XXS(18, 256, 98), IQ1_S(19, 256, 50), IQ4_NL(20, 32, 18), IQ3_S(21, 256, 110), IQ2_S(22, 256, 82),
    IQ4_XS(23, 256, 136), I8(24, 1, 1), I16(25, 1, 2), I32(26, 1, 4), I64(27, 1, 8), F64(28, 1, 8),
    IQ1_M(29, 256, 56), BF16(30, 1, 2), TQ1_0(34, 256, 54), TQ2_0(35, 256, 66), MXFP4(39, 32, 17);

    private final int id;
    private final int blockSize;
    private final int typeSize;

    GgmlType(int id, int blockSize, int typeSize) {
        this.id = id;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
    }

    public int id() {
        return id;
    }

    public int blockSize() {
        return blockSize;
    }

    public int typeSize() {
        return typeSize;
    }

    /** Bits per weight of this storage type, block scales included. */
    public double bitsPerWeight() {
        return typeSize * 8.0 / blockSize;
    }

    /** The type with this GGUF id, or null when unknown. */
    public static GgmlType byId(long id) {
        for (GgmlType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }

    /**
     * The name llama.cpp gives a {@code general.file_type} value (the whole-file quantization mix), or null when
     * unknown.
     */
    public static String fileTypeName(long fileType) {
        return switch ((int) fileType) {
            case 0 -> "f32";
            case 1 -> "f16";
            case 2 -> "q4_0";
            case 3 -> "q4_1";
            case 7 -> "q8_0";
            case 8 -> "q5_0";
            case 9 -> "q5_1";
            case 10 -> "q2_k";
            case 11 -> "q3_k_s";
            case 12 -> "q3_k_m";
            case 13 -> "q3_k_l";
            case 14 -> "q4_k_s";
            case 15 -> "q4_k_m";
            case 16 -> "q5_k_s";
            case 17 -> "q5_k_m";
            case 18 -> "q6_k";
            case 19 -> "iq2_xxs";
            case 20 -> "iq2_xs";
            case 21 -> "q2_k_s";
            case 22 -> "iq3_xs";
            case 23 -> "iq3_xxs";
            case 24 -> "iq1_s";
            case 25 -> "iq4_nl";
            case 26 -> "iq3_s";
            case 27 -> "iq3_m";
            case 28 -> "iq2_s";
            case 29 -> "iq2_m";
            case 30 -> "iq4_xs";
            case 31 -> "iq1_m";
            case 32 -> "bf16";
            case 36 -> "tq1_0";
            case 37 -> "tq2_0";
            case 38 -> "mxfp4_moe";
            default -> null;
        };
    }
}
