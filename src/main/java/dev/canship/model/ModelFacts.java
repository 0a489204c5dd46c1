package dev.canship.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Facts about a model read from its config.json and weight headers: size, MoE shape, attention layout,
 * modalities and native precision. Immutable; serialises to JSON with snake_case names.
 *
 * @param architecture      {@code model_type} (e.g. {@code llama4}, {@code deepseek_v3}), or GGUF
 *                          {@code general.architecture}
 * @param architectures     the model class name ({@code architectures[0]}), if given
 * @param totalParams       all parameters (language model, vision/audio towers), excluding MTP modules
 * @param activeParams      parameters used per text token, see {@link #paramsConvention()}
 * @param paramsConvention  what the two counts include, in words
 * @param params            the counts split by role
 * @param inputEmbeddingParams input embedding parameters (some publishers leave them out of "active")
 * @param mtpParams         multi-token-prediction parameters shipped in the checkpoint but not counted above
 * @param experts           routed experts per MoE layer, or null for dense models
 * @param expertsPerToken   routed experts used per token
 * @param sharedExperts     always-on shared experts per MoE layer
 * @param layers            decoder layers (MTP layers excluded)
 * @param moeLayers         decoder layers that are MoE
 * @param hiddenSize        model width
 * @param attentionHeads    query heads
 * @param kvHeads           key/value heads
 * @param headDim           head dimension
 * @param vocabSize         vocabulary size
 * @param contextLength     maximum context the config declares ({@code max_position_embeddings})
 * @param modalities        input modalities: {@code text}, plus {@code image} and/or {@code audio}
 * @param multimodal        more than text
 * @param nativeDtype       precision of the checkpoint as shipped: bf16, fp16, fp32, fp8, mxfp4, a GGUF file type...
 * @param quantization      quantization method of the shipped checkpoint ({@code quant_method}), else null
 * @param attentionLayout   per-layer-type attention (global, sliding, chunked, MLA)
 * @param tiedEmbeddings    whether the LM head shares the input embedding matrix
 * @param checkpoint        bytes of tensor data when weight headers or the index were read
 * @param source            {@code config}, {@code weights} or {@code config+weights}
 * @param estimated         true when a count rests on assumptions (unknown architecture, missing keys)
 * @param notes             what was assumed or noticed, one sentence each
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelFacts(
        String architecture,
        String architectures,
        long totalParams,
        long activeParams,
        String paramsConvention,
        ParamBreakdown params,
        long inputEmbeddingParams,
        long mtpParams,
        Integer experts,
        Integer expertsPerToken,
        Integer sharedExperts,
        Integer layers,
        Integer moeLayers,
        Integer hiddenSize,
        Integer attentionHeads,
        Integer kvHeads,
        Integer headDim,
        Integer vocabSize,
        Long contextLength,
        List<String> modalities,
        boolean multimodal,
        String nativeDtype,
        String quantization,
        AttentionLayout attentionLayout,
        Boolean tiedEmbeddings,
        CheckpointSize checkpoint,
        String source,
        boolean estimated,
        List<String> notes) {

    /** The convention used for {@link #totalParams()} and {@link #activeParams()}. */
    public static final String CONVENTION = "total counts every parameter including input embeddings, LM head "
            + "and any vision/audio tower, excluding multi-token-prediction modules; active counts every "
            + "language-model weight a text token touches: all non-expert weights including input embeddings "
            + "and LM head, plus the routed experts used per token (towers are excluded, as they run per image "
            + "or clip, not per token)";

    public ModelFacts {
        modalities = List.copyOf(modalities);
        notes = List.copyOf(notes);
    }

    /** Whether the model routes tokens to experts (serialised as {@code "moe"}). */
    @JsonProperty("moe")
    public boolean isMoe() {
        return experts != null && experts > 1;
    }

    /**
     * Active parameters without the input embedding lookup, the convention of publishers that count only
     * weights taking part in matrix multiplications (OpenAI for gpt-oss, for instance).
     */
    public long activeParamsExcludingInputEmbeddings() {
        return activeParams - inputEmbeddingParams;
    }
}
