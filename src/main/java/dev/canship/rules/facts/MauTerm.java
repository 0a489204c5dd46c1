package dev.canship.rules.facts;

import java.time.LocalDate;

/** More than {@code threshold} monthly active users needs a separate license. */
public record MauTerm(String license, long threshold, String measuredOn, String reference, LocalDate referenceDate, boolean commercialOnly, String clause) {
}
