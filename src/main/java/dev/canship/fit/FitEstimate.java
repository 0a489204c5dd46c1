package dev.canship.fit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Whether a model fits, and how fast it could decode at best.
 *
 * @param accelerator                  catalogue id or {@code custom}
 * @param count                        devices assumed
 * @param precision                    weight precision id
 * @param contextTokens                context per sequence
 * @param concurrentSequences          sequences with their own KV cache
 * @param weightsBytes                 all resident weights at that precision
 * @param kvCacheBytes                 KV cache for all sequences at full context
 * @param overheadBytes                runtime buffers (see {@link HardwareFit#OVERHEAD_FIXED_BYTES_PER_DEVICE})
 * @param totalBytes                   weights + KV + overhead (on the accelerators only when offloading)
 * @param availableBytes               usable memory across the devices
 * @param fits                         whether total fits in available
 * @param headroomFraction             (available - total) / available; negative when it does not fit
 * @param acceleratorsNeeded           smallest device count that fits, or -1 when none does
 * @param activeWeightBytesPerToken    weight bytes read per decoded token (non-expert + used experts)
 * @param decodeTokensPerSecondMax     single-sequence decode upper bound: aggregate bandwidth over the bytes read
 *                                     per token (active weights + that sequence's KV cache)
 * @param kvCacheAllGlobalBytes        the KV cache if every layer attended globally (the naive estimate)
 * @param kvCache                      per-layer-type KV breakdown
 * @param offload                      GPU/host split when offloading experts, else null
 * @param notes                        assumptions, in words
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FitEstimate(String accelerator, int count, String precision, long contextTokens,
                          int concurrentSequences, long weightsBytes, long kvCacheBytes, long overheadBytes,
                          long totalBytes, long availableBytes, boolean fits, double headroomFraction,
                          int acceleratorsNeeded, long activeWeightBytesPerToken, Double decodeTokensPerSecondMax,
                          long kvCacheAllGlobalBytes, List<KvCacheGroup> kvCache, Offload offload,
                          List<String> notes) {
    public FitEstimate {
        kvCache = List.copyOf(kvCache);
        notes = List.copyOf(notes);
    }
}
