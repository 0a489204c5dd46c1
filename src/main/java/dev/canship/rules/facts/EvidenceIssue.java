package dev.canship.rules.facts;

import dev.canship.identify.IdentificationIssue;

import java.util.List;

/**
 * A problem with the license evidence found by identification: MISSING, UNKNOWN, CONFLICT, LAUNDERING,
 * LINEAGE_CONFLICT, LINEAGE_UNDECLARED, LINEAGE_LATER, LINEAGE_PERMISSIVE, ALTERED, ALTERED_MINOR, AMBIGUOUS, UNREAD,
 * ALSO_BINDING, CHOICE, CHOSEN or STATEMENT; the governing license comes first in {@code licenses}.
 * {@code files} are {@code path:line} strings.
 */
public record EvidenceIssue(IdentificationIssue.Kind kind, List<String> licenses, String message, List<String> files) {

    public String firstLicense() {
        return licenses.isEmpty() ? null : licenses.get(0);
    }
}
