package dev.canship.identify.fingerprint;

import java.util.Objects;

/**
 * A passage where a candidate text reads differently from a reference fingerprint, beyond presentation.
 *
 * <p>Reference words are not stored in fingerprints, so the reference side is given as a word-position range (plus the
 * clause path in force there and, for numbers and dates, the reference value); the candidate side is quoted, since it
 * is the user's own file. The range is as narrow as the kept shingles allow, typically a few words around the change.
 *
 * @param kind           what happened, inferred from the word counts on each side
 * @param refStart       first reference token position of the passage
 * @param refEnd         end (exclusive) of the reference range; equal to refStart for a pure insertion point
 * @param clause         the reference clause path there (e.g. {@code 2} or {@code 1.b.iii}), or null
 * @param candidateStart first candidate token index of the passage
 * @param candidateEnd   end (exclusive) candidate token index
 * @param found          what the candidate says there (its own words; empty when deleted)
 * @param before         the candidate's words just before the passage, for context
 * @param expected       the reference value(s) of key terms that differ here (e.g. {@code 700000000}), or null
 * @param detail         a short description of changed key terms (e.g. {@code mau-threshold 700000000 -> 7000000000}), or null
 * @param after          the candidate's words just after the passage (a few), for judging what a removal touched
 * @param preface        for ADDED words before the known text (or a short pointer after it): true when they bind nothing (no word that grants, binds or
 *                       narrows a use) and are no longer than a preface, such as a redistributor's note on where the copy
 *                       comes from; such words cannot change the terms
 */
public record Alteration(
        Kind kind,
        int refStart,
        int refEnd,
        String clause,
        int candidateStart,
        int candidateEnd,
        String found,
        String before,
        String expected,
        String detail,
        String after,
        boolean preface) {

    /** Kind of alteration. */
    public enum Kind {
        /** Reference words replaced by other words. */
        CHANGED,
        /** Reference words missing from the candidate. */
        DELETED,
        /** Candidate words the reference does not have. */
        INSERTED,
        /**
         * Words of a whole license file outside every reference found in it (beyond a title, preface or copyright
         * line): terms added to a known text, e.g. a paragraph appended to MIT.
         */
        ADDED;

        /** Lower-case name, as reports print it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An alteration inside or around the known text (never a preface). */
    public Alteration(Kind kind, int refStart, int refEnd, String clause, int candidateStart, int candidateEnd, String found,
                      String before, String expected, String detail) {
        this(kind, refStart, refEnd, clause, candidateStart, candidateEnd, found, before, expected, detail, "", false);
    }

    public Alteration {
        Objects.requireNonNull(kind);
        found = found == null ? "" : found;
        before = before == null ? "" : before;
        after = after == null ? "" : after;
    }

    /** True when the reference range [from, to) overlaps this alteration's reference range (an insertion point counts). */
    public boolean touches(int from, int to) {
        int a = refStart;
        int b = Math.max(refEnd, refStart + 1);
        return a < Math.max(to, from + 1) && from < b;
    }
}
