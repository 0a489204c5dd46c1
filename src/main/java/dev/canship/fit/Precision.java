package dev.canship.fit;

import java.util.Locale;

/**
 * Weight precisions for the fit estimate, at their real bits per weight (block scales included). Quantized
 * schemes do not quantize everything: which tensors stay in 16 bits is decided in {@link HardwareFit} and stated
 * in the estimate's notes.
 */
public enum Precision {
    /** As the checkpoint ships (exact bytes when weight headers were read). */
    NATIVE("native", Double.NaN, Kind.NATIVE),
    BF16("bf16", 16, Kind.FLOAT),
    FP16("fp16", 16, Kind.FLOAT),
    /** FP8 E4M3 with per-row or per-block scales (their overhead is under 0.1% and ignored). */
    FP8("fp8", 8, Kind.FP8),
    /** Int8 weights with per-channel scales (W8A16). */
    INT8("int8", 8, Kind.INT8),
    /** Int4 with one fp32 scale per group of 128 (Meta's Llama 4 int4, GPTQ/AWQ at group size 128): 4 + 32/128. */
    INT4("int4", 4.25, Kind.INT4),
    /** MXFP4: 4-bit E2M1 values with one 8-bit E8M0 scale per 32: 4 + 8/32. */
    MXFP4("mxfp4", 4.25, Kind.MXFP4),
    /** llama.cpp Q8_0: 32 int8 values and an fp16 scale per block. */
    Q8_0("q8_0", 8.5, Kind.GGUF),
    Q6_K("q6_k", 6.5625, Kind.GGUF),
    /** llama.cpp Q5_K_M mix (mostly Q5_K, some Q6_K), measured average. */
    Q5_K_M("q5_k_m", 5.69, Kind.GGUF),
    /** llama.cpp Q4_K_M mix (Q4_K with Q6_K for half of attn_v/ffn_down), measured average. */
    Q4_K_M("q4_k_m", 4.85, Kind.GGUF),
    Q3_K_M("q3_k_m", 3.91, Kind.GGUF),
    Q2_K("q2_k", 2.63, Kind.GGUF);

    /** How a precision is applied to a model's tensors. */
    public enum Kind { NATIVE, FLOAT, FP8, INT8, INT4, MXFP4, GGUF }

    private final String id;
    private final double bitsPerWeight;
    private final Kind kind;

    Precision(String id, double bitsPerWeight, Kind kind) {
        this.id = id;
        this.bitsPerWeight = bitsPerWeight;
        this.kind = kind;
    }

    /** Lower-case name as users type it ({@code q4_k_m}). */
    public String id() {
        return id;
    }

    /** Bits per quantized weight, scales included; NaN for {@link #NATIVE}. */
    public double bitsPerWeight() {
        return bitsPerWeight;
    }

    public Kind kind() {
        return kind;
    }

    /** Parses {@code q4_k_m}, {@code Q4_K_M}, {@code bfloat16}, {@code fp8}... */
    public static Precision parse(String s) {
        String n = s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (n) {
            case "bfloat16":
                return BF16;
            case "float16":
            case "f16":
            case "half":
                return FP16;
            case "f8":
            case "float8":
            case "fp8_e4m3":
                return FP8;
            default:
                break;
        }
        for (Precision p : values()) {
            if (p.id.equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + s + "' (known: native, bf16, fp16, fp8, int8, "
                + "int4, mxfp4, q8_0, q6_k, q5_k_m, q4_k_m, q3_k_m, q2_k)");
    }
}
