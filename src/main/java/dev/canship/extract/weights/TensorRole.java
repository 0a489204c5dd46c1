package dev.canship.extract.weights;

import java.util.Locale;

/**
 * What a tensor is for, decided from its name alone. The roles let parameter counts be split into what every
 * token uses (attention, dense MLP, shared experts, embeddings) and what only the routed experts use, and let
 * quantization scales and buffers be kept out of parameter counts.
 */
public enum TensorRole {
    EMBEDDING,
    LM_HEAD,
    ATTENTION,
    DENSE_MLP,
    SHARED_EXPERT,
    ROUTED_EXPERT,
    ROUTER,
    NORM,
    VISION,
    AUDIO,
    OTHER,
    /** Quantization side data (scales, zero points, group indexes): bytes on disk, not parameters. */
    QUANT_AUX,
    /** Non-learned buffers stored by some exporters (rotary inv_freq, position ids): bytes, not parameters. */
    BUFFER;

    /** True when tensors of this role count as model parameters. */
    public boolean isParameter() {
        return this != QUANT_AUX && this != BUFFER;
    }

    /**
     * Classifies a tensor name from Hugging Face safetensors or GGUF naming. Routed experts are the names of the
     * supported MoE families ({@code .experts.}, {@code block_sparse_moe.experts}, {@code feed_forward.experts},
     * {@code mlp.experts}, DBRX {@code ffn.experts}, GGUF {@code *_exps}); shared experts ({@code shared_expert},
     * {@code shared_experts}, GGUF {@code *_shexp}) are not routed experts because every token runs them.
     */
    public static TensorRole classify(String tensorName) {
        String n = tensorName.toLowerCase(Locale.ROOT);
        String module = moduleName(n);

        // GPT-2 style exports store the causal mask as "h.N.attn.bias"; real biases are "c_attn.bias".
        if (n.endsWith("inv_freq") || n.endsWith("position_ids") || n.endsWith(".masked_bias")
                || n.endsWith(".attn.bias")) {
            return BUFFER;
        }
        if (n.endsWith("_scale_inv") || n.endsWith(".weight_scale") || n.endsWith(".weight_scale_2")
                || n.endsWith(".input_scale") || n.endsWith(".qzeros") || n.endsWith(".scales")
                || n.endsWith("_scales") || n.endsWith(".g_idx") || n.endsWith(".absmax") || n.endsWith(".quant_map")
                || n.endsWith(".nested_absmax") || n.endsWith(".nested_quant_map") || n.contains(".quant_state.")
                || n.endsWith(".weight_zero_point") || n.endsWith(".k_scale") || n.endsWith(".v_scale")
                || n.endsWith(".weight_global_scale") || n.endsWith(".input_global_scale")) {
            return QUANT_AUX;
        }
        if (n.contains("vision_tower") || n.contains("vision_model") || n.startsWith("visual.") || n.contains(".visual.")
                || n.contains("vision_encoder") || n.contains("multi_modal_projector") || n.contains("mm_projector")
                || n.contains("image_newline") || n.contains("embed_vision") || n.startsWith("v.") || n.startsWith("mm.")) {
            return VISION;
        }
        if (n.contains("audio_tower") || n.contains("audio_model") || n.contains("audio_encoder")
                || n.contains("embed_audio") || n.startsWith("a.") || n.startsWith("audio.")) {
            return AUDIO;
        }
        if (n.startsWith("lm_head") || n.contains(".lm_head") || n.equals("output.weight") || n.equals("output.bias")
                || n.endsWith("embed_out.weight") || n.contains("shared_head.head")) {
            return LM_HEAD;
        }
        if (n.contains("embed_tokens") || n.contains("tok_embeddings") || n.startsWith("token_embd")
                || n.contains("wte.") || n.contains("word_embeddings") || n.contains("wpe.")) {
            return EMBEDDING;
        }
        boolean shared = n.contains("shared_expert") || n.contains("_shexp");
        if (!shared && (n.contains(".experts.") || n.contains("_exps"))) {
            return ROUTED_EXPERT;
        }
        if (shared) {
            return SHARED_EXPERT;
        }
        if (n.contains(".router.") || n.endsWith(".router") || n.contains("block_sparse_moe.gate.")
                || n.contains("mlp.gate.") || n.contains("ffn_gate_inp") || n.contains("exp_probs_b")
                || n.contains("feed_forward.gate.")) {
            return ROUTER;
        }
        if (module.contains("norm") || module.startsWith("ln")) {
            return NORM;
        }
        if (n.contains("self_attn") || n.contains(".attention.") || n.contains(".attn.") || n.contains("attn_")
                || n.contains(".attn") || n.contains("attention")) {
            return ATTENTION;
        }
        if (n.contains("mlp") || n.contains("feed_forward") || n.contains("ffn") || n.contains(".fc1")
                || n.contains(".fc2") || n.contains("dense_h_to_4h") || n.contains("dense_4h_to_h")) {
            return DENSE_MLP;
        }
        return OTHER;
    }

    /** The module part of a tensor name: the last segment, or the one before a trailing weight/bias. */
    private static String moduleName(String n) {
        String[] parts = n.split("\\.");
        if (parts.length >= 2) {
            String last = parts[parts.length - 1];
            if (last.equals("weight") || last.equals("bias") || last.equals("scale")) {
                return parts[parts.length - 2];
            }
            return last;
        }
        return n;
    }
}
