package dev.canship.extract.weights;

import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The tensors of one weights header, totalled as they were read: a header may declare a million tensors, so only
 * counts and sums per layer, role and dtype are kept, plus the first {@link TensorTally#MAX_LISTED} tensors as
 * examples. {@link #listed()} says how many of {@link #count()} are listed.
 *
 * @param count            tensors the header declares
 * @param listed           the first tensors in file order, at most {@link TensorTally#MAX_LISTED}
 * @param layers           totals per decoder layer index ({@link #NO_LAYER} for tensors outside layers,
 *                         {@link #NEXTN} for {@code .nextn.} multi-token-prediction tensors), in index order
 * @param expertIds        routed-expert indexes named in tensor names ({@code .experts.12.}), outside {@code .nextn.}
 * @param expertsFromShape the outermost dimension of the first fused routed-expert tensor (experts stacked in one
 *                         tensor), or null
 * @param foldedLayers     tensors whose layer index was beyond the {@link TensorTally#MAX_LAYERS} distinct layers kept:
 *                         they are counted under {@link #NO_LAYER}
 */
public record TensorSummary(long count, List<TensorInfo> listed, SortedMap<Integer, LayerTotals> layers, BitSet expertIds,
                            Long expertsFromShape, long foldedLayers) {

    /** Layer key of tensors outside any decoder layer (embeddings, final norm, LM head). */
    public static final int NO_LAYER = -1;
    /** Layer key of {@code .nextn.} tensors: always multi-token-prediction layers, whatever their index. */
    public static final int NEXTN = Integer.MAX_VALUE;

    public TensorSummary {
        listed = List.copyOf(listed);
        layers = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(layers));
        expertIds = (BitSet) expertIds.clone();
    }

    /** Routed-expert indexes (a copy: a BitSet is mutable). */
    @Override
    public BitSet expertIds() {
        return (BitSet) expertIds.clone();
    }

    /** Whether every tensor of the header is in {@link #listed()}. */
    public boolean complete() {
        return listed.size() == count;
    }

    /** Parameters per role over all layers (parameter roles only). */
    public Map<TensorRole, Long> paramsByRole() {
        Map<TensorRole, Long> m = new EnumMap<>(TensorRole.class);
        for (LayerTotals l : layers.values()) {
            l.paramsByRole().forEach((r, p) -> m.merge(r, p, Long::sum));
        }
        return m;
    }

    /**
     * Totals of the tensors of one layer.
     *
     * @param paramsByRole     parameters per role (parameter roles only)
     * @param routedBiasParams parameters of routed-expert biases (a part of the routed-expert role's count)
     * @param params           all parameters
     * @param bytes            bytes of all tensors
     * @param routedBytes      bytes of routed-expert tensors and of their quantization scales
     * @param paramsByDtype    parameters per storage type
     * @param routed           whether a routed-expert tensor is in this layer
     */
    public record LayerTotals(Map<TensorRole, Long> paramsByRole, long routedBiasParams, long params, long bytes,
                              long routedBytes, Map<String, Long> paramsByDtype, boolean routed) {
        public LayerTotals {
            EnumMap<TensorRole, Long> roles = new EnumMap<>(TensorRole.class);
            roles.putAll(paramsByRole);
            paramsByRole = java.util.Collections.unmodifiableMap(roles);
            paramsByDtype = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(paramsByDtype));
        }
    }
}
