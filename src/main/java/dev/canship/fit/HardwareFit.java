package dev.canship.fit;

import dev.canship.model.AttentionGroup;
import dev.canship.model.CheckpointSize;
import dev.canship.model.ModelFacts;
import dev.canship.model.ParamBreakdown;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MoE-aware memory and decode-speed estimate. All routed experts must be resident (a token may pick any of
 * them), so memory follows total parameters while decode speed follows active ones; KV cache is counted per
 * attention layer type, so sliding-window, chunked and MLA layers are not charged for the whole context.
 *
 * <p>Overhead model: a fixed {@value #OVERHEAD_FIXED_BYTES_PER_DEVICE} bytes (1 GiB) per device for the
 * runtime context, CUDA graphs and the driver's reserve, plus {@value #OVERHEAD_FRACTION} of weights and KV
 * cache for activations, allocator fragmentation and temporary buffers.
 */
public final class HardwareFit {
    public static final long OVERHEAD_FIXED_BYTES_PER_DEVICE = 1L << 30;
    public static final double OVERHEAD_FRACTION = 0.05;
    static final int MAX_DEVICES = 1024;
    private static final double BF16 = 16;

    private final AcceleratorCatalog catalog;

    public HardwareFit(AcceleratorCatalog catalog) {
        this.catalog = catalog;
    }

    /** With the bundled catalogue. */
    public HardwareFit() {
        this(AcceleratorCatalog.bundled());
    }

    public AcceleratorCatalog catalog() {
        return catalog;
    }

    /** Bits per weight chosen for each parameter group, and what that choice means in words. */
    record Plan(double embedding, double lmHead, double attention, double denseMlp, double shared, double routed,
                double routedBias, double routers, double norms, double vision, double audio, String description) {

        double bits(ParamBreakdown p) {
            return p.embedding() * embedding + p.lmHead() * lmHead + p.attention() * attention
                    + p.denseMlp() * denseMlp + p.sharedExperts() * shared + p.routedExperts() * routed
                    + p.routedExpertBiases() * routedBias + p.routers() * routers + p.norms() * norms
                    + p.vision() * vision + p.audio() * audio;
        }

        double routedBits(ParamBreakdown p) {
            return p.routedExperts() * routed + p.routedExpertBiases() * routedBias;
        }

        double towerBits(ParamBreakdown p) {
            return p.vision() * vision + p.audio() * audio;
        }

        static Plan uniform(double b, String d) {
            return new Plan(b, b, b, b, b, b, b, b, b, b, b, d);
        }
    }

    /** Estimates one configuration. */
    public FitEstimate estimate(ModelFacts model, FitRequest req) {
        Accelerator acc = resolve(req);
        List<String> notes = new ArrayList<>();
        ParamBreakdown p = model.params();
        boolean moe = p.allRoutedExperts() > 0;

        // Weights
        Plan plan = plan(model, req.precision());
        double totalBits = plan.bits(p);
        double routedBits = plan.routedBits(p);
        double towerBits = plan.towerBits(p);
        long weights = Math.round(totalBits / 8);
        long routedBytes = Math.round(routedBits / 8);
        long towerBytes = Math.round(towerBits / 8);
        CheckpointSize ck = model.checkpoint();
        long planned = weights;
        long held = ck == null ? 0 : ck.totalBytes() - ck.mtpBytes();
        // Memory comes from the parameter count and the precision. The checkpoint's own size refines it only when
        // it holds at least as much as the parameters need (90%, for scales and rounding): smaller files are
        // stand-ins, a partial download or an adapter, and would make a model "fit" that cannot.
        boolean checkpointCovers = totalBits <= 0 || held >= 0.9 * planned;
        if (req.precision() == Precision.NATIVE && ck != null && ck.totalBytes() > 0 && !checkpointCovers) {
            notes.add("weights: the weight files hold " + gib(held) + ", less than the " + billions(model.totalParams())
                    + " parameters need at native precision (" + gib(planned) + "); stand-in, partial or adapter files are ignored");
        }
        if (req.precision() == Precision.NATIVE && ck != null && ck.totalBytes() > 0 && checkpointCovers) {
            // The checkpoint's own size is exact; the plan only tells how it splits.
            long exact = held;
            if (ck.routedExpertBytes() != null) {
                routedBytes = ck.routedExpertBytes();
            } else if (totalBits > 0) {
                routedBytes = Math.round(exact * routedBits / totalBits);
            }
            if (totalBits > 0) {
                towerBytes = Math.round(exact * towerBits / totalBits);
            }
            weights = exact;
            notes.add("weights: checkpoint size from " + ("index".equals(ck.from()) ? "the index total_size"
                    : "the weight headers") + (ck.mtpBytes() > 0 ? ", without its multi-token-prediction layers" : "")
                    + " (" + gib(weights) + ")");
        }
        notes.add("weights: " + plan.description());
        if (model.mtpParams() > 0) {
            notes.add("multi-token-prediction module (" + billions(model.mtpParams()) + " parameters) not loaded; "
                    + "add it for speculative decoding");
        }
        if (model.totalParams() == 0) {
            notes.add("model size unknown: weights counted as 0");
        }

        // Active bytes per token: everything but towers and unused experts.
        long experts = model.experts() == null ? 0 : model.experts();
        long k = model.expertsPerToken() == null ? experts : model.expertsPerToken();
        long activeRouted = moe && experts > 0 ? Math.round(routedBytes * (double) k / experts) : routedBytes;
        long activeWeights = weights - towerBytes - routedBytes + activeRouted;

        // KV cache
        String kvDtype = req.kvCacheDtype() != null ? req.kvCacheDtype().toLowerCase(Locale.ROOT)
                : req.precision() == Precision.FP8 ? "fp8" : "bf16";
        int kvBytes = kvDtype.equals("fp8") || kvDtype.equals("int8") || kvDtype.equals("q8_0") ? 1 : 2;
        notes.add("KV cache: " + kvDtype + " (" + kvBytes + " byte" + (kvBytes > 1 ? "s" : "")
                + " per element)" + (req.precision() == Precision.FP8 && req.kvCacheDtype() == null
                ? ", as fp8 serving stacks default to an fp8 cache with fp8 weights" : ""));
        long ctx = req.contextTokens();
        if (model.contextLength() != null && ctx > model.contextLength()) {
            notes.add("context " + ctx + " exceeds the model's declared maximum of " + model.contextLength());
        }
        int seqs = req.concurrentSequences();
        List<KvCacheGroup> kvGroups = new ArrayList<>();
        long kv = 0;
        long kvAllGlobal = 0;
        if (model.attentionLayout() != null) {
            for (AttentionGroup g : model.attentionLayout().groups()) {
                long perTokLayer = g.cachedElementsPerTokenPerLayer() * kvBytes;
                long tokens = g.tokensCached(ctx);
                long bytes = perTokLayer * tokens * g.layers() * seqs;
                kvGroups.add(new KvCacheGroup(g.type(), g.layers(), g.window(), tokens, perTokLayer, bytes));
                kv += bytes;
                kvAllGlobal += perTokLayer * ctx * g.layers() * seqs;
            }
            if (kvAllGlobal > kv) {
                notes.add("KV cache by layer type (" + model.attentionLayout().describe() + "): " + gib(kv)
                        + " instead of " + gib(kvAllGlobal) + " if every layer cached the whole context");
            }
        } else {
            notes.add("attention layout unknown: KV cache not counted");
        }

        // Memory and fit
        boolean offload = req.offloadExperts() && moe;
        if (req.offloadExperts() && !moe) {
            notes.add("offload requested but the model has no routed experts: nothing offloaded");
        }
        if (offload && acc.unifiedMemory()) {
            notes.add("unified memory: offloading experts to host RAM frees no accelerator memory on this machine");
        }
        long gpuWeights = offload ? weights - routedBytes : weights;
        long overhead = overhead(gpuWeights + kv, req.count());
        long total = gpuWeights + kv + overhead;
        long available = acc.usableBytes() * req.count();
        boolean fits = total <= available;
        double headroom = available == 0 ? -1 : (available - total) / (double) available;
        int needed = devicesNeeded(gpuWeights + kv, acc.usableBytes());
        Offload off = offload ? new Offload(total, routedBytes) : null;
        if (offload) {
            notes.add("offload: routed experts (" + gib(routedBytes) + ") in host RAM, read at "
                    + hostBandwidth(req) + " GB/s; everything else on the accelerators");
        }
        notes.add("overhead: 1 GiB per device plus 5% of weights and KV cache (activations, runtime buffers)");
        if (acc.unifiedMemoryGpuShare() != null) {
            notes.add(String.format(Locale.ROOT, "unified memory: %.0f%% of %s usable by the GPU (macOS default "
                    + "working-set limit)", acc.unifiedMemoryGpuShare() * 100, gib(acc.memoryBytes())));
        }
        if (moe && !fits && model.activeParams() > 0) {
            long activeOnly = Math.round(activeWeights + kv + overhead(activeWeights + kv, req.count()));
            if (activeOnly <= available) {
                notes.add("only the " + billions(model.activeParams()) + " active parameters would fit, but every "
                        + "routed expert must be resident: active parameters set speed, not memory");
            }
        }

        // Decode speed upper bound (one sequence).
        double bw = acc.bandwidthGbps() * 1e9 * req.count();
        long kvPerSeq = kv / seqs;
        Double tps = null;
        if (bw > 0 && activeWeights + kvPerSeq > 0) {
            double seconds;
            if (offload) {
                seconds = (activeWeights - activeRouted + kvPerSeq) / bw + activeRouted / (hostBandwidth(req) * 1e9);
            } else {
                seconds = (activeWeights + kvPerSeq) / bw;
            }
            tps = 1.0 / seconds;
            notes.add("decode bound: " + (offload ? "accelerator bytes over aggregate bandwidth plus expert bytes "
                    + "over host bandwidth" : "active weights + one sequence's KV cache read once per token over "
                    + (req.count() > 1 ? "the aggregate bandwidth of " + req.count() + " devices (ideal parallelism)"
                    : "the device bandwidth")) + "; real decode reaches perhaps 60-80% of it");
        }
        return new FitEstimate(acc.id(), req.count(), req.precision().id(), ctx, seqs, weights, kv, overhead, total,
                available, fits, headroom, needed, activeWeights, tps, kvAllGlobal, kvGroups, off, notes);
    }

    /** For each catalogue accelerator: one device, and the count needed (when more than one and possible). */
    public FitTable table(ModelFacts model, Precision precision, long contextTokens, int concurrentSequences) {
        List<FitTable.Row> rows = new ArrayList<>();
        for (Accelerator a : catalog.all()) {
            FitRequest one = FitRequest.of(a.id(), 1, precision, contextTokens).withSequences(concurrentSequences);
            FitEstimate single = estimate(model, one);
            FitEstimate atNeeded = null;
            if (single.acceleratorsNeeded() > 1) {
                atNeeded = estimate(model, one.withCount(single.acceleratorsNeeded()));
            } else if (single.acceleratorsNeeded() == 1) {
                atNeeded = single;
            }
            rows.add(new FitTable.Row(a, single, atNeeded));
        }
        return new FitTable(precision.id(), contextTokens, concurrentSequences, rows);
    }

    static long overhead(long weightsAndKv, int devices) {
        return OVERHEAD_FIXED_BYTES_PER_DEVICE * devices + Math.round(OVERHEAD_FRACTION * weightsAndKv);
    }

    /** Smallest n with weights+KV+overhead(n) within n devices; -1 when no count up to 1024 works. */
    static int devicesNeeded(long weightsAndKv, long usablePerDevice) {
        long perDevice = usablePerDevice - OVERHEAD_FIXED_BYTES_PER_DEVICE;
        if (perDevice <= 0) {
            return -1;
        }
        double need = weightsAndKv * (1 + OVERHEAD_FRACTION);
        long n = Math.max(1, (long) Math.ceil(need / perDevice));
        while (n > 1 && overhead(weightsAndKv, (int) (n - 1)) + weightsAndKv <= usablePerDevice * (n - 1)) {
            n--;
        }
        while (n <= MAX_DEVICES && overhead(weightsAndKv, (int) n) + weightsAndKv > usablePerDevice * n) {
            n++;
        }
        return n > MAX_DEVICES ? -1 : (int) n;
    }

    private Accelerator resolve(FitRequest req) {
        if (req.acceleratorId() != null) {
            return catalog.byId(req.acceleratorId()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown accelerator '" + req.acceleratorId() + "'"));
        }
        return Accelerator.custom(req.customMemoryBytes(), req.customBandwidthGbps());
    }

    private static double hostBandwidth(FitRequest req) {
        return req.hostBandwidthGbps() == null ? FitRequest.DEFAULT_HOST_BANDWIDTH_GBPS : req.hostBandwidthGbps();
    }

    /** Which tensors get which precision. */
    static Plan plan(ModelFacts m, Precision precision) {
        boolean moe = m.params().allRoutedExperts() > 0;
        double q = precision.bitsPerWeight();
        switch (precision.kind()) {
            case FLOAT:
                return Plan.uniform(16, "every tensor in " + precision.id());
            case FP8:
                if ("fp8".equals(m.nativeDtype())) {
                    return nativePlan(m);
                }
                if (moe) {
                    return new Plan(BF16, BF16, BF16, BF16, BF16, 8, BF16, BF16, BF16, BF16, BF16,
                            "fp8 (8 bits) for routed experts only; attention, dense and shared-expert MLPs, "
                                    + "routers, embeddings, LM head, norms and any vision/audio tower stay bf16 "
                                    + "(as Meta's Llama 4 Maverick FP8 release)");
                }
                return new Plan(BF16, BF16, 8, 8, 8, 8, BF16, BF16, BF16, BF16, BF16,
                        "fp8 (8 bits) for attention and MLP weights; embeddings, LM head, norms and any "
                                + "vision/audio tower stay bf16");
            case INT8:
                return new Plan(BF16, BF16, 8, 8, 8, 8, BF16, BF16, BF16, BF16, BF16,
                        "int8 with per-channel scales for attention, MLP and expert weights; embeddings, LM head, "
                                + "norms, routers and any vision/audio tower stay bf16");
            case INT4:
                if (moe) {
                    return new Plan(BF16, BF16, BF16, BF16, q, q, BF16, BF16, BF16, BF16, BF16,
                            "int4 with an fp32 scale per 128 weights (4.25 bits) for routed and shared experts; "
                                    + "attention, dense-layer MLPs, routers, embeddings, LM head, norms and any "
                                    + "vision/audio tower stay bf16 (as Meta's Llama 4 int4 recipe)");
                }
                return new Plan(BF16, BF16, q, q, q, q, BF16, BF16, BF16, BF16, BF16,
                        "int4 with an fp32 scale per 128 weights (4.25 bits) for attention and MLP weights "
                                + "(GPTQ/AWQ style); embeddings, LM head, norms and any vision/audio tower stay bf16");
            case MXFP4:
                if (moe) {
                    return new Plan(BF16, BF16, BF16, BF16, BF16, q, BF16, BF16, BF16, BF16, BF16,
                            "mxfp4 (4.25 bits) for routed expert weights; expert biases, attention, shared "
                                    + "experts, routers, embeddings, LM head and norms stay bf16 (gpt-oss layout)");
                }
                return new Plan(BF16, BF16, q, q, q, q, BF16, BF16, BF16, BF16, BF16,
                        "mxfp4 (4.25 bits) for attention and MLP weights; embeddings, LM head and norms stay bf16");
            case GGUF:
                double head = precision == Precision.Q8_0 ? 8.5 : Math.max(q, Precision.Q6_K.bitsPerWeight());
                return new Plan(q, head, q, q, q, q, 32, 32, 32, BF16, BF16, String.format(Locale.ROOT,
                        "llama.cpp %s mix, %.2f bits per weight on average, for token embeddings, attention and "
                                + "all MLP/expert weights; output head at %s; norms, biases and routers f32; vision "
                                + "projector (mmproj) f16", precision.id(), q,
                        precision == Precision.Q8_0 ? "q8_0" : head > q ? "q6_k" : precision.id()));
            case NATIVE:
            default:
                return nativePlan(m);
        }
    }

    /** The checkpoint's own layout, from its native dtype and quantization method. */
    private static Plan nativePlan(ModelFacts m) {
        String d = m.nativeDtype() == null ? "" : m.nativeDtype();
        switch (d) {
            case "fp32":
                return Plan.uniform(32, "native fp32 for every tensor");
            case "bf16":
            case "fp16":
                return Plan.uniform(16, "native " + d + " for every tensor");
            case "fp8":
                // DeepSeek-style block FP8: one fp32 scale per 128x128 block adds 32/16384 bits per weight.
                double f = 8 + 32.0 / 16384;
                return new Plan(BF16, BF16, f, f, f, f, BF16, BF16, BF16, BF16, BF16,
                        "native fp8 with 128x128 block scales for attention, MLP and expert weights; embeddings, "
                                + "LM head, norms and routers in bf16");
            case "mxfp4":
                return new Plan(BF16, BF16, BF16, BF16, BF16, 4.25, BF16, BF16, BF16, BF16, BF16,
                        "native mxfp4 (4.25 bits) for routed expert weights; expert biases, attention, routers, "
                                + "embeddings, LM head and norms in bf16");
            case "int4":
            case "nf4":
                return new Plan(BF16, BF16, 4.25, 4.25, 4.25, 4.25, BF16, BF16, BF16, BF16, BF16,
                        "native 4-bit (about 4.25 bits with group scales) for linear layers; embeddings, LM head "
                                + "and norms in 16 bits");
            case "int8":
                return new Plan(BF16, BF16, 8, 8, 8, 8, BF16, BF16, BF16, BF16, BF16,
                        "native int8 for linear layers; embeddings, LM head and norms in 16 bits");
            default:
                for (Precision p : Precision.values()) {
                    if (p.kind() == Precision.Kind.GGUF && p.id().equals(d)) {
                        return plan(m, p);
                    }
                }
                return Plan.uniform(16, "native precision " + (d.isEmpty() ? "unknown" : "'" + d + "' not modelled")
                        + ": assumed 16 bits for every tensor");
        }
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    static String billions(long n) {
        return String.format(Locale.ROOT, "%.2fB", n / 1e9);
    }
}
