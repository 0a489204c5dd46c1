package dev.canship.extract;

import dev.canship.inventory.ScanLimits;

/**
 * What is left of one repository's budget for reading documents: time spent in Tika (parse-budget-millis) and
 * characters taken from all documents (max-document-chars). Per-document bounds alone let a repository of many
 * hostile files cost their sum; this caps the total. One instance per extraction, used by one thread.
 */
final class DocumentBudget {

    private final long millis;
    private final long chars;
    private long spentNanos;
    private long takenChars;

    DocumentBudget(ScanLimits limits) {
        this.millis = limits.parseBudgetMillis();
        this.chars = limits.maxDocumentChars();
    }

    /** Whether no further parse may start (a parse that starts may still run its own parse-millis). */
    boolean timeSpent() {
        return spentNanos >= (millis > Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : millis * 1_000_000L);
    }

    void spend(long nanos) {
        spentNanos += Math.max(0, nanos);
    }

    long charsLeft() {
        return Math.max(0, chars - takenChars);
    }

    void take(long n) {
        takenChars += n;
    }

    /** Why a parse did not start, as the diagnostic states it. */
    String timeReason() {
        return "the repository's document budget (parse-budget-millis=" + millis + ") was spent";
    }

    /** Why a document was not read, or read only in part, as the diagnostic states it. */
    String charsReason() {
        return "the repository's document budget (max-document-chars=" + chars + ") was spent";
    }
}
