package dev.canship.extract.weights;

import java.util.List;

/**
 * One tensor as its header describes it.
 *
 * @param name   tensor name as stored
 * @param dtype  storage type as stored ({@code BF16}, {@code F8_E4M3}, GGUF {@code q4_k}...), or {@code MXFP4}
 *               for packed 4-bit expert blocks
 * @param shape  dimensions as stored (GGUF order for GGUF files)
 * @param params parameter count: elements, times the packing factor for packed integer storage; 0 for
 *               quantization side data and buffers
 * @param bytes  bytes the tensor occupies in the file
 * @param role   what the tensor is for, from its name
 */
public record TensorInfo(String name, String dtype, List<Long> shape, long params, long bytes, TensorRole role) {
    public TensorInfo {
        shape = List.copyOf(shape);
    }

    /** The decoder layer index in the name ({@code layers.12.}, {@code blk.12.}, {@code blocks.12.}), or -1. */
    public int layerIndex() {
        return layerIndexOf(name);
    }

    static int layerIndexOf(String name) {
        String[] parts = name.split("\\.");
        for (int i = 0; i + 1 < parts.length; i++) {
            String p = parts[i];
            if (p.equals("layers") || p.equals("blk") || p.equals("blocks") || p.equals("h") || p.equals("layer")) {
                String next = parts[i + 1];
                if (!next.isEmpty() && next.length() < 7 && next.chars().allMatch(Character::isDigit)) {
                    return Integer.parseInt(next);
                }
            }
        }
        return -1;
    }
}
