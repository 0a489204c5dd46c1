package dev.canship.fit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.canship.model.ModelFacts;

/**
 * The compact JSON shape of a fit result: {@code {"model":{...},"precision","context_tokens","memory":{
 * "weights_bytes","kv_cache_bytes","overhead_bytes","total_bytes"},"fits","accelerators_needed",
 * "decode_tokens_per_second_max"}}. Serialise with any Jackson ObjectMapper.
 */
@JsonPropertyOrder({"model", "precision", "context_tokens", "memory", "fits", "accelerators_needed",
        "decode_tokens_per_second_max"})
public record FitReport(
        @JsonProperty("model") Model model,
        @JsonProperty("precision") String precision,
        @JsonProperty("context_tokens") long contextTokens,
        @JsonProperty("memory") Memory memory,
        @JsonProperty("fits") boolean fits,
        @JsonProperty("accelerators_needed") int acceleratorsNeeded,
        @JsonProperty("decode_tokens_per_second_max") Double decodeTokensPerSecondMax) {

    /** The model as the report names it. */
    @JsonPropertyOrder({"architecture", "total_params", "active_params", "experts", "experts_per_token",
            "native_dtype"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(
            @JsonProperty("architecture") String architecture,
            @JsonProperty("total_params") long totalParams,
            @JsonProperty("active_params") long activeParams,
            @JsonProperty("experts") Integer experts,
            @JsonProperty("experts_per_token") Integer expertsPerToken,
            @JsonProperty("native_dtype") String nativeDtype) {
    }

    /** Memory by purpose, bytes. */
    @JsonPropertyOrder({"weights_bytes", "kv_cache_bytes", "overhead_bytes", "total_bytes"})
    public record Memory(
            @JsonProperty("weights_bytes") long weightsBytes,
            @JsonProperty("kv_cache_bytes") long kvCacheBytes,
            @JsonProperty("overhead_bytes") long overheadBytes,
            @JsonProperty("total_bytes") long totalBytes) {
    }

    /** Builds the report from a model's facts and one estimate. */
    public static FitReport of(ModelFacts m, FitEstimate e) {
        return new FitReport(
                new Model(m.architecture(), m.totalParams(), m.activeParams(), m.experts(), m.expertsPerToken(),
                        m.nativeDtype()),
                e.precision(), e.contextTokens(),
                new Memory(e.weightsBytes(), e.kvCacheBytes(), e.overheadBytes(), e.totalBytes()),
                e.fits(), e.acceleratorsNeeded(), e.decodeTokensPerSecondMax());
    }
}
