package dev.canship.finding;

import java.time.LocalDate;

/**
 * A documented decision to accept a finding: which rule, for which model or path, why, until when.
 * An expired waiver stays attached to the finding so the report can say it lapsed, but no longer waives it.
 *
 * @param rule    the rule id it covers
 * @param target  a model name or repository path it is limited to, or {@code null} for all
 * @param reason  one of the closed reasons in {@link WaiverReason}
 * @param comment free text from the policy file
 * @param expires the last day it applies, or {@code null} for no expiry
 * @param active  false when it had expired on the day of the check
 */
public record Waiver(String rule, String target, WaiverReason reason, String comment, LocalDate expires, boolean active) {
}
