package dev.canship.report;

import java.util.List;

/**
 * What changed in one repository's check since an earlier report of it (the {@code --baseline} file).
 *
 * @param baseline        the earlier report's file, as given
 * @param known           whether the earlier report covered this repository (false: everything is new)
 * @param newFindings     fingerprints of findings not in the earlier report
 * @param resolved        rules and fingerprints of the earlier report's findings that are gone, as {@code RULE fingerprint}
 * @param licenseBefore   the governing license then (null: none, or not known)
 * @param verdictBefore   the verdict then ({@code pass}, {@code review}, {@code fail}), or null when not known
 */
public record Drift(String baseline, boolean known, List<String> newFindings, List<String> resolved,
                    String licenseBefore, String verdictBefore) {

    public Drift {
        newFindings = List.copyOf(newFindings);
        resolved = List.copyOf(resolved);
    }
}
