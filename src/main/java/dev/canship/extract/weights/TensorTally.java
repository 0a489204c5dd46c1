package dev.canship.extract.weights;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Totals tensors while a header is read, so that a header declaring a million tensors costs a few counters per
 * layer instead of a million objects (the hostile suite runs in 256 MiB). Every bound here is reached only by a
 * header no real model has; then the totals stay exact and only the split by layer or expert index is coarser.
 */
public final class TensorTally {
    /** Tensors kept as examples in {@link TensorSummary#listed()}. */
    public static final int MAX_LISTED = 256;
    /** Distinct layer indexes kept apart (real models have at most a few hundred layers). */
    public static final int MAX_LAYERS = 4096;
    /** Highest routed-expert index kept (real models have at most a few thousand experts per layer). */
    public static final int MAX_EXPERT_ID = 1 << 16;

    private long count;
    private final List<TensorInfo> listed = new ArrayList<>();
    private final Map<Integer, Layer> layers = new HashMap<>();
    private final BitSet expertIds = new BitSet();
    private Long expertsFromShape;
    private long folded;
    private final boolean ggufOrder;

    /** @param ggufOrder whether shapes are in GGUF order (innermost dimension first) */
    public TensorTally(boolean ggufOrder) {
        this.ggufOrder = ggufOrder;
    }

    /** Adds one tensor; only the first {@link #MAX_LISTED} are kept whole. */
    public void add(TensorInfo t) {
        count++;
        if (listed.size() < MAX_LISTED) {
            listed.add(t);
        }
        String name = t.name();
        boolean nextn = name.contains(".nextn.");
        int key = nextn ? TensorSummary.NEXTN : t.layerIndex();
        Layer layer = layers.get(key);
        if (layer == null) {
            if (layers.size() >= MAX_LAYERS) {
                folded++;
                key = TensorSummary.NO_LAYER;
                layer = layers.get(key);
            }
            if (layer == null) {
                layer = new Layer();
                layers.put(key, layer);
            }
        }
        TensorRole role = t.role();
        layer.params += t.params();
        layer.bytes += t.bytes();
        if (role == TensorRole.ROUTED_EXPERT) {
            layer.routed = true;
            layer.routedBytes += t.bytes();
            if (name.endsWith("bias")) {
                layer.routedBias += t.params();
            }
            if (!nextn) {
                int id = expertIndex(name);
                if (id >= 0) {
                    expertIds.set(id);
                } else if (t.shape().size() >= 3 && expertsFromShape == null) {
                    // Fused expert tensors: experts are the outermost dimension (GGUF stores it last).
                    expertsFromShape = ggufOrder ? t.shape().get(t.shape().size() - 1) : t.shape().get(0);
                }
            }
        } else if (!role.isParameter() && isExpertScale(name)) {
            // Scales of quantized experts belong with the experts' bytes.
            layer.routedBytes += t.bytes();
        }
        if (role.isParameter()) {
            layer.byRole.merge(role, t.params(), Long::sum);
            layer.byDtype.merge(t.dtype(), t.params(), Long::sum);
        }
    }

    public TensorSummary summary() {
        Map<Integer, TensorSummary.LayerTotals> out = new TreeMap<>();
        layers.forEach((k, l) -> out.put(k, new TensorSummary.LayerTotals(l.byRole, l.routedBias, l.params, l.bytes,
                l.routedBytes, l.byDtype, l.routed)));
        return new TensorSummary(count, listed, new TreeMap<>(out), expertIds, expertsFromShape, folded);
    }

    /**
     * The number in {@code .experts.N.}, or -1. Scanned by hand: the name is repository text and may be a long
     * run of digits, which must neither overflow nor be parsed (only indexes up to {@link #MAX_EXPERT_ID} count).
     */
    static int expertIndex(String name) {
        String marker = ".experts.";
        int from = 0;
        int at;
        while ((at = name.indexOf(marker, from)) >= 0) {
            int i = at + marker.length();
            int j = i;
            long v = 0;
            while (j < name.length() && j - i <= 6 && name.charAt(j) >= '0' && name.charAt(j) <= '9') {
                v = v * 10 + (name.charAt(j) - '0');
                j++;
            }
            if (j > i && j - i <= 6 && j < name.length() && name.charAt(j) == '.') {
                return v < MAX_EXPERT_ID ? (int) v : -1;
            }
            from = at + 1;
        }
        return -1;
    }

    private static boolean isExpertScale(String name) {
        for (String suffix : new String[] {"_scales", "_scale_inv", ".scales", ".weight_scale"}) {
            if (name.endsWith(suffix)) {
                return TensorRole.classify(name.substring(0, name.length() - suffix.length())) == TensorRole.ROUTED_EXPERT;
            }
        }
        return false;
    }

    private static final class Layer {
        final Map<TensorRole, Long> byRole = new EnumMap<>(TensorRole.class);
        final Map<String, Long> byDtype = new LinkedHashMap<>();
        long routedBias;
        long params;
        long bytes;
        long routedBytes;
        boolean routed;
    }
}
