package dev.canship.extract.pickle;

import dev.canship.inventory.OneLine;
import dev.canship.inventory.ScanLimits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the walks over one file share: the bounds and what is left of them, and everything found so far. One
 * file's pickles (several in a legacy checkpoint, one per zip entry, and nested ones) add to one state, so the
 * bounds hold for the file as a whole.
 */
final class PickleScanState {

    private final String file;
    private final ScanLimits limits;
    private final Map<String, Found> found = new LinkedHashMap<>();
    private final List<String> extraUnsafe = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** Uses of globals beyond {@link #MAX_KEPT_GLOBALS}: counted, not kept, so a million names cost no memory. */
    private long droppedUses;
    /** Of those, uses of names outside the allowlist: each still fails the file. */
    private long droppedUnsafeUses;
    private long ops;
    /** Pickle bytes already charged by earlier inputs (zip entries, earlier pickles of a stream). */
    private long charged;
    private boolean overBudget;

    private static final class Found {
        final String module;
        final String name;
        final TreeSet<String> ops = new TreeSet<>();
        boolean nested = true;

        Found(String module, String name) {
            this.module = module;
            this.name = name;
        }
    }

    /** Distinct globals kept per file; a pickle may name millions (each costs a few bytes of opcodes). */
    static final int MAX_KEPT_GLOBALS = 2_000;
    /** Lines of unsafe uses a result lists; the rest are counted in a last line ("and N more"). */
    static final int MAX_LISTED_UNSAFE = 100;

    PickleScanState(String file, ScanLimits limits) {
        this.file = file;
        this.limits = limits;
    }

    ScanLimits limits() {
        return limits;
    }

    void countOp(String where, long at) throws PickleFormatException {
        if (++ops > limits.maxPickleOps()) {
            overBudget = true;
            throw fail(where + "more than " + limits.maxPickleOps() + " opcodes (max-pickle-ops) at byte " + at);
        }
    }

    /** Charges bytes read outside a walker (a zip entry) against the pickle-bytes bound. */
    void charge(long bytes) throws PickleFormatException {
        charged += bytes;
        checkBytes("", 0);
    }

    void checkBytes(String where, long readByInput) throws PickleFormatException {
        if (charged + readByInput > limits.maxPickleBytes()) {
            overBudget = true;
            throw fail(where + "more than " + limits.maxPickleBytes() + " bytes of pickle (max-pickle-bytes)");
        }
    }

    /** Bytes that may still be read into memory, given what the current input has read. */
    long bytesLeft(long readByInput) {
        return Math.max(0, limits.maxPickleBytes() - charged - readByInput);
    }

    /** Ends the current input: its bytes stay charged for the next one. */
    void close(PickleInput in) {
        charged += in.bytesRead();
    }

    boolean overBudget() {
        return overBudget;
    }

    PickleFormatException fail(String reason) {
        return new PickleFormatException(file, OneLine.of(reason));
    }

    void use(String module, String name, String op, boolean nested) {
        String key = module + "\u0000" + name;
        Found f = found.get(key);
        if (f == null) {
            if (found.size() >= MAX_KEPT_GLOBALS) {
                // Aggregated, never dropped: a name outside the allowlist past the cap still fails the file.
                droppedUses++;
                if (!Allowlist.allows(module, name)) {
                    droppedUnsafeUses++;
                }
                return;
            }
            f = new Found(module, name);
            found.put(key, f);
        }
        f.ops.add(op);
        f.nested &= nested;
    }

    void unsafe(String what, boolean nested) {
        String s = OneLine.of(what) + (nested ? " (in a nested pickle)" : "");
        if (!extraUnsafe.contains(s)) {
            extraUnsafe.add(s);
        }
    }

    void note(String note) {
        if (notes.size() < 20) {
            notes.add(OneLine.of(note));
        } else if (notes.size() == 20) {
            notes.add("further notes left out");
        }
    }

    List<GlobalUse> globals() {
        List<GlobalUse> out = new ArrayList<>();
        for (Found f : found.values()) {
            boolean ok = Allowlist.allows(f.module, f.name);
            String reason = ok ? null : Allowlist.danger(f.module, f.name).orElse("not on the allowlist");
            out.add(new GlobalUse(OneLine.of(f.module), OneLine.of(f.name), List.copyOf(f.ops), f.nested, ok, reason));
        }
        return out;
    }

    /** Every use outside the allowlist, one line each: globals first, then unresolvable or abused opcodes. */
    List<String> unsafe() {
        List<String> out = new ArrayList<>();
        for (GlobalUse g : globals()) {
            if (!g.allowed()) {
                out.add(g.qualifiedName() + " (" + g.reason() + "; " + String.join(", ", g.ops()) + ")"
                        + (g.nested() ? " (in a nested pickle)" : ""));
            }
        }
        out.addAll(extraUnsafe);
        long more = droppedUnsafeUses;
        if (out.size() > MAX_LISTED_UNSAFE) {
            more += out.size() - MAX_LISTED_UNSAFE;
            out = new ArrayList<>(out.subList(0, MAX_LISTED_UNSAFE));
        }
        if (more > 0) {
            out.add("and " + more + " more uses of globals outside the allowlist, not listed (the report keeps "
                    + MAX_KEPT_GLOBALS + " distinct globals and lists " + MAX_LISTED_UNSAFE + " unsafe ones)");
        }
        return out;
    }

    List<String> notes() {
        List<String> out = new ArrayList<>(notes);
        if (droppedUses > 0) {
            out.add("and " + droppedUses + " more uses of globals beyond the first " + MAX_KEPT_GLOBALS
                    + " distinct ones, counted but not listed");
        }
        return out;
    }

    SerializationScan result(String format, boolean weights, String error) {
        return new SerializationScan(OneLine.of(file), format, weights, globals(), unsafe(), error == null ? null : OneLine.of(error), notes());
    }
}
