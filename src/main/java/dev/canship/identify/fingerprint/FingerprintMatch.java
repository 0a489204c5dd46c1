package dev.canship.identify.fingerprint;

import java.util.List;

/**
 * A reference text found in a candidate.
 *
 * @param id                  the reference's license id
 * @param kind                {@code license} or {@code use-policy}
 * @param version             the reference version, or null
 * @param containment         share of the reference's kept shingles found in order in the candidate, 0..1
 * @param coverageOfCandidate share of the candidate's words lying in the stretch aligned to the reference, 0..1
 *                            (1 for a file that is just the text; lower when a card or preface surrounds it)
 * @param altered             true when the candidate differs from the reference beyond presentation
 * @param alterations         the differing passages, in reference order
 */
public record FingerprintMatch(
        String id,
        String kind,
        String version,
        double containment,
        double coverageOfCandidate,
        boolean altered,
        List<Alteration> alterations) {

    public FingerprintMatch {
        alterations = List.copyOf(alterations);
    }

    /** {@code <id>.<kind>[.<version>]}, the fingerprint's file name stem. */
    public String key() {
        return id + "." + kind + (version == null ? "" : "." + version);
    }
}
