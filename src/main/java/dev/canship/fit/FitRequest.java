package dev.canship.fit;

/**
 * What to check: which accelerator (a catalogue id, or custom memory and bandwidth), how many, at which
 * precision, for how long a context and how many concurrent sequences, optionally with routed experts kept in
 * host memory.
 *
 * @param acceleratorId       catalogue id, or null when {@code customMemoryBytes} is given
 * @param customMemoryBytes   usable memory per device for a custom accelerator
 * @param customBandwidthGbps memory bandwidth per device for a custom accelerator, GB/s
 * @param count               number of devices (at least 1)
 * @param precision           weight precision
 * @param contextTokens       tokens of context per sequence (prompt plus output)
 * @param concurrentSequences sequences decoded together (each has its own KV cache)
 * @param offloadExperts      keep routed experts in host RAM and the rest on the accelerators (llama.cpp
 *                            {@code --override-tensor exps=CPU} style)
 * @param hostBandwidthGbps   host memory bandwidth for offloaded experts, GB/s; null means 80 (dual-channel DDR5)
 * @param kvCacheDtype        {@code bf16}, {@code fp16}, {@code fp8} or {@code int8}; null means bf16, or fp8 when
 *                            the precision is fp8
 */
public record FitRequest(String acceleratorId, Long customMemoryBytes, Double customBandwidthGbps, int count,
                         Precision precision, long contextTokens, int concurrentSequences, boolean offloadExperts,
                         Double hostBandwidthGbps, String kvCacheDtype) {

    /** Default context when none is given: 8192 tokens. */
    public static final long DEFAULT_CONTEXT = 8192;
    /** Default host bandwidth for offloaded experts: dual-channel DDR5-5600 peaks near 90 GB/s; 80 is typical. */
    public static final double DEFAULT_HOST_BANDWIDTH_GBPS = 80;

    public FitRequest {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        if (contextTokens < 1) {
            throw new IllegalArgumentException("context tokens must be at least 1");
        }
        if (concurrentSequences < 1) {
            throw new IllegalArgumentException("concurrent sequences must be at least 1");
        }
        if (acceleratorId == null && (customMemoryBytes == null || customBandwidthGbps == null)) {
            throw new IllegalArgumentException("give an accelerator id, or custom memory and bandwidth");
        }
        if (precision == null) {
            precision = Precision.NATIVE;
        }
    }

    /** A catalogue accelerator, one sequence, no offload. */
    public static FitRequest of(String acceleratorId, int count, Precision precision, long contextTokens) {
        return new FitRequest(acceleratorId, null, null, count, precision, contextTokens, 1, false, null, null);
    }

    /** A custom accelerator, one sequence, no offload. */
    public static FitRequest custom(long memoryBytes, double bandwidthGbps, int count, Precision precision,
                                    long contextTokens) {
        return new FitRequest(null, memoryBytes, bandwidthGbps, count, precision, contextTokens, 1, false, null, null);
    }

    public FitRequest withCount(int n) {
        return new FitRequest(acceleratorId, customMemoryBytes, customBandwidthGbps, n, precision, contextTokens,
                concurrentSequences, offloadExperts, hostBandwidthGbps, kvCacheDtype);
    }

    public FitRequest withSequences(int n) {
        return new FitRequest(acceleratorId, customMemoryBytes, customBandwidthGbps, count, precision, contextTokens,
                n, offloadExperts, hostBandwidthGbps, kvCacheDtype);
    }

    public FitRequest withOffloadExperts(boolean offload) {
        return new FitRequest(acceleratorId, customMemoryBytes, customBandwidthGbps, count, precision, contextTokens,
                concurrentSequences, offload, hostBandwidthGbps, kvCacheDtype);
    }

    public FitRequest withKvCacheDtype(String dtype) {
        return new FitRequest(acceleratorId, customMemoryBytes, customBandwidthGbps, count, precision, contextTokens,
                concurrentSequences, offloadExperts, hostBandwidthGbps, dtype);
    }
}
