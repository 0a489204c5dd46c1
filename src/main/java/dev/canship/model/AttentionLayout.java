package dev.canship.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Per-layer-type attention: how many layers attend globally, over a sliding window, within chunks, or through
 * MLA latents. The KV cache of long contexts depends on this far more than on the layer count.
 */
public record AttentionLayout(List<AttentionGroup> groups) {
    public AttentionLayout {
        groups = List.copyOf(groups);
    }

    /** Total layers across groups. */
    public int layers() {
        return groups.stream().mapToInt(AttentionGroup::layers).sum();
    }

    /** A short human description, e.g. {@code "36 chunked (8192 tokens), 12 global"}. */
    public String describe() {
        return groups.stream().map(g -> g.layers() + " " + g.type()
                        + (g.window() != null ? " (" + g.window() + " tokens)" : "")
                        + (AttentionGroup.MLA.equals(g.type())
                        ? " (kv_lora_rank " + g.kvLoraRank() + " + rope " + g.qkRopeHeadDim() + ")" : ""))
                .collect(Collectors.joining(", "));
    }
}
