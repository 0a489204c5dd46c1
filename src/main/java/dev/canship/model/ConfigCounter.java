package dev.canship.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Parameter arithmetic from config.json for the supported families, following each family's Hugging Face
 * modelling code (which tensors exist, which carry biases, which layers are MoE). Unknown families get a
 * Llama-shaped estimate from common keys.
 */
final class ConfigCounter {

    /** What the arithmetic found; fields left null are unknown. */
    static final class Result {
        String modelType;
        String archClass;
        ParamBreakdown params = ParamBreakdown.EMPTY;
        long mtp;
        Integer experts;
        Integer expertsPerToken;
        Integer sharedExperts;
        Integer layers;
        Integer moeLayers;
        Integer hidden;
        Integer heads;
        Integer kvHeads;
        Integer headDim;
        Integer vocab;
        Long context;
        AttentionLayout layout;
        Boolean tied;
        boolean vision;
        boolean audio;
        boolean counted;
        boolean estimated;
        Integer mtpLayers;
        final List<String> notes = new ArrayList<>();
    }

    /** Mutable counterpart of {@link ParamBreakdown}. */
    private static final class Acc {
        long embedding, lmHead, attention, denseMlp, shared, routed, routedBias, routers, norms, vision, audio;

        ParamBreakdown build() {
            return new ParamBreakdown(embedding, lmHead, attention, denseMlp, shared, routed, routedBias, routers,
                    norms, vision, audio);
        }
    }

    /** The shape of a decoder stack, filled per family and summed by {@link #decoder}. */
    private static final class Spec {
        long h;
        int layers;
        int heads;
        int kv;
        int hd;
        int vhd;
        boolean qkvBias;
        boolean oBias;
        long qkNormPerLayer;
        long attnExtraPerLayer;
        Long attnOverridePerLayer;
        int normsPerLayer = 2;
        long normWidthFactor = 1; // 2 for LayerNorm with bias
        long denseI;
        int mlpMatrices = 3; // gated SwiGLU/GeGLU
        boolean mlpBias;
        IntPredicate isMoe = i -> false;
        int experts;
        int k;
        long expertI;
        boolean expertBias;
        long routerPerLayer;
        int shared;
        long sharedI;
        long sharedGatePerLayer;
        long vocab;
        boolean tied;
        long lmHeadBias;
    }

    private ConfigCounter() {
    }

    static Result count(JsonNode config) {
        Result r = new Result();
        Cfg root = new Cfg(config);
        if (!root.present()) {
            return r;
        }
        Cfg text = root.has("text_config") ? root.child("text_config")
                : root.has("llm_config") ? root.child("llm_config") : root;
        r.modelType = root.s("model_type");
        if (r.modelType == null) {
            r.modelType = text.s("model_type");
        }
        List<String> archs = root.strings("architectures");
        if (archs == null && text != root) {
            archs = text.strings("architectures");
        }
        r.archClass = archs != null && !archs.isEmpty() ? archs.get(0) : null;
        String mt = r.modelType == null ? "" : r.modelType.toLowerCase(Locale.ROOT);
        Acc acc = new Acc();
        switch (mt) {
            case "llama4" -> llama4(root, text, r, acc);
            case "deepseek_v3", "deepseek_v2", "kimi_k2" -> deepseek(text, r, acc);
            case "gpt_oss" -> gptOss(text, r, acc);
            case "mixtral", "phimoe" -> mixtralLike(mt, text, r, acc);
            case "qwen2_moe", "qwen3_moe" -> qwenMoe(mt, text, r, acc);
            case "olmoe" -> olmoe(text, r, acc);
            case "dbrx" -> dbrx(text, r, acc);
            default -> dense(mt, text, r, acc);
        }
        towers(root, r, acc);
        r.params = acc.build();
        r.context = firstNonNull(text.l("max_position_embeddings", "max_seq_len", "n_positions", "seq_length",
                "max_sequence_length"), root.l("max_position_embeddings", "max_seq_len"));
        return r;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Families

    private static void dense(String mt, Cfg c, Result r, Acc acc) {
        boolean known = Set.of("llama", "mistral", "qwen2", "qwen3", "gemma", "gemma2", "gemma3", "gemma3_text",
                "phi3", "granite", "olmo2", "cohere", "starcoder2", "internlm2", "yi", "exaone").contains(mt);
        Spec s = commonSpec(c, r);
        if (s == null) {
            r.notes.add("config lacks hidden size, layer count or head count: parameters not computed from config");
            return;
        }
        boolean gemma = mt.startsWith("gemma");
        s.qkvBias = Boolean.TRUE.equals(c.b("attention_bias")) || mt.equals("qwen2");
        s.oBias = Boolean.TRUE.equals(c.b("attention_bias")) && !mt.equals("qwen2");
        s.mlpBias = Boolean.TRUE.equals(c.b("mlp_bias"));
        if (mt.equals("qwen3") || mt.equals("gemma3") || mt.equals("gemma3_text")) {
            s.qkNormPerLayer = 2L * s.hd;
        }
        if (mt.equals("olmo2")) {
            s.qkNormPerLayer = (long) s.heads * s.hd + (long) s.kv * s.hd;
        }
        if (mt.equals("gemma2") || mt.equals("gemma3") || mt.equals("gemma3_text")) {
            s.normsPerLayer = 4;
        }
        Long inter = c.l("intermediate_size", "n_inner", "ffn_hidden_size", "ffn_dim");
        if (inter == null) {
            inter = 4 * s.h;
            r.estimated = true;
            r.notes.add("intermediate_size missing: assumed 4 x hidden size");
        }
        s.denseI = inter;
        String act = c.s("hidden_act", "hidden_activation", "activation_function");
        if (!known && act != null && (act.startsWith("gelu") || act.equals("relu")) && !mt.startsWith("gemma")) {
            s.mlpMatrices = 2; // plain (non-gated) MLP is the usual pairing with GELU/ReLU outside Gemma
        }
        s.tied = tied(c, r, gemma, known);
        if (!known) {
            r.estimated = true;
            r.notes.add("architecture '" + (mt.isEmpty() ? "unknown" : mt)
                    + "' is not modelled: parameters estimated from common keys as a Llama-shaped decoder");
            Integer e = c.i("num_local_experts", "num_experts", "n_routed_experts", "moe_num_experts");
            Integer k = c.i("num_experts_per_tok", "experts_per_token", "moe_top_k", "num_experts_per_token");
            if (e != null && e > 1 && k != null) {
                s.experts = e;
                s.k = k;
                s.expertI = c.l("moe_intermediate_size", "expert_intermediate_size") != null
                        ? c.l("moe_intermediate_size", "expert_intermediate_size") : inter;
                s.isMoe = i -> true;
                s.routerPerLayer = (long) e * s.h;
                r.experts = e;
                r.expertsPerToken = k;
                r.notes.add("expert keys found: every layer assumed MoE with " + e + " experts, " + k + " per token");
            }
        }
        decoder(s, r, acc);
        r.layout = layout(mt, c, s, r);
    }

    private static void mixtralLike(String mt, Cfg c, Result r, Acc acc) {
        Spec s = commonSpec(c, r);
        if (s == null) {
            return;
        }
        boolean phi = mt.equals("phimoe");
        s.denseI = c.l("intermediate_size") == null ? 14336 : c.l("intermediate_size");
        s.experts = c.i(8, "num_local_experts");
        s.k = c.i(2, "num_experts_per_tok");
        s.expertI = s.denseI;
        s.isMoe = i -> true;
        s.routerPerLayer = (long) s.experts * s.h;
        if (phi) {
            // PhiMoE: biased attention projections, LayerNorm with bias, biased LM head.
            s.qkvBias = !Boolean.FALSE.equals(c.b("attention_bias"));
            s.oBias = s.qkvBias;
            s.normWidthFactor = 2;
            if (!Boolean.FALSE.equals(c.b("lm_head_bias"))) {
                s.lmHeadBias = c.l("vocab_size") == null ? 0 : c.l("vocab_size");
            }
        }
        s.tied = tied(c, r, false, true);
        r.experts = s.experts;
        r.expertsPerToken = s.k;
        decoder(s, r, acc);
        r.layout = layout(mt, c, s, r);
    }

    private static void qwenMoe(String mt, Cfg c, Result r, Acc acc) {
        Spec s = commonSpec(c, r);
        if (s == null) {
            return;
        }
        boolean q3 = mt.equals("qwen3_moe");
        s.qkvBias = !q3 || Boolean.TRUE.equals(c.b("attention_bias"));
        if (q3) {
            s.qkNormPerLayer = 2L * s.hd;
        }
        s.denseI = c.l("intermediate_size") == null ? 0 : c.l("intermediate_size");
        s.experts = c.i(0, "num_experts");
        s.k = c.i(0, "num_experts_per_tok");
        s.expertI = c.l("moe_intermediate_size") == null ? s.denseI : c.l("moe_intermediate_size");
        int step = Math.max(1, c.i(1, "decoder_sparse_step"));
        Set<Long> mlpOnly = new HashSet<>(c.longs("mlp_only_layers") == null ? List.of() : c.longs("mlp_only_layers"));
        int experts = s.experts;
        s.isMoe = i -> experts > 0 && !mlpOnly.contains((long) i) && (i + 1) % step == 0;
        s.routerPerLayer = (long) s.experts * s.h;
        Long sharedI = c.l("shared_expert_intermediate_size");
        if (sharedI != null && sharedI > 0) {
            s.shared = 1;
            s.sharedI = sharedI;
            s.sharedGatePerLayer = s.h; // shared_expert_gate: hidden -> 1
            r.sharedExperts = 1;
        }
        s.tied = tied(c, r, false, true);
        r.experts = s.experts;
        r.expertsPerToken = s.k;
        decoder(s, r, acc);
        r.layout = layout(mt, c, s, r);
    }

    private static void olmoe(Cfg c, Result r, Acc acc) {
        Spec s = commonSpec(c, r);
        if (s == null) {
            return;
        }
        // OLMoE normalises q and k over their full projected width.
        s.qkNormPerLayer = (long) s.heads * s.hd + (long) s.kv * s.hd;
        s.denseI = c.l("intermediate_size") == null ? 1024 : c.l("intermediate_size");
        s.experts = c.i(64, "num_experts");
        s.k = c.i(8, "num_experts_per_tok");
        s.expertI = s.denseI;
        s.isMoe = i -> true;
        s.routerPerLayer = (long) s.experts * s.h;
        s.tied = tied(c, r, false, true);
        r.experts = s.experts;
        r.expertsPerToken = s.k;
        decoder(s, r, acc);
        r.layout = layout("olmoe", c, s, r);
    }

    private static void dbrx(Cfg c, Result r, Acc acc) {
        Cfg attn = c.child("attn_config");
        Cfg ffn = c.child("ffn_config");
        Long h = c.l("d_model", "hidden_size");
        Integer layers = c.i("n_layers", "num_hidden_layers");
        Integer heads = c.i("n_heads", "num_attention_heads");
        if (h == null || layers == null || heads == null) {
            r.notes.add("dbrx config lacks d_model, n_layers or n_heads");
            return;
        }
        Spec s = new Spec();
        s.h = h;
        s.layers = layers;
        s.heads = heads;
        s.kv = attn.i(heads, "kv_n_heads");
        s.hd = (int) (h / heads);
        s.vhd = s.hd;
        s.denseI = ffn.l("ffn_hidden_size") == null ? 4 * h : ffn.l("ffn_hidden_size");
        s.experts = ffn.i(16, "moe_num_experts");
        s.k = ffn.i(4, "moe_top_k");
        s.expertI = s.denseI;
        s.isMoe = i -> true;
        s.routerPerLayer = (long) s.experts * h;
        s.vocab = c.l("vocab_size") == null ? 100352 : c.l("vocab_size");
        s.tied = tied(c, r, false, true);
        r.layers = layers;
        r.hidden = (int) h.longValue();
        r.heads = heads;
        r.kvHeads = s.kv;
        r.headDim = s.hd;
        r.vocab = (int) s.vocab;
        r.experts = s.experts;
        r.expertsPerToken = s.k;
        decoder(s, r, acc);
        r.layout = new AttentionLayout(List.of(new AttentionGroup(AttentionGroup.GLOBAL, layers, null, s.kv, s.hd,
                s.hd, null, null, null)));
    }

    private static void gptOss(Cfg c, Result r, Acc acc) {
        Spec s = commonSpec(c, r);
        if (s == null) {
            return;
        }
        s.qkvBias = !Boolean.FALSE.equals(c.b("attention_bias"));
        s.oBias = s.qkvBias;
        s.attnExtraPerLayer = s.heads; // attention sinks, one per head
        s.experts = c.i(128, "num_local_experts");
        s.k = c.i(4, "num_experts_per_tok", "experts_per_token");
        s.expertI = c.l("intermediate_size") == null ? s.h : c.l("intermediate_size");
        s.expertBias = true;
        s.isMoe = i -> true;
        s.routerPerLayer = (long) s.experts * s.h + s.experts; // router with bias
        s.tied = tied(c, r, false, true);
        r.experts = s.experts;
        r.expertsPerToken = s.k;
        decoder(s, r, acc);
        r.layout = layout("gpt_oss", c, s, r);
    }

    private static void deepseek(Cfg c, Result r, Acc acc) {
        Spec s = commonSpec(c, r);
        if (s == null) {
            return;
        }
        long h = s.h;
        int heads = s.heads;
        int nope = c.i(128, "qk_nope_head_dim");
        int rope = c.i(64, "qk_rope_head_dim");
        int vdim = c.i(128, "v_head_dim");
        int kvRank = c.i(512, "kv_lora_rank");
        Integer qRank = c.i("q_lora_rank");
        long qk = nope + rope;
        long attn = qRank == null || qRank <= 0
                ? h * heads * qk
                : h * qRank + qRank + (long) qRank * heads * qk;
        attn += h * (kvRank + rope) + kvRank + (long) kvRank * heads * (nope + vdim) + (long) heads * vdim * h;
        s.attnOverridePerLayer = attn;
        s.denseI = c.l("intermediate_size") == null ? 18432 : c.l("intermediate_size");
        s.experts = c.i(0, "n_routed_experts");
        s.k = c.i(0, "num_experts_per_tok");
        s.expertI = c.l("moe_intermediate_size") == null ? 2048 : c.l("moe_intermediate_size");
        int firstDense = c.i(0, "first_k_dense_replace");
        int freq = Math.max(1, c.i(1, "moe_layer_freq"));
        int experts = s.experts;
        s.isMoe = i -> experts > 0 && i >= firstDense && i % freq == 0;
        boolean corrBias = "noaux_tc".equals(c.s("topk_method"));
        s.routerPerLayer = (long) s.experts * h + (corrBias ? s.experts : 0);
        s.shared = c.i(0, "n_shared_experts");
        s.sharedI = s.expertI;
        s.tied = tied(c, r, false, true);
        r.experts = s.experts;
        r.expertsPerToken = s.k;
        r.sharedExperts = s.shared;
        r.headDim = (int) qk;
        decoder(s, r, acc);
        r.layout = new AttentionLayout(List.of(new AttentionGroup(AttentionGroup.MLA, s.layers, null, 0, (int) qk,
                vdim, kvRank, rope, null)));
        int mtpLayers = c.i(0, "num_nextn_predict_layers");
        if (mtpLayers > 0) {
            // Each MTP module: a full MoE decoder layer, two norms on its inputs, a 2h->h projection, a final
            // norm, and (in the released checkpoint) its own copies of the embedding and the output head.
            long moeLayer = attn + 2 * h + (long) s.experts * 3 * h * s.expertI + (long) s.shared * 3 * h * s.sharedI
                    + s.routerPerLayer;
            long perModule = moeLayer + 2 * h + 2 * h * h + h + 2 * s.vocab * h;
            r.mtp = perModule * mtpLayers;
            r.mtpLayers = mtpLayers;
            r.notes.add("num_nextn_predict_layers=" + mtpLayers + ": the multi-token-prediction module ("
                    + billions(r.mtp) + " parameters) ships in the checkpoint but is not counted in total or active, "
                    + "as DeepSeek's 671B/37B exclude it; the hub's 685B includes it");
        }
    }

    private static void llama4(Cfg root, Cfg c, Result r, Acc acc) {
        Spec s = commonSpec(c, r);
        if (s == null) {
            return;
        }
        s.denseI = c.l("intermediate_size_mlp") == null ? 16384 : c.l("intermediate_size_mlp");
        s.expertI = c.l("intermediate_size") == null ? 8192 : c.l("intermediate_size");
        s.experts = c.i(16, "num_local_experts");
        s.k = c.i(1, "num_experts_per_tok");
        List<Long> moeList = c.longs("moe_layers");
        int step = Math.max(1, c.i(1, "interleave_moe_layer_step"));
        if (moeList != null && !moeList.isEmpty()) {
            Set<Long> set = new HashSet<>(moeList);
            s.isMoe = i -> set.contains((long) i);
        } else {
            s.isMoe = i -> (i + 1) % step == 0; // HF: range(step - 1, layers, step)
        }
        s.routerPerLayer = (long) s.experts * s.h;
        s.shared = 1; // every Llama 4 MoE layer has one shared expert of the expert width
        s.sharedI = s.expertI;
        // Llama 4's qk-norm is a weightless L2 norm: no parameters.
        s.tied = tied(c, r, false, true);
        r.experts = s.experts;
        r.expertsPerToken = s.k;
        r.sharedExperts = 1;
        decoder(s, r, acc);
        r.layout = llama4Layout(c, s);
        if (!root.has("vision_config") && r.archClass != null && r.archClass.contains("ConditionalGeneration")) {
            r.notes.add("architectures names " + r.archClass + " but config.json has no vision_config: the vision "
                    + "tower (about 0.87B parameters in Llama 4) is not counted");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Vision and audio towers

    private static void towers(Cfg root, Result r, Acc acc) {
        Cfg v = root.child("vision_config");
        if (v.present()) {
            r.vision = true;
            String vt = v.s("model_type");
            Long textH = root.child("text_config").l("hidden_size");
            if (textH == null) {
                textH = root.l("hidden_size");
            }
            long p;
            if ("llama4_vision_model".equals(vt)) {
                p = llama4Vision(v, textH == null ? 5120 : textH);
            } else if (vt != null && vt.startsWith("siglip")) {
                p = siglip(v, root, textH);
            } else {
                p = genericTower(v, textH, r, "vision");
            }
            acc.vision += p;
        }
        Cfg a = root.child("audio_config");
        if (a.present()) {
            r.audio = true;
            Long textH = root.child("text_config").l("hidden_size");
            acc.audio += genericTower(a, textH, r, "audio");
        }
    }

    /** Llama 4 vision encoder, pixel-shuffle adapter and projector, per the HF Llama4VisionModel. */
    private static long llama4Vision(Cfg v, long textH) {
        long h = v.l("hidden_size") == null ? 1408 : v.l("hidden_size");
        long inter = v.l("intermediate_size") == null ? 5632 : v.l("intermediate_size");
        long layers = v.l("num_hidden_layers") == null ? 34 : v.l("num_hidden_layers");
        long image = v.l("image_size") == null ? 336 : v.l("image_size");
        long patch = v.l("patch_size") == null ? 14 : v.l("patch_size");
        long channels = v.l("num_channels") == null ? 3 : v.l("num_channels");
        long projIn = v.l("projector_input_dim") == null ? 4096 : v.l("projector_input_dim");
        long projOut = v.l("projector_output_dim") == null ? 4096 : v.l("projector_output_dim");
        long outDim = v.l("vision_output_dim") == null ? 4096 : v.l("vision_output_dim");
        long perLayer = 4 * (h * h + h) + (h * inter + inter) + (inter * h + h) + 4 * h;
        long patches = (image / patch) * (image / patch) + 1;
        long embed = channels * patch * patch * h + h /* class embedding */ + patches * h + 4 * h /* pre/post LN */;
        long adapter = inter * projIn + projOut * projOut; // pixel-shuffle MLP, no biases
        long projector = outDim * textH;
        return layers * perLayer + embed + adapter + projector;
    }

    /** SigLIP vision tower (Gemma 3) plus Gemma 3's multimodal projector. */
    private static long siglip(Cfg v, Cfg root, Long textH) {
        long h = v.l("hidden_size") == null ? 1152 : v.l("hidden_size");
        long inter = v.l("intermediate_size") == null ? 4304 : v.l("intermediate_size");
        long layers = v.l("num_hidden_layers") == null ? 27 : v.l("num_hidden_layers");
        long image = v.l("image_size") == null ? 896 : v.l("image_size");
        long patch = v.l("patch_size") == null ? 14 : v.l("patch_size");
        long channels = v.l("num_channels") == null ? 3 : v.l("num_channels");
        long perLayer = 4 * (h * h + h) + (h * inter + inter) + (inter * h + h) + 4 * h;
        long patches = (image / patch) * (image / patch);
        long embed = channels * patch * patch * h + h + patches * h + 2 * h /* post layernorm */;
        long projector = 0;
        if (textH != null && "gemma3".equals(root.s("model_type"))) {
            projector = h * textH + h; // mm_input_projection_weight + mm_soft_emb_norm
        }
        return layers * perLayer + embed + projector;
    }

    /** A ViT/Whisper-shaped encoder from common keys; marks the result estimated. */
    private static long genericTower(Cfg t, Long textH, Result r, String what) {
        Long h = t.l("hidden_size", "d_model", "width", "embed_dim");
        Long layers = t.l("num_hidden_layers", "encoder_layers", "depth", "layers");
        Long inter = t.l("intermediate_size", "encoder_ffn_dim", "mlp_dim");
        r.estimated = true;
        if (h == null || layers == null) {
            r.notes.add(what + "_config present but its size keys are missing: " + what + " tower not counted");
            return 0;
        }
        long i = inter == null ? 4 * h : inter;
        long perLayer = 4 * (h * h + h) + 2 * h * i + i + h + 4 * h;
        long projector = textH == null ? 0 : h * textH;
        r.notes.add(what + " tower counted as a generic transformer encoder (" + layers + " layers of width " + h
                + "), an estimate");
        return layers * perLayer + projector;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Shared pieces

    /** Width, depth, heads and vocabulary common to decoder families; null when the basics are missing. */
    private static Spec commonSpec(Cfg c, Result r) {
        Long h = c.l("hidden_size", "n_embd", "d_model", "dim");
        Integer layers = c.i("num_hidden_layers", "n_layer", "num_layers", "n_layers");
        Integer heads = c.i("num_attention_heads", "n_head", "num_heads", "n_heads");
        if (h == null || layers == null || heads == null || heads <= 0 || layers <= 0 || h <= 0) {
            return null;
        }
        Spec s = new Spec();
        s.h = h;
        s.layers = layers;
        s.heads = heads;
        Integer kv = c.i("num_key_value_heads", "num_kv_heads", "n_head_kv");
        if (kv == null && Boolean.TRUE.equals(c.b("multi_query"))) {
            kv = 1;
        }
        s.kv = kv == null ? heads : kv;
        Integer hd = c.i("head_dim");
        s.hd = hd != null ? hd : (int) (h / heads);
        s.vhd = s.hd;
        Long vocab = c.l("vocab_size", "padded_vocab_size", "n_vocab");
        if (vocab == null) {
            r.estimated = true;
            r.notes.add("vocab_size missing: embeddings not counted");
            vocab = 0L;
        }
        s.vocab = vocab;
        r.layers = layers;
        r.hidden = (int) h.longValue();
        r.heads = heads;
        r.kvHeads = s.kv;
        r.headDim = s.hd;
        r.vocab = (int) s.vocab;
        return s;
    }

    private static boolean tied(Cfg c, Result r, boolean gemma, boolean known) {
        Boolean t = c.b("tie_word_embeddings");
        if (t != null) {
            r.tied = t;
            return t;
        }
        // Gemma ties by default; the Llama-family configs default to untied. Unknown families: say it is assumed.
        r.tied = gemma;
        if (!known) {
            r.notes.add("tie_word_embeddings missing: assumed " + (gemma ? "tied" : "untied"));
        }
        return gemma;
    }

    /** Sums a decoder stack into {@code acc}. */
    private static void decoder(Spec s, Result r, Acc acc) {
        long h = s.h;
        long qDim = (long) s.heads * s.hd;
        long kDim = (long) s.kv * s.hd;
        long vDim = (long) s.kv * s.vhd;
        long oIn = (long) s.heads * s.vhd;
        long attn = s.attnOverridePerLayer != null ? s.attnOverridePerLayer
                : h * qDim + h * kDim + h * vDim + oIn * h
                + (s.qkvBias ? qDim + kDim + vDim : 0) + (s.oBias ? h : 0);
        attn += s.attnExtraPerLayer;
        long normsPerLayer = s.normsPerLayer * h * s.normWidthFactor + s.qkNormPerLayer;
        long denseMlp = s.mlpMatrices * h * s.denseI + (s.mlpBias ? (s.mlpMatrices - 1) * s.denseI + h : 0);
        long expertWeights = (long) s.experts * s.mlpMatrices * h * s.expertI;
        long expertBiases = s.expertBias ? (long) s.experts * (2 * s.expertI + h) : 0;
        long sharedPerLayer = (long) s.shared * 3 * h * s.sharedI + s.sharedGatePerLayer;
        int moeLayers = 0;
        for (int i = 0; i < s.layers; i++) {
            acc.attention += attn;
            acc.norms += normsPerLayer;
            if (s.experts > 0 && s.isMoe.test(i)) {
                moeLayers++;
                acc.routed += expertWeights;
                acc.routedBias += expertBiases;
                acc.routers += s.routerPerLayer;
                acc.shared += sharedPerLayer;
            } else {
                acc.denseMlp += denseMlp;
            }
        }
        acc.embedding += s.vocab * h;
        acc.lmHead += s.tied ? 0 : s.vocab * h + s.lmHeadBias;
        acc.norms += h * s.normWidthFactor; // final norm
        r.moeLayers = s.experts > 0 ? moeLayers : null;
        r.counted = true;
        if (s.experts > 0 && r.experts == null) {
            r.experts = s.experts;
            r.expertsPerToken = s.k;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Attention layouts

    private static AttentionLayout layout(String mt, Cfg c, Spec s, Result r) {
        Long window = c.l("sliding_window");
        List<String> types = c.strings("layer_types");
        if (types != null && types.size() == s.layers) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String t : types) {
                counts.merge(t, 1, Integer::sum);
            }
            List<AttentionGroup> groups = new ArrayList<>();
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                String t = e.getKey();
                if (t.contains("sliding")) {
                    groups.add(group(AttentionGroup.SLIDING, e.getValue(), window, s));
                } else if (t.contains("chunk")) {
                    groups.add(group(AttentionGroup.CHUNKED, e.getValue(), c.l("attention_chunk_size"), s));
                } else if (t.contains("linear") || t.contains("mamba")) {
                    groups.add(group(AttentionGroup.LINEAR, e.getValue(), null, s));
                } else {
                    groups.add(group(AttentionGroup.GLOBAL, e.getValue(), null, s));
                }
            }
            return new AttentionLayout(groups);
        }
        if (window != null && window > 0) {
            if (mt.equals("gemma3") || mt.equals("gemma3_text")) {
                int pattern = c.i(6, "sliding_window_pattern");
                return splitLayout(s, window, i -> pattern > 0 && (i + 1) % pattern != 0);
            }
            if (mt.equals("gemma2")) {
                return splitLayout(s, window, i -> i % 2 == 0);
            }
            if (mt.startsWith("qwen")) {
                if (!Boolean.TRUE.equals(c.b("use_sliding_window"))) {
                    return allGlobal(s);
                }
                int maxWindowLayers = c.i(s.layers, "max_window_layers");
                return splitLayout(s, window, i -> i >= maxWindowLayers);
            }
            if (mt.equals("gpt_oss")) {
                return splitLayout(s, window, i -> i % 2 == 0);
            }
            return new AttentionLayout(List.of(group(AttentionGroup.SLIDING, s.layers, window, s)));
        }
        return allGlobal(s);
    }

    private static AttentionLayout llama4Layout(Cfg c, Spec s) {
        Long chunk = c.l("attention_chunk_size");
        if (chunk == null || chunk <= 0) {
            return allGlobal(s);
        }
        List<String> types = c.strings("layer_types");
        List<Long> noRope = c.longs("no_rope_layers");
        int interval = c.i(4, "no_rope_layer_interval");
        int chunked = 0;
        for (int i = 0; i < s.layers; i++) {
            boolean isChunked;
            if (types != null && types.size() == s.layers) {
                isChunked = types.get(i).contains("chunk");
            } else if (noRope != null && noRope.size() == s.layers) {
                isChunked = noRope.get(i) != 0; // 1 = uses RoPE = chunked local attention; 0 = global, no RoPE
            } else {
                isChunked = (i + 1) % interval != 0;
            }
            if (isChunked) {
                chunked++;
            }
        }
        List<AttentionGroup> groups = new ArrayList<>();
        if (chunked > 0) {
            groups.add(new AttentionGroup(AttentionGroup.CHUNKED, chunked, chunk, s.kv, s.hd, s.vhd, null, null, true));
        }
        if (s.layers - chunked > 0) {
            groups.add(new AttentionGroup(AttentionGroup.GLOBAL, s.layers - chunked, null, s.kv, s.hd, s.vhd, null,
                    null, false));
        }
        return new AttentionLayout(groups);
    }

    private static AttentionLayout splitLayout(Spec s, long window, IntPredicate sliding) {
        int n = 0;
        for (int i = 0; i < s.layers; i++) {
            if (sliding.test(i)) {
                n++;
            }
        }
        List<AttentionGroup> groups = new ArrayList<>();
        if (n > 0) {
            groups.add(group(AttentionGroup.SLIDING, n, window, s));
        }
        if (s.layers - n > 0) {
            groups.add(group(AttentionGroup.GLOBAL, s.layers - n, null, s));
        }
        return new AttentionLayout(groups);
    }

    private static AttentionLayout allGlobal(Spec s) {
        return new AttentionLayout(List.of(group(AttentionGroup.GLOBAL, s.layers, null, s)));
    }

    private static AttentionGroup group(String type, int layers, Long window, Spec s) {
        return new AttentionGroup(type, layers, AttentionGroup.GLOBAL.equals(type) ? null : window, s.kv, s.hd, s.vhd,
                null, null, null);
    }

    static String billions(long n) {
        return String.format(Locale.ROOT, "%.2fB", n / 1e9);
    }

    private static <T> T firstNonNull(T a, T b) {
        return a != null ? a : b;
    }
}
