package dev.canship.report;

import dev.canship.finding.Evidence;
import dev.canship.finding.Finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A finding's stable fingerprint: the same finding of the same repository has the same one on every run, whatever
 * moved in the files (line numbers are left out). JSON reports carry it, SARIF and Code Quality use it, and
 * {@code check --baseline} compares by it.
 */
public final class FindingKeys {

    private FindingKeys() {
    }

    /** A hash of the rule, the repository's name, the license and clause, and the evidence files. */
    public static String key(String repositoryName, Finding f) {
        return key(repositoryName, f.rule(), f.license(), f.clause(), f.evidence().stream().map(Evidence::file).toList());
    }

    /** The same from a finding's fields (as an earlier JSON report holds them). */
    public static String key(String repositoryName, String rule, String license, String clause, java.util.List<String> evidenceFiles) {
        StringBuilder sb = new StringBuilder(rule).append('\0').append(repositoryName).append('\0')
                .append(license).append('\0').append(clause);
        evidenceFiles.stream().distinct().sorted().forEach(file -> sb.append('\0').append(file));
        return sha256(sb.toString()).substring(0, 32);
    }

    /** The SHA-256 of a string's UTF-8 bytes, in lower-case hex. */
    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
