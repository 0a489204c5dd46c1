package dev.canship.identify.fingerprint;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content fingerprint of one reference text (a license or an acceptable-use policy): enough to recognise the text
 * in any presentation and to locate changed passages, but not enough to read the text back.
 *
 * <p>What it holds: the count of normalized tokens ({@link TextNormalizer}); a winnowed subset of the 64-bit hashes of
 * all {@code shingleSize}-word windows, each with its word position; term anchors (positions and values of numbers,
 * amounts and dates, so a changed number can be named); clause marks (the numbering path in force at a position, so an
 * alteration can be placed in "clause 2" or "1.b.iii"); and variable regions (copyright holder lines, appendices of
 * instructions) where a redistributor's own words are expected.
 *
 * <p>Why it cannot be read back: it holds no words and no hash of a single word, only hashes of 5-word windows, and
 * only about one window in three, at irregular gaps of up to {@code window} positions. Recovering text would mean
 * guessing word sequences against those hashes (a property of the format, not cryptographic secrecy: whoever already
 * has a text can confirm it, which is what matching does). Winnowing with {@code window <= shingleSize} still
 * guarantees that every changed word falls under at least one kept window, which is what alteration detection needs.
 *
 * <p>The file format is described in {@link FingerprintBuilder#write(Fingerprint, java.nio.file.Path)} and in
 * {@code licenses/fingerprints/README.md}.
 *
 * @param id              license id, e.g. {@code llama3.1}
 * @param kind            {@code license} or {@code use-policy}
 * @param version         version of the text when one id has several (e.g. a dated Gemma text), else null
 * @param source          where the reference text came from (free text, one line), or null
 * @param tokenCount      number of normalized tokens in the reference
 * @param shingleSize     words per shingle (k)
 * @param window          winnowing window (w); at most {@code shingleSize}
 * @param shingles        kept shingles, by increasing position
 * @param anchors         term anchors, by position
 * @param clauses         clause marks, by position
 * @param variableRegions token ranges whose content may differ without the text being altered
 */
public record Fingerprint(
        String id,
        String kind,
        String version,
        String source,
        int tokenCount,
        int shingleSize,
        int window,
        List<Shingle> shingles,
        List<TermAnchor> anchors,
        List<ClauseMark> clauses,
        List<VariableRegion> variableRegions) {

    /** Version of the file format written by {@link FingerprintBuilder#write}. */
    public static final int FORMAT_VERSION = 1;

    /** Kind of a license text. */
    public static final String LICENSE = "license";

    /** Kind of an acceptable-use (prohibited-use) policy text. */
    public static final String USE_POLICY = "use-policy";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,99}");

    public Fingerprint {
        if (id == null || !NAME.matcher(id).matches()) {
            throw new IllegalArgumentException("bad fingerprint id: " + id);
        }
        if (!LICENSE.equals(kind) && !USE_POLICY.equals(kind)) {
            throw new IllegalArgumentException("kind must be license or use-policy: " + kind);
        }
        if (version != null && (version.isEmpty() || !NAME.matcher(version).matches())) {
            throw new IllegalArgumentException("bad version: " + version);
        }
        if (source != null) {
            source = source.replaceAll("[\\r\\n\\t]+", " ").strip();
            if (source.isEmpty()) {
                source = null;
            }
        }
        if (shingleSize < 1 || window < 1 || window > shingleSize) {
            throw new IllegalArgumentException("need 1 <= window <= shingleSize");
        }
        if (tokenCount < 0) {
            throw new IllegalArgumentException("negative token count");
        }
        shingles = List.copyOf(shingles);
        anchors = List.copyOf(anchors);
        clauses = List.copyOf(clauses);
        variableRegions = List.copyOf(variableRegions);
        int last = -1;
        for (Shingle s : shingles) {
            if (s.position() <= last || s.position() >= Math.max(1, tokenCount)) {
                throw new IllegalArgumentException("shingle positions must increase and lie inside the text");
            }
            last = s.position();
        }
    }

    /** A kept shingle: the hash of the {@code shingleSize} tokens starting at {@code position}. */
    public record Shingle(int position, long hash) {
    }

    /**
     * A key term of the reference: a number, an amount ("700 million"), a threshold or a date.
     *
     * @param position first token
     * @param length   tokens covered
     * @param type     {@code number}, {@code amount}, {@code mau-threshold} or {@code date}
     * @param value    canonical value: the number as written ("3.1"), an integer amount ("700000000"), or an ISO date
     */
    public record TermAnchor(int position, int length, String type, String value) {
        public TermAnchor {
            Objects.requireNonNull(type);
            Objects.requireNonNull(value);
            if (type.isBlank() || type.contains(" ") || value.isBlank() || value.contains(" ")) {
                throw new IllegalArgumentException("anchor type and value are single words");
            }
        }
    }

    /** The clause numbering path in force from {@code position} on, e.g. {@code 1.b.iii} or {@code 3.2(a)}. */
    public record ClauseMark(int position, String clause) {
        public ClauseMark {
            if (clause == null || clause.isBlank() || clause.contains(" ")) {
                throw new IllegalArgumentException("clause is one word");
            }
        }
    }

    /**
     * Tokens {@code [start, end)} that may read differently in a faithful copy (e.g. the copyright holder line).
     *
     * @param start  first token
     * @param end    end token (exclusive)
     * @param reason one word, e.g. {@code copyright} or {@code appendix}
     * @param before hash of the (up to {@code shingleSize}) tokens just before the region, 0 when it starts the text;
     *               lets the matcher check the words before a region near the start of the text, which no full
     *               shingle covers without also covering the region
     */
    public record VariableRegion(int start, int end, String reason, long before) {
        public VariableRegion {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad region");
            }
            if (reason == null || reason.isBlank() || reason.contains(" ")) {
                throw new IllegalArgumentException("reason is one word");
            }
        }

        boolean contains(int from, int to) {
            return start <= from && to <= end;
        }
    }

    /** File name stem: {@code <id>.<kind>[.<version>]}. */
    public String key() {
        return id + "." + kind + (version == null ? "" : "." + version);
    }

    /** The clause path in force at reference token {@code position}, or null before the first mark. */
    public String clauseAt(int position) {
        String c = null;
        for (ClauseMark m : clauses) {
            if (m.position() > position) {
                break;
            }
            c = m.clause();
        }
        return c;
    }
}
