package dev.canship.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.extract.ShardSample;
import dev.canship.extract.weights.BoundedJson;
import dev.canship.extract.weights.GgmlType;
import dev.canship.extract.weights.TensorSummary;
import dev.canship.extract.weights.TensorRole;
import dev.canship.extract.weights.WeightsHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds {@link ModelFacts} from a config.json tree, weight headers and an index size. Config arithmetic gives
 * the structure; exact counts from safetensors or GGUF headers win when they cover the whole checkpoint. Never
 * throws on odd input: what cannot be known is left null, assumptions set {@code estimated} and add a note.
 */
public final class ModelFactsReader {
    /** Config files over this size are refused; real ones are a few KiB. */
    public static final long MAX_CONFIG_BYTES = 16L * 1024 * 1024;

    private static final Pattern SPLIT_GGUF = Pattern.compile("(.*)-(\\d{5})-of-(\\d{5})\\.gguf$",
            Pattern.CASE_INSENSITIVE);

    private ModelFactsReader() {
    }

    /**
     * Facts from whatever is available.
     *
     * @param config              parsed config.json, or null
     * @param weights             headers of the repository's weight files, possibly empty
     * @param indexTotalSizeBytes {@code metadata.total_size} of the safetensors index, or null
     */
    public static ModelFacts read(JsonNode config, List<WeightsHeader> weights, Long indexTotalSizeBytes) {
        return read(config, weights, indexTotalSizeBytes, ShardSample.NONE);
    }

    /**
     * Facts from whatever is available, when a sharded checkpoint's headers were sampled ({@link ShardSample}): then
     * config.json and the index's total size stand for the whole checkpoint, and the sampled headers add what only
     * tensors show (a vision tower, the dtypes).
     *
     * @param sample which shards' headers were read
     */
    public static ModelFacts read(JsonNode config, List<WeightsHeader> weights, Long indexTotalSizeBytes, ShardSample sample) {
        List<String> notes = new ArrayList<>();
        ConfigCounter.Result cfg = ConfigCounter.count(config);
        notes.addAll(cfg.notes);
        boolean estimated = cfg.estimated;
        Cfg root = new Cfg(config);

        Selected sel = select(weights == null ? List.of() : weights, notes);
        WeightsCount wc = sel.headers.isEmpty() ? null : countWeights(sel, cfg);
        long folded = sel.headers.stream().mapToLong(h -> h.tensors().foldedLayers()).sum();
        if (folded > 0) {
            notes.add(folded + " tensors name layers beyond the " + dev.canship.extract.weights.TensorTally.MAX_LAYERS
                    + " distinct layers kept apart: they are counted, but not split by layer");
        }
        // The sample stands for the checkpoint only when the copy selected is the sampled one (not a consolidated
        // export or another folder's shards beside it).
        boolean sampled = sample != null && sample.sampled() && indexTotalSizeBytes != null
                && sel.format.equals(WeightsHeader.SAFETENSORS)
                && sel.headers.stream().allMatch(h -> sample.read().contains(h.file()));
        if (sampled) {
            notes.add(sample.read().size() + " of " + sample.shards() + " shard headers read (every shard is present and "
                    + "their sizes add up to the index's total size; --limit max-shard-headers=" + sample.shards()
                    + " reads all): " + (cfg.counted ? "counts come from config.json"
                    : "the count is estimated from the index's total size"));
        }

        boolean useWeights = false;
        if (wc != null && wc.params.total() > 0 && !sampled) {
            useWeights = true;
            if (indexTotalSizeBytes != null && sel.format.equals(WeightsHeader.SAFETENSORS)
                    && wc.bytes < indexTotalSizeBytes) {
                useWeights = false;
                notes.add("weight headers cover " + wc.bytes + " of the " + indexTotalSizeBytes
                        + " bytes the index lists (shards missing): counts come from config.json");
            } else if (cfg.counted && cfg.params.total() >= 100_000_000L && wc.params.total() < 0.5 * cfg.params.total()) {
                // A partial download, or stand-in files: the headers cannot be the whole model the config describes.
                useWeights = false;
                notes.add("weight headers hold " + ConfigCounter.billions(wc.params.total()) + " parameters, far fewer than the "
                        + ConfigCounter.billions(cfg.params.total()) + " config.json describes (partial download or stand-in files): "
                        + "counts come from config.json");
            }
        }

        String source;
        ParamBreakdown params;
        long mtp = cfg.mtp;
        if (useWeights && cfg.counted) {
            source = "config+weights";
            params = wc.params;
            mtp = wc.mtpParams;
            long c = cfg.params.total();
            long w = params.total();
            if (c > 0 && Math.abs(c - w) > 0.02 * w) {
                notes.add("config.json arithmetic gives " + ConfigCounter.billions(c) + " parameters but the weight "
                        + "headers hold " + ConfigCounter.billions(w) + ": the headers' exact count is used");
            }
        } else if (useWeights) {
            source = "weights";
            params = wc.params;
            mtp = wc.mtpParams;
        } else if (cfg.counted) {
            source = "config";
            params = cfg.params;
        } else {
            source = wc != null ? "weights" : "config";
            params = ParamBreakdown.EMPTY;
            if (sampled && wc != null && wc.bytes > 0 && wc.params.total() > 0) {
                // The sampled shards' own parameters per byte, over the whole checkpoint: exact when the dtype mix
                // is the same throughout, and right for 4-bit and mixed-precision exports, unlike a fixed width.
                long est = Math.round((double) wc.params.total() * indexTotalSizeBytes / wc.bytes);
                params = new ParamBreakdown(0, 0, 0, 0, 0, 0, 0, 0, est, 0, 0);
                estimated = true;
                source = "index";
            } else if (indexTotalSizeBytes != null && indexTotalSizeBytes > 0) {
                String dtype = nativeFromConfig(root);
                int bpp = bytesPerParam(dtype == null && wc != null ? wc.nativeDtype : dtype);
                long est = indexTotalSizeBytes / bpp;
                params = new ParamBreakdown(0, 0, 0, 0, 0, 0, 0, 0, est, 0, 0);
                estimated = true;
                source = "index";
                notes.add("no usable config or weight headers: parameter count estimated from the index total_size "
                        + "at " + bpp + " bytes per parameter");
            } else if (config == null && (weights == null || weights.isEmpty())) {
                notes.add("neither config.json nor weight headers available");
            }
        }

        // Structure: config first, GGUF metadata fills gaps.
        Integer experts = cfg.experts;
        Integer k = cfg.expertsPerToken;
        Integer shared = cfg.sharedExperts;
        Integer layers = cfg.layers;
        Integer hidden = cfg.hidden;
        Integer heads = cfg.heads;
        Integer kv = cfg.kvHeads;
        Integer headDim = cfg.headDim;
        Integer vocab = cfg.vocab;
        Long context = cfg.context;
        AttentionLayout layout = cfg.layout;
        String architecture = cfg.modelType;
        WeightsHeader gg = sel.format.equals(WeightsHeader.GGUF) && !sel.headers.isEmpty() ? sel.headers.get(0) : null;
        if (gg != null) {
            if (architecture == null) {
                architecture = gg.metadata().get("general.architecture");
            }
            experts = orInt(experts, gg.archInteger("expert_count").orElse(null));
            k = orInt(k, gg.archInteger("expert_used_count").orElse(null));
            shared = orInt(shared, gg.archInteger("expert_shared_count").orElse(null));
            layers = orInt(layers, gg.archInteger("block_count").orElse(null));
            hidden = orInt(hidden, gg.archInteger("embedding_length").orElse(null));
            heads = orInt(heads, gg.archInteger("attention.head_count").orElse(null));
            kv = orInt(kv, gg.archInteger("attention.head_count_kv").orElse(null));
            headDim = orInt(headDim, gg.archInteger("attention.key_length").orElse(null));
            if (headDim == null && hidden != null && heads != null && heads > 0) {
                headDim = hidden / heads;
            }
            Long tokens = gg.arrayLengths().get("tokenizer.ggml.tokens");
            vocab = orInt(vocab, gg.archInteger("vocab_size").orElse(tokens));
            if (context == null) {
                context = gg.archInteger("context_length").orElse(null);
            }
            if (layout == null && layers != null && kv != null && headDim != null) {
                Long sw = gg.archInteger("attention.sliding_window").orElse(null);
                layout = new AttentionLayout(List.of(new AttentionGroup(AttentionGroup.GLOBAL, layers, null, kv,
                        headDim, headDim, null, null, null)));
                if (sw != null) {
                    notes.add("GGUF declares a sliding window of " + sw + " tokens but not which layers use it: "
                            + "KV cache counted as if every layer were global (an upper bound)");
                }
            }
        }
        if (experts == null && wc != null && wc.expertsFromTensors != null) {
            experts = wc.expertsFromTensors;
        }
        Integer moeLayers = cfg.moeLayers;
        if (moeLayers == null && wc != null && params.routedExperts() > 0) {
            moeLayers = wc.moeLayersFromTensors;
        }

        long total = params.total();
        long active;
        boolean moe = params.allRoutedExperts() > 0;
        if (!moe) {
            active = params.languageModel();
            if (experts == null || experts <= 1) {
                experts = null;
                k = null;
            }
        } else if (experts != null && experts > 0 && k != null && k > 0) {
            active = params.active(experts, k);
        } else {
            active = params.languageModel();
            estimated = true;
            notes.add("routed experts found but experts-per-token unknown: active parameters shown as the whole "
                    + "language model (an upper bound)");
        }
        if (total == 0 && params == ParamBreakdown.EMPTY) {
            estimated = true;
        }

        // Modalities
        Set<String> modalities = new LinkedHashSet<>();
        modalities.add("text");
        // Tensors are evidence whatever counts are used: a vision tower the config does not name is still there.
        if (cfg.vision || params.vision() > 0 || sel.vision || (wc != null && wc.params.vision() > 0)) {
            modalities.add("image");
        }
        if (cfg.audio || params.audio() > 0 || (wc != null && wc.params.audio() > 0)) {
            modalities.add("audio");
        }

        // Precision
        String quantization = quantMethod(root);
        String nativeDtype = nativeFromConfig(root);
        if (nativeDtype == null && wc != null) {
            nativeDtype = wc.nativeDtype;
        }
        if (nativeDtype != null && nativeDtype.equals("mxfp4")) {
            notes.add("quantization_config mxfp4: routed experts ship as MXFP4 (4-bit values with an 8-bit scale "
                    + "per 32, 4.25 bits per weight); attention, routers, embeddings and LM head stay bf16");
        }
        if ("fp8".equals(nativeDtype) && quantization != null) {
            notes.add("quantization_config " + quantization + ": linear weights ship as FP8 with block scales; "
                    + "embeddings, LM head, norms and routers stay bf16");
        }

        CheckpointSize checkpoint = null;
        if (sampled) {
            // The multi-token-prediction layers' share of the bytes, as the config counts them.
            long mtpBytes = cfg.mtp > 0 && cfg.params.total() > 0
                    ? Math.round((double) indexTotalSizeBytes * cfg.mtp / (cfg.params.total() + cfg.mtp)) : 0;
            checkpoint = new CheckpointSize(indexTotalSizeBytes, null, mtpBytes, "index");
        } else if (wc != null && wc.bytes > 0) {
            checkpoint = new CheckpointSize(wc.bytes, wc.routedBytes, wc.mtpBytes, "weights");
        } else if (indexTotalSizeBytes != null) {
            checkpoint = new CheckpointSize(indexTotalSizeBytes, null, 0, "index");
        }

        Boolean tied = cfg.tied;
        if (tied == null && useWeights) {
            tied = params.lmHead() == 0 && params.embedding() > 0;
        }
        String archClass = cfg.archClass;
        return new ModelFacts(architecture, archClass, total, active, ModelFacts.CONVENTION, params,
                params.embedding(), mtp, experts, moe ? k : null, moe ? shared : null, layers, moeLayers, hidden,
                heads, kv, headDim, vocab, context, List.copyOf(modalities), modalities.size() > 1, nativeDtype,
                quantization, layout, tied, checkpoint, source, estimated, notes);
    }

    /** Facts from config alone. */
    public static ModelFacts read(JsonNode config) {
        return read(config, List.of(), null);
    }

    /**
     * Parses a config.json with bounded size and nesting.
     *
     * @throws ModelConfigException with a one-line message when the file is not valid JSON or not an object
     */
    public static JsonNode parseConfig(Path file) throws ModelConfigException {
        String name = String.valueOf(file.getFileName());
        try {
            long size = Files.size(file);
            if (size > MAX_CONFIG_BYTES) {
                throw new ModelConfigException(name + ": " + size + " bytes, over the limit of " + MAX_CONFIG_BYTES,
                        null);
            }
            ObjectMapper mapper = BoundedJson.mapper(MAX_CONFIG_BYTES);
            JsonNode node = mapper.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new ModelConfigException(name + ": not a JSON object", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ModelConfigException(name + ": invalid JSON" + where + ": "
                    + e.getOriginalMessage().replaceAll("\\s+", " ").trim(), e);
        } catch (IOException e) {
            throw new ModelConfigException(name + ": cannot read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
    }


    // ---------------------------------------------------------------------------------------------------------

    /** The weight files that describe one copy of the model. */
    private record Selected(String format, List<WeightsHeader> headers, boolean vision) {
    }

    /**
     * Picks one copy of the weights: safetensors shards (without a duplicate consolidated export) or one GGUF
     * model (its split parts together); GGUF vision projectors count as the vision tower.
     */
    private static Selected select(List<WeightsHeader> all, List<String> notes) {
        Map<String, WeightsHeader> byName = new LinkedHashMap<>();
        for (WeightsHeader h : all) {
            byName.putIfAbsent(h.file(), h);
        }
        List<WeightsHeader> st = byName.values().stream()
                .filter(h -> h.format().equals(WeightsHeader.SAFETENSORS)).collect(Collectors.toList());
        List<WeightsHeader> gg = byName.values().stream()
                .filter(h -> h.format().equals(WeightsHeader.GGUF)).collect(Collectors.toList());
        if (!st.isEmpty()) {
            List<WeightsHeader> consolidated = st.stream()
                    .filter(h -> h.file().toLowerCase(Locale.ROOT).startsWith("consolidated")).collect(Collectors.toList());
            if (!consolidated.isEmpty() && consolidated.size() < st.size()) {
                st.removeAll(consolidated);
                notes.add("consolidated.*.safetensors duplicates the sharded export: only the shards are counted");
            }
            if (!gg.isEmpty()) {
                notes.add(gg.size() + " GGUF file(s) beside the safetensors weights: counts come from safetensors");
            }
            return new Selected(WeightsHeader.SAFETENSORS, st, false);
        }
        if (gg.isEmpty()) {
            return new Selected("", List.of(), false);
        }
        List<WeightsHeader> projectors = gg.stream().filter(ModelFactsReader::isProjector).collect(Collectors.toList());
        List<WeightsHeader> models = gg.stream().filter(h -> !isProjector(h)).collect(Collectors.toList());
        Map<String, List<WeightsHeader>> groups = new TreeMap<>();
        for (WeightsHeader h : models) {
            Matcher m = SPLIT_GGUF.matcher(h.file());
            String key = m.matches() ? m.group(1) : h.file();
            groups.computeIfAbsent(key, x -> new ArrayList<>()).add(h);
        }
        if (groups.isEmpty()) {
            return new Selected(WeightsHeader.GGUF, projectors, true);
        }
        Map.Entry<String, List<WeightsHeader>> first = groups.entrySet().iterator().next();
        if (groups.size() > 1) {
            notes.add(groups.size() + " GGUF variants found (" + String.join(", ", groups.keySet())
                    + "): facts from " + first.getKey() + "; parameter counts are the same across quantizations");
        }
        List<WeightsHeader> chosen = new ArrayList<>(first.getValue());
        chosen.sort(Comparator.comparing(WeightsHeader::file));
        chosen.addAll(projectors);
        return new Selected(WeightsHeader.GGUF, chosen, !projectors.isEmpty());
    }

    private static boolean isProjector(WeightsHeader h) {
        String type = h.metadata().get("general.type");
        String arch = h.metadata().get("general.architecture");
        return "mmproj".equals(type) || "clip".equals(arch) || h.file().toLowerCase(Locale.ROOT).contains("mmproj");
    }

    /** Exact counts from headers, split by role, with MTP layers set apart. */
    private record WeightsCount(ParamBreakdown params, long mtpParams, long bytes, Long routedBytes, long mtpBytes,
                                String nativeDtype, Integer expertsFromTensors, Integer moeLayersFromTensors) {
    }

    private static WeightsCount countWeights(Selected sel, ConfigCounter.Result cfg) {
        long[] p = new long[11];
        long mtp = 0;
        long bytes = 0;
        long routedBytes = 0;
        long mtpBytes = 0;
        Map<String, Long> byDtype = new LinkedHashMap<>();
        java.util.BitSet expertIds = new java.util.BitSet();
        Set<Integer> moeLayerIds = new java.util.HashSet<>();
        Long expertsFromShape = null;
        int mainLayers = cfg.layers != null && cfg.mtpLayers != null ? cfg.layers : Integer.MAX_VALUE;
        for (WeightsHeader h : sel.headers) {
            TensorSummary ts = h.tensors();
            // Expert indexes are collected over every layer but .nextn.: MTP layers repeat the main layers' experts.
            expertIds.or(ts.expertIds());
            if (expertsFromShape == null) {
                expertsFromShape = ts.expertsFromShape();
            }
            for (Map.Entry<Integer, TensorSummary.LayerTotals> e : ts.layers().entrySet()) {
                TensorSummary.LayerTotals l = e.getValue();
                bytes += l.bytes();
                if (e.getKey() >= mainLayers) {
                    mtp += l.params();
                    mtpBytes += l.bytes();
                    continue;
                }
                routedBytes += l.routedBytes();
                if (l.routed()) {
                    moeLayerIds.add(e.getKey());
                }
                l.paramsByDtype().forEach((d, n) -> byDtype.merge(d, n, Long::sum));
                for (Map.Entry<TensorRole, Long> r : l.paramsByRole().entrySet()) {
                    long n = r.getValue();
                    switch (r.getKey()) {
                        case EMBEDDING -> p[0] += n;
                        case LM_HEAD -> p[1] += n;
                        case ATTENTION -> p[2] += n;
                        case DENSE_MLP -> p[3] += n;
                        case SHARED_EXPERT -> p[4] += n;
                        case ROUTED_EXPERT -> {
                            p[5] += n - l.routedBiasParams();
                            p[6] += l.routedBiasParams();
                        }
                        case ROUTER -> p[7] += n;
                        case VISION -> p[9] += n;
                        case AUDIO -> p[10] += n;
                        default -> p[8] += n;
                    }
                }
            }
        }
        ParamBreakdown pb = new ParamBreakdown(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10]);
        String nativeDtype = null;
        if (sel.format.equals(WeightsHeader.GGUF) && !sel.headers.isEmpty()) {
            Long ft = sel.headers.get(0).integers().get("general.file_type");
            nativeDtype = ft == null ? null : GgmlType.fileTypeName(ft);
        }
        if (nativeDtype == null) {
            nativeDtype = byDtype.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(e -> normaliseDtype(e.getKey())).orElse(null);
        }
        Integer experts = !expertIds.isEmpty() ? (Integer) expertIds.cardinality()
                : expertsFromShape == null ? null : (Integer) (int) Math.min(Integer.MAX_VALUE, expertsFromShape);
        moeLayerIds.remove(-1);
        return new WeightsCount(pb, mtp, bytes, routedBytes > 0 ? routedBytes : null, mtpBytes, nativeDtype, experts,
                moeLayerIds.isEmpty() ? null : moeLayerIds.size());
    }

    private static String normaliseDtype(String d) {
        return switch (d.toUpperCase(Locale.ROOT)) {
            case "BF16" -> "bf16";
            case "F16" -> "fp16";
            case "F32" -> "fp32";
            case "F8_E4M3", "F8_E5M2" -> "fp8";
            case "MXFP4" -> "mxfp4";
            case "INT4_PACKED" -> "int4";
            case "I8", "U8" -> "int8";
            default -> d.toLowerCase(Locale.ROOT);
        };
    }

    /** The checkpoint's quantization method ({@code quant_method}), if any. */
    static String quantMethod(Cfg root) {
        Cfg qc = root.child("quantization_config");
        if (!qc.present()) {
            qc = root.child("text_config").child("quantization_config");
        }
        return qc.present() ? qc.s("quant_method") : null;
    }

    /** Native precision from config: a quantization_config overrides torch_dtype. */
    static String nativeFromConfig(Cfg root) {
        Cfg qc = root.child("quantization_config");
        if (!qc.present()) {
            qc = root.child("text_config").child("quantization_config");
        }
        if (qc.present()) {
            String m = qc.s("quant_method");
            String method = m == null ? "" : m.toLowerCase(Locale.ROOT);
            switch (method) {
                case "fp8", "fbgemm_fp8", "finegrained_fp8" -> {
                    return "fp8";
                }
                case "mxfp4" -> {
                    return "mxfp4";
                }
                case "gptq", "awq", "aqlm", "quanto", "hqq", "eetq", "bitnet" -> {
                    Integer bits = qc.i("bits", "w_bit", "weight_bits", "nbits");
                    return "int" + (bits == null ? 4 : bits);
                }
                case "bitsandbytes" -> {
                    return Boolean.TRUE.equals(qc.b("load_in_4bit")) ? "nf4" : "int8";
                }
                default -> {
                    if (!method.isEmpty()) {
                        return method;
                    }
                }
            }
        }
        String dt = root.s("torch_dtype", "dtype");
        if (dt == null) {
            dt = root.child("text_config").s("torch_dtype", "dtype");
        }
        if (dt == null) {
            return null;
        }
        return switch (dt.toLowerCase(Locale.ROOT).replace("torch.", "")) {
            case "bfloat16" -> "bf16";
            case "float16", "half" -> "fp16";
            case "float32", "float" -> "fp32";
            case "float8_e4m3fn", "float8_e5m2" -> "fp8";
            default -> dt;
        };
    }

    static int bytesPerParam(String nativeDtype) {
        if (nativeDtype == null) {
            return 2;
        }
        return switch (nativeDtype) {
            case "fp32" -> 4;
            case "fp8", "int8" -> 1;
            default -> 2;
        };
    }

    private static Integer orInt(Integer a, Long b) {
        if (a != null) {
            return a;
        }
        return b == null || b > Integer.MAX_VALUE || b < 0 ? null : b.intValue();
    }
}
