package dev.canship.identify.fingerprint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The hashing behind fingerprints. Fixed forever for format version 1, because stored fingerprints depend on it:
 * a token hashes to 64-bit FNV-1a over its UTF-8 bytes; a shingle of k tokens starts from {@link #SEED} and, for each
 * token hash t in order, becomes {@code mix(h ^ t)} where {@code mix} is the SplitMix64 finalizer.
 */
final class Shingles {

    static final long SEED = 0x9E3779B97F4A7C15L;
    static final String ALGORITHM = "fnv1a64-splitmix64";

    private Shingles() {
    }

    static long tokenHash(String token) {
        long h = 0xcbf29ce484222325L;
        byte[] b = token.getBytes(StandardCharsets.UTF_8);
        for (byte x : b) {
            h ^= (x & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long[] tokenHashes(String[] tokens) {
        long[] t = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            t[i] = tokenHash(tokens[i]);
        }
        return t;
    }

    /** Hash of tokens {@code [from, from + len)}. */
    static long shingle(long[] tokenHashes, int from, int len) {
        long h = SEED;
        for (int i = from; i < from + len; i++) {
            h = mix(h ^ tokenHashes[i]);
        }
        return h;
    }

    /**
     * Hashes of every window of {@code k} tokens. A text shorter than k yields one shingle over all its tokens, so
     * tiny texts still have a fingerprint; an empty text yields none.
     */
    static long[] all(long[] tokenHashes, int k) {
        int n = tokenHashes.length;
        if (n == 0) {
            return new long[0];
        }
        if (n < k) {
            return new long[] {shingle(tokenHashes, 0, n)};
        }
        long[] out = new long[n - k + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = shingle(tokenHashes, i, k);
        }
        return out;
    }

    /**
     * Winnowing (Schleimer, Wilkerson, Aiken 2003): in every run of {@code w} consecutive shingles the smallest hash
     * (rightmost on ties) is kept, plus the {@code forced} positions. With {@code w <= k} every token is covered by a
     * full run of kept-or-not windows, so a change to any single token removes at least one kept shingle.
     */
    static int[] winnow(long[] hashes, int w, BitSet forced) {
        int s = hashes.length;
        BitSet keep = new BitSet(s);
        keep.or(forced);
        if (s > 0) {
            int span = Math.min(w, s);
            for (int i = 0; i + span <= s; i++) {
                int best = i;
                for (int j = i + 1; j < i + span; j++) {
                    if (Long.compareUnsigned(hashes[j], hashes[best]) <= 0) {
                        best = j;
                    }
                }
                keep.set(best);
            }
        }
        int[] out = keep.stream().filter(p -> p < s).toArray();
        Arrays.sort(out);
        return out;
    }
}
