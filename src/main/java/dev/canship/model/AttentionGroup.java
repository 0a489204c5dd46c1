package dev.canship.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Layers sharing one attention kind, with what their KV cache holds per token.
 *
 * @param type          {@code global} (caches the whole context), {@code sliding} (caches the last
 *                      {@code window} tokens), {@code chunked} (caches at most one chunk of {@code window} tokens),
 *                      {@code mla} (multi-head latent attention: one compressed latent plus the RoPE key),
 *                      {@code linear} (fixed-size recurrent state, no per-token cache)
 * @param layers        number of layers of this kind
 * @param window        sliding window or chunk size in tokens; null for global and MLA
 * @param kvHeads       key/value heads (0 for MLA)
 * @param headDim       key head dimension
 * @param valueHeadDim  value head dimension
 * @param kvLoraRank    MLA latent rank, else null
 * @param qkRopeHeadDim MLA decoupled RoPE key dimension, else null
 * @param rope          whether these layers apply RoPE (Llama 4 global layers do not); null when not stated
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttentionGroup(String type, int layers, Long window, int kvHeads, int headDim, int valueHeadDim,
                             Integer kvLoraRank, Integer qkRopeHeadDim, Boolean rope) {

    public static final String GLOBAL = "global";
    public static final String SLIDING = "sliding";
    public static final String CHUNKED = "chunked";
    public static final String MLA = "mla";
    public static final String LINEAR = "linear";

    /** Elements cached per token per layer: K and V heads, or the MLA latent plus its RoPE key. */
    public long cachedElementsPerTokenPerLayer() {
        if (MLA.equals(type)) {
            return (long) kvLoraRank + qkRopeHeadDim;
        }
        if (LINEAR.equals(type)) {
            return 0;
        }
        return (long) kvHeads * (headDim + valueHeadDim);
    }

    /** Tokens one layer of this kind keeps in cache for a context of {@code contextTokens}. */
    public long tokensCached(long contextTokens) {
        if (LINEAR.equals(type)) {
            return 0;
        }
        return window == null ? contextTokens : Math.min(window, contextTokens);
    }
}
