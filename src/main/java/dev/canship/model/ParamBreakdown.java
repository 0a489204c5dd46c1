package dev.canship.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Parameters split by what they do, so that totals, active counts and mixed-precision sizes can all be derived
 * from one place. Multi-token-prediction modules are not here (see {@link ModelFacts#mtpParams()}).
 *
 * @param embedding          input token embeddings (and learned position embeddings)
 * @param lmHead             output projection; 0 when tied to the input embeddings
 * @param attention          attention projections (with their biases, sinks, MLA low-rank parts)
 * @param denseMlp           MLPs of dense layers
 * @param sharedExperts      always-on shared experts of MoE layers (and their gates)
 * @param routedExperts      routed expert weight matrices, all experts
 * @param routedExpertBiases routed expert biases (gpt-oss), kept apart because quantizers leave them in bf16
 * @param routers            router / gate projections
 * @param norms              normalisation weights and other small tensors
 * @param vision             vision tower and its projector
 * @param audio              audio tower and its projector
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ParamBreakdown(long embedding, long lmHead, long attention, long denseMlp, long sharedExperts,
                             long routedExperts, long routedExpertBiases, long routers, long norms, long vision,
                             long audio) {

    public static final ParamBreakdown EMPTY = new ParamBreakdown(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Every parameter counted here. */
    public long total() {
        return embedding + lmHead + attention + denseMlp + sharedExperts + routedExperts + routedExpertBiases
                + routers + norms + vision + audio;
    }

    /** Parameters of the language model only (no vision or audio tower). */
    public long languageModel() {
        return total() - vision - audio;
    }

    /** All routed-expert parameters (weights and biases). */
    public long allRoutedExperts() {
        return routedExperts + routedExpertBiases;
    }

    /**
     * Parameters a text token touches: every language-model weight except the routed experts, plus
     * {@code expertsPerToken / experts} of the routed experts (every MoE layer routes each token to that many).
     */
    public long active(int experts, int expertsPerToken) {
        long routed = allRoutedExperts();
        long activeRouted = experts > 0 ? Math.round(routed * (double) expertsPerToken / experts) : routed;
        return languageModel() - routed + activeRouted;
    }

    /** Sum of two breakdowns. */
    public ParamBreakdown plus(ParamBreakdown o) {
        return new ParamBreakdown(embedding + o.embedding, lmHead + o.lmHead, attention + o.attention,
                denseMlp + o.denseMlp, sharedExperts + o.sharedExperts, routedExperts + o.routedExperts,
                routedExpertBiases + o.routedExpertBiases, routers + o.routers, norms + o.norms, vision + o.vision,
                audio + o.audio);
    }
}
