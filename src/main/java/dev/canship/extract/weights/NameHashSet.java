package dev.canship.extract.weights;

/**
 * A set of names kept as 64-bit hashes in one open-addressed {@code long[]}: 8 to 16 bytes per name, where a set of
 * strings costs about a hundred. It finds a tensor named twice among a million without keeping a million strings.
 * Two different names with the same hash read as a duplicate: that can only refuse a header, never accept one, and
 * a header's author can make it unreadable anyway.
 */
final class NameHashSet {
    private long[] slots = new long[1024];
    private int size;
    private boolean hasZero;

    /** Adds {@code name}; false when it (or a name with the same hash) was added before. */
    boolean add(String name) {
        long h = hash(name);
        if (h == 0) {
            if (hasZero) {
                return false;
            }
            hasZero = true;
            return true;
        }
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        if (!insert(slots, h)) {
            return false;
        }
        size++;
        return true;
    }

    private static boolean insert(long[] table, long h) {
        int mask = table.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (table[i] != 0) {
            if (table[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = h;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long h : slots) {
            if (h != 0) {
                insert(bigger, h);
            }
        }
        slots = bigger;
    }

    /** FNV-1a over the UTF-16 units, then a 64-bit finalizer so that near names spread over the table. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
