package dev.canship.identify.fingerprint;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.canship.identify.fingerprint.Fingerprint.TermAnchor;
import dev.canship.identify.fingerprint.Fingerprint.VariableRegion;

/**
 * Finds reference texts inside a candidate text by their fingerprints and reports where a found text was altered.
 *
 * <p>How: the candidate is normalized and all its shingles are hashed. For each reference, the kept shingles present in
 * the candidate are paired with their candidate positions, and the best chain of pairs increasing in both texts is
 * chosen by dynamic programming, paying for every shift of diagonal (candidate position minus reference position,
 * i.e. an insertion or deletion), so stray matches of common phrases in surrounding text are left out. Containment is the
 * share of the reference's kept shingles in that chain. A reference is identified at containment
 * {@value #IDENTIFY_THRESHOLD} or more. When several references cover the same stretch of the candidate (near-identical
 * versions such as Llama 3.1/3.2/3.3, or a text and a later version that extends it), the set of references that best
 * explains the candidate is reported (see {@link #select}). For versions of equal length this is the one with the
 * highest containment; between a text and an extended version it is the one the candidate actually is.
 *
 * <p>Alterations: every break in the chain (a kept shingle missing, or the diagonal shifting) is a changed passage,
 * unless it is explained by presentation: it lies inside a variable region of the reference (a copyright holder line,
 * an appendix of instructions), or re-inserting numbering markers that the normalizer dropped from the candidate (or
 * removing numbering-shaped tokens it kept) makes every reference hash in the gap match. That check uses only the
 * candidate's own words, so it can never hide a changed number.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FingerprintMatcher {

    /** Containment from which a reference is reported as found. */
    public static final double IDENTIFY_THRESHOLD = 0.6;

    private static final int MAX_OCCURRENCES = 64;
    private static final int MAX_TOGGLES = 8;
    private static final int JUMP_WINDOW = 96;
    private static final int MAX_VARIABLE = 60;
    private static final int MAX_EXACT_SELECTION = 20;
    /** Extra weight of the first and last shingle of a reference: a chain that reaches the ends of the text is preferred. */
    private static final double END_BONUS = 3;

    private final List<Ref> refs;

    /** A matcher over {@code fingerprints}. */
    public FingerprintMatcher(Collection<Fingerprint> fingerprints) {
        List<Ref> r = new ArrayList<>();
        for (Fingerprint fp : fingerprints) {
            r.add(new Ref(fp));
        }
        this.refs = List.copyOf(r);
    }

    /** A matcher over every {@code *.fp} file in {@code directory}. */
    public static FingerprintMatcher load(Path directory) throws IOException {
        List<Fingerprint> fps = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, "*.fp")) {
            List<Path> files = new ArrayList<>();
            ds.forEach(files::add);
            files.sort(Comparator.naturalOrder());
            for (Path p : files) {
                fps.add(FingerprintBuilder.read(p));
            }
        }
        return new FingerprintMatcher(fps);
    }

    /** The fingerprints this matcher knows. */
    public List<Fingerprint> fingerprints() {
        return refs.stream().map(r -> r.fp).toList();
    }

    /** The references found in {@code candidateText} (plain, Markdown or HTML), best first. */
    public List<FingerprintMatch> match(String candidateText) {
        return match(TextNormalizer.normalize(candidateText));
    }

    /** The references found in a normalized candidate, best first; empty when none reaches the threshold. */
    public List<FingerprintMatch> match(NormalizedText candidate) {
        Cand cand = new Cand(candidate);
        List<Result> accepted = accepted(cand);
        return accepted.stream().map(r -> r.toMatch(cand, List.of())).toList();
    }

    /**
     * The references found in {@code fileText}, a license or use-policy file taken as a whole (plain, Markdown or
     * HTML). Unlike {@link #match(String)}, words of the file outside every reference found (beyond a short title
     * or preface at its start and copyright lines) are reported as {@link Alteration.Kind#ADDED} alterations of the
     * adjacent reference: a known text with a paragraph of extra terms is not that known text.
     */
    public List<FingerprintMatch> matchFile(String fileText) {
        NormalizedText candidate = TextNormalizer.normalize(fileText);
        Cand cand = new Cand(candidate);
        List<Result> accepted = accepted(cand);
        // A redistributor's preface (the same one fingerprints are built without) counts as title words.
        String body = FingerprintBuilder.stripPreface(fileText);
        int preface = body.length() < fileText.length() && fileText.endsWith(body)
                ? TextNormalizer.normalize(fileText.substring(0, fileText.length() - body.length())).size() : 0;
        Map<Result, List<Alteration>> added = added(cand, accepted, preface);
        return accepted.stream().map(r -> r.toMatch(cand, added.getOrDefault(r, List.of()))).toList();
    }

    private List<Result> accepted(Cand cand) {
        List<Result> results = new ArrayList<>();
        for (Ref ref : refs) {
            Result r = align(ref, cand, true);
            if (r != null && r.containment >= IDENTIFY_THRESHOLD) {
                results.add(r);
            }
        }
        List<Result> accepted = select(results);
        accepted.sort(Comparator.comparingDouble((Result r) -> -r.containment).thenComparingInt(r -> r.spanStart));
        return accepted;
    }

    /** Leading words of a file tolerated outside every reference: a title line and a short preface. */
    private static final int MAX_TITLE_WORDS = 16;
    /** Stray words tolerated elsewhere (a separator word, a page label). */
    private static final int MAX_STRAY_WORDS = 3;
    /** Words of a copyright line tolerated anywhere. */
    private static final int MAX_COPYRIGHT_WORDS = 24;
    /** Longest preface (words before the known text, none of them binding) that is named as minor, not as added terms. */
    private static final int MAX_PREFACE_WORDS = 120;

    /** Whether candidate tokens [from, to) carry a use word, or (when {@code modal}) a granting or binding word (see {@link AddedWords}). */
    private static boolean binds(Cand cand, int from, int to, boolean modal) {
        if (from >= to) {
            return false;
        }
        String d = cand.text.display();
        int begin = cand.text.start(from);
        int end = to < cand.tokens.length ? cand.text.start(to) : d.length();
        return AddedWords.binds(d.substring(begin, Math.max(begin, end)), modal);
    }

    /**
     * Stretches of the candidate that no accepted reference explains, as ADDED alterations of the reference whose
     * span precedes them (else the one that follows). A stretch is explained when it lies inside a reference's
     * aligned span (changes there are the chain's own alterations), repeats the reference's own wording (a kept
     * shingle of it), or continues a variable region at the reference's head or tail (a filled-in appendix).
     */
    private static Map<Result, List<Alteration>> added(Cand cand, List<Result> accepted, int preface) {
        Map<Result, List<Alteration>> out = new HashMap<>();
        int n = cand.tokens.length;
        if (accepted.isEmpty() || n == 0) {
            return out;
        }
        boolean[] covered = new boolean[n];
        // Tokens that repeat the reference's own wording (a kept shingle of it), as opposed to a variable region's
        // content such as MIT's copyright holder: a copyright line there that says more than the holder is added terms.
        boolean[] exact = new boolean[n];
        for (Result r : accepted) {
            Arrays.fill(covered, r.spanStart, r.spanEnd, true);
            int k = r.ref.kEff();
            java.util.Set<Long> own = new java.util.HashSet<>();
            for (long h : r.ref.hash) {
                own.add(h);
            }
            if (n >= k) {
                long[] sh = Shingles.all(cand.th, k);
                for (int p = 0; p < sh.length; p++) {
                    if (own.contains(sh[p])) {
                        Arrays.fill(covered, p, p + k, true);
                        Arrays.fill(exact, p, p + k, true);
                    }
                }
            }
            int lastR = r.cr[r.cr.length - 1] + k;
            for (VariableRegion v : r.ref.fp.variableRegions()) {
                // A variable region the chain does not reach (a filled-in appendix) may read a little longer.
                if (v.end() >= r.ref.n && v.start() <= lastR && lastR < r.ref.n) {
                    Arrays.fill(covered, r.spanEnd, Math.min(n, r.spanEnd + (r.ref.n - lastR) + MAX_TITLE_WORDS), true);
                }
                if (v.start() == 0 && v.end() >= r.cr[0] && r.cr[0] > 0) {
                    Arrays.fill(covered, Math.max(0, r.spanStart - r.cr[0] - MAX_TITLE_WORDS), r.spanStart, true);
                }
            }
        }
        // Everything before the first reference's aligned span is the file's head (title, preface, copyright lines):
        // a copy note that names the license ("a copy of the Llama 3.1 Community License Agreement, unchanged") has
        // its title words covered by the reference's own shingles, which must not turn the rest into stray words.
        int firstSpan = accepted.stream().mapToInt(r -> r.spanStart).min().orElse(0);
        int i = 0;
        while (i < n) {
            if (covered[i]) {
                i++;
                continue;
            }
            int from = i;
            while (i < n && !covered[i]) {
                i++;
            }
            int to = i;
            int words = uncopyrighted(cand, from, to);
            boolean leading = to <= firstSpan;
            int allowed = leading ? MAX_TITLE_WORDS + preface : MAX_STRAY_WORDS;
            // Copyright lines, titles and prefaces pass only without a binding word: "For non-commercial use only" is a
            // term. Of a recognised redistributor's note only use words count ("only the layout was converted" is no term).
            int noteEnd = leading ? Math.max(from, Math.min(preface, to)) : from;
            boolean binding = binds(cand, from, noteEnd, false) || binds(cand, noteEnd, to, true);
            if (words <= allowed && !binding) {
                continue;
            }
            // Longer, but binding nothing: a preface such as a note on where the copy comes from, named as minor.
            // A word list cannot prove arbitrary prose harmless: only a note about the copy itself (where it comes
            // from, that it is unchanged) is; anything else before the text is terms added to it.
            boolean harmlessPreface = leading && !binding && words <= MAX_PREFACE_WORDS && AddedWords.aboutTheCopy(cand.text.quote(from, to));
            // After the text, a short pointer that binds nothing ("Llama 3.1 Acceptable Use Policy. See USE_POLICY.md")
            // is named as minor too; a longer trailer, or one with a binding word, is terms added to the text.
            boolean harmlessTrailer = to == n && from > 0 && !binding && words <= MAX_TITLE_WORDS;
            Result owner = null;
            for (Result r : accepted) { // the reference just before the stretch, else the first one after it
                if (r.spanEnd <= from && (owner == null || owner.spanStart >= to || r.spanEnd > owner.spanEnd)) {
                    owner = r;
                } else if (r.spanStart >= to && (owner == null || (owner.spanStart >= to && r.spanStart < owner.spanStart))) {
                    owner = r;
                }
            }
            if (owner == null) {
                owner = accepted.get(0);
            }
            int at = owner.spanEnd <= from ? owner.ref.n : 0;
            out.computeIfAbsent(owner, r -> new ArrayList<>()).add(new Alteration(Alteration.Kind.ADDED, at, at,
                    owner.ref.fp.clauseAt(Math.max(0, at - 1)), from, to, cand.text.quote(from, to), cand.text.quote(from - 8, from),
                    null, words + " word(s) outside the " + owner.ref.fp.id() + " text", "", harmlessPreface || harmlessTrailer));
        }
        copyrightTerms(cand, accepted, covered, exact, out);
        return out;
    }

    /**
     * A copyright line inside a known text (MIT's own "Copyright (c) <year> <holders>", a variable region) that says
     * more than who holds it ("..., licensed for non-commercial use only") adds terms to the text, like words outside it.
     */
    private static void copyrightTerms(Cand cand, List<Result> accepted, boolean[] covered, boolean[] exact, Map<Result, List<Alteration>> out) {
        for (TokenLine l : lines(cand, 0, cand.tokens.length)) {
            boolean own = true;
            for (int x = l.from(); x < l.to() && own; x++) {
                own = exact[x];
            }
            if (covered[l.from()] && !own && l.copyright() && binds(cand, l.from(), l.to(), true)) {
                Result owner = accepted.stream().filter(r -> r.spanStart <= l.from() && l.from() < r.spanEnd).findFirst().orElse(accepted.get(0));
                out.computeIfAbsent(owner, r -> new ArrayList<>()).add(new Alteration(Alteration.Kind.ADDED, 0, 0, null, l.from(), l.to(),
                        cand.text.quote(l.from(), l.to()), cand.text.quote(l.from() - 8, l.from()), null, "a copyright line that states terms", "", false));
            }
        }
    }

    /** Words in candidate tokens [from, to) that are not on a copyright line of their own. */
    private static int uncopyrighted(Cand cand, int from, int to) {
        int words = 0;
        for (TokenLine l : lines(cand, from, to)) {
            if (!l.copyright() || l.to() - l.from() > MAX_COPYRIGHT_WORDS) {
                words += l.to() - l.from();
            }
        }
        return words;
    }

    /** The candidate tokens [from, to) of one display line, and whether that line is a copyright line. */
    private record TokenLine(int from, int to, boolean copyright) {
    }

    /** Candidate tokens [from, to) grouped by the display line they stand on. */
    private static List<TokenLine> lines(Cand cand, int from, int to) {
        String d = cand.text.display();
        List<TokenLine> out = new ArrayList<>();
        int t = from;
        while (t < to) {
            int lineStart = d.lastIndexOf('\n', cand.text.start(t)) + 1;
            int lineEnd = d.indexOf('\n', cand.text.start(t));
            if (lineEnd < 0) {
                lineEnd = d.length();
            }
            int u = t;
            while (u < to && cand.text.start(u) < lineEnd) {
                u++;
            }
            out.add(new TokenLine(t, u, FingerprintBuilder.COPYRIGHT_LINE.matcher(FingerprintBuilder.lineCore(d.substring(lineStart, lineEnd))).matches()));
            t = Math.max(u, t + 1);
        }
        return out;
    }

    /**
     * Aligns {@code candidate} to one fingerprint without any threshold: the containment and alterations of that
     * reference in the candidate, or null when not one kept shingle is found.
     */
    public static FingerprintMatch compare(Fingerprint fingerprint, NormalizedText candidate) {
        Cand cand = new Cand(candidate);
        Result r = align(new Ref(fingerprint), cand, false);
        return r == null ? null : r.toMatch(cand, List.of());
    }

    // ---------------------------------------------------------------------------------------------------------

    private static final class Ref {
        final Fingerprint fp;
        final int k;
        final int n;
        final int m;
        final int[] pos;
        final long[] hash;

        Ref(Fingerprint fp) {
            this.fp = fp;
            this.k = fp.shingleSize();
            this.n = fp.tokenCount();
            this.m = fp.shingles().size();
            this.pos = new int[m];
            this.hash = new long[m];
            for (int i = 0; i < m; i++) {
                pos[i] = fp.shingles().get(i).position();
                hash[i] = fp.shingles().get(i).hash();
            }
        }

        int kEff() {
            return Math.min(k, Math.max(1, n));
        }
    }

    /** The candidate: tokens, token hashes, shingle indexes per shingle size, and its numbering markers. */
    private static final class Cand {
        final NormalizedText text;
        final String[] tokens;
        final long[] th;
        final Map<Integer, Index> indexes = new HashMap<>();
        final int[] droppedAt;
        final long[][] droppedHashes;

        Cand(NormalizedText text) {
            this.text = text;
            this.tokens = text.tokenArray();
            this.th = Shingles.tokenHashes(tokens);
            List<NormalizedText.Marker> dropped = text.markers().stream().filter(NormalizedText.Marker::dropped).toList();
            droppedAt = new int[dropped.size()];
            droppedHashes = new long[dropped.size()][];
            for (int i = 0; i < dropped.size(); i++) {
                droppedAt[i] = dropped.get(i).index();
                droppedHashes[i] = Shingles.tokenHashes(dropped.get(i).tokens().toArray(String[]::new));
            }
        }

        Index index(int k) {
            return indexes.computeIfAbsent(k, kk -> new Index(th, kk));
        }
    }

    /** Open-addressing map from shingle hash to candidate positions (chained through {@code next}). */
    private static final class Index {
        final long[] keys;
        final int[] heads;
        final int[] next;
        final int mask;

        Index(long[] th, int k) {
            long[] sh = th.length >= k ? Shingles.all(th, k) : new long[0];
            int cap = Integer.highestOneBit(Math.max(16, sh.length * 2)) * 2;
            keys = new long[cap];
            heads = new int[cap];
            Arrays.fill(heads, -1);
            next = new int[sh.length];
            mask = cap - 1;
            for (int i = sh.length - 1; i >= 0; i--) {
                int slot = slot(sh[i]);
                next[i] = heads[slot];
                keys[slot] = sh[i];
                heads[slot] = i;
            }
        }

        private int slot(long h) {
            int s = (int) (h ^ (h >>> 32)) & mask;
            while (heads[s] >= 0 && keys[s] != h) {
                s = (s + 1) & mask;
            }
            return s;
        }

        int first(long h) {
            return heads[slot(h)];
        }
    }

    private static final class Result {
        Ref ref;
        double containment;
        int chainLength;
        int spanStart;
        int spanEnd;
        int coveredRef;
        int coveredCand;
        int[] cj;
        int[] cr;
        int[] cc;

        /** Alterations are worked out only for the references that are reported. */
        FingerprintMatch toMatch(Cand cand, List<Alteration> added) {
            List<Alteration> alterations = new ArrayList<>(alterations(ref, cand, cj, cr, cc));
            alterations.addAll(added);
            double coverage = cand.tokens.length == 0 ? 0 : (double) (spanEnd - spanStart) / cand.tokens.length;
            Fingerprint fp = ref.fp;
            return new FingerprintMatch(fp.id(), fp.kind(), fp.version(), containment, Math.min(1.0, coverage),
                    !alterations.isEmpty(), alterations);
        }
    }

    private static Result align(Ref ref, Cand cand, boolean threshold) {
        int m = ref.m;
        if (m == 0 || cand.tokens.length == 0) {
            return null;
        }
        int kEff = ref.kEff();
        if (cand.tokens.length < kEff) {
            return null;
        }
        // A reference that cannot reach the threshold is dropped as soon as that is certain: the candidate has too
        // few shingles to hold it, or more of its shingles are missing than the threshold allows. Most references
        // are far from most candidates, so this decides the cost of identifying a text.
        if (threshold && cand.tokens.length - kEff + 1 < IDENTIFY_THRESHOLD * m) {
            return null;
        }
        int allowedMisses = threshold ? m - (int) Math.ceil(IDENTIFY_THRESHOLD * m) : m;
        Index ix = cand.index(kEff);
        int present = 0;
        int missed = 0;
        for (int j = 0; j < m; j++) {
            if (ix.first(ref.hash[j]) >= 0) {
                present++;
            } else if (++missed > allowedMisses) {
                return null;
            }
        }
        if (present == 0 || (threshold && present < IDENTIFY_THRESHOLD * m)) {
            return null;
        }
        // Pairs (reference shingle j, candidate position c), sorted by reference then candidate position.
        long[] keys = new long[Math.max(16, present * 2)];
        int np = 0;
        for (int j = 0; j < m; j++) {
            int occ = 0;
            for (int c = ix.first(ref.hash[j]); c >= 0 && occ < MAX_OCCURRENCES; c = ix.next[c], occ++) {
                if (np == keys.length) {
                    keys = Arrays.copyOf(keys, np * 2);
                }
                keys[np++] = ((long) j << 32) | c;
            }
        }
        keys = Arrays.copyOf(keys, np);
        Arrays.sort(keys);
        int[] pj = new int[np];
        int[] pr = new int[np];
        int[] pc = new int[np];
        for (int i = 0; i < np; i++) {
            pj[i] = (int) (keys[i] >>> 32);
            pr[i] = ref.pos[pj[i]];
            pc[i] = (int) keys[i];
        }
        // Chain: best[q] = pairs in the best chain ending at q, less a penalty for every change of diagonal. A pair
        // continues the latest pair on its own diagonal for free, or jumps from a recent pair at a cost.
        double[] best = new double[np];
        int[] prev = new int[np];
        // Diagonals range over [-(last reference position), candidate length]; index them from 0.
        int shift = ref.pos[m - 1];
        int[] lastOnDiagonal = new int[shift + cand.tokens.length + 1];
        Arrays.fill(lastOnDiagonal, -1);
        int arg = -1;
        int groupStart = 0;
        for (int q = 0; q < np; q++) {
            if (pj[q] != pj[groupStart]) {
                for (int g = groupStart; g < q; g++) {
                    int slot = pc[g] - pr[g] + shift;
                    int old = lastOnDiagonal[slot];
                    if (old < 0 || best[g] >= best[old]) {
                        lastOnDiagonal[slot] = g;
                    }
                }
                groupStart = q;
            }
            int d = pc[q] - pr[q];
            double b = pj[q] == 0 ? 1 + END_BONUS : 1;
            int pv = -1;
            int same = lastOnDiagonal[d + shift];
            if (same >= 0) {
                b = best[same] + 1;
                pv = same;
            }
            for (int p = groupStart - 1; p >= Math.max(0, groupStart - JUMP_WINDOW); p--) {
                if (best[p] <= b) {
                    continue; // a jump costs at least one shingle, so it cannot beat b
                }
                int dp = pc[p] - pr[p];
                if (dp != d && pc[p] < pc[q]) {
                    double v = best[p] + 1 - penalty(Math.abs(d - dp));
                    if (v > b) {
                        b = v;
                        pv = p;
                    }
                }
            }
            best[q] = b;
            prev[q] = pv;
            if (arg < 0 || b + (pj[q] == m - 1 ? END_BONUS : 0) > best[arg] + (pj[arg] == m - 1 ? END_BONUS : 0)) {
                arg = q;
            }
        }
        int len = 0;
        for (int i = arg; i >= 0; i = prev[i]) {
            len++;
        }
        int[] cj = new int[len];
        int[] cr = new int[len];
        int[] cc = new int[len];
        int t = len;
        for (int i = arg; i >= 0; i = prev[i]) {
            t--;
            cj[t] = pj[i];
            cr[t] = pr[i];
            cc[t] = pc[i];
        }
        Result res = new Result();
        res.ref = ref;
        res.chainLength = len;
        res.containment = (double) len / m;
        res.spanStart = cc[0];
        res.spanEnd = Math.min(cand.tokens.length, cc[len - 1] + kEff);
        res.coveredRef = covered(cr, kEff);
        res.coveredCand = covered(cc, kEff);
        res.cj = cj;
        res.cr = cr;
        res.cc = cc;
        return res;
    }

    /**
     * Chooses which of the references found to report. References whose aligned stretches of the candidate overlap
     * (by more than half of the shorter) compete; the chosen set maximises, summed over its members, reference words
     * aligned minus reference words missing plus candidate words aligned (see {@link #weight}). So a Llama 3.1 card
     * holding the 3.1 license and its use policy is explained by those two, not by the Llama 3 file that carries both,
     * and of two versions of one text the one the candidate actually is wins.
     */
    private static List<Result> select(List<Result> results) {
        List<Result> rs = new ArrayList<>(results);
        rs.sort(Comparator.comparingDouble((Result r) -> -r.containment).thenComparingInt(r -> -r.chainLength)
                .thenComparing(r -> r.ref.fp.key()));
        int n = rs.size();
        boolean[][] conflict = new boolean[n][n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = weight(rs.get(i));
            for (int j = 0; j < i; j++) {
                Result a = rs.get(i);
                Result b = rs.get(j);
                int inter = Math.min(a.spanEnd, b.spanEnd) - Math.max(a.spanStart, b.spanStart);
                int smaller = Math.min(a.spanEnd - a.spanStart, b.spanEnd - b.spanStart);
                conflict[i][j] = conflict[j][i] = inter > 0 && inter * 2 > smaller;
            }
        }
        boolean[] pick = new boolean[n];
        boolean[] bestPick = new boolean[n];
        double[] best = {Double.NEGATIVE_INFINITY};
        if (n <= MAX_EXACT_SELECTION) {
            choose(0, 0, w, conflict, pick, bestPick, best);
        } else {
            for (int i = 0; i < n; i++) { // greedy by containment
                boolean free = true;
                for (int j = 0; j < i && free; j++) {
                    free = !(bestPick[j] && conflict[i][j]);
                }
                bestPick[i] = free;
            }
        }
        List<Result> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (bestPick[i]) {
                out.add(rs.get(i));
            }
        }
        return out;
    }

    private static void choose(int i, double sum, double[] w, boolean[][] conflict, boolean[] pick, boolean[] bestPick, double[] best) {
        if (i == w.length) {
            if (sum > best[0] + 1e-9) {
                best[0] = sum;
                System.arraycopy(pick, 0, bestPick, 0, pick.length);
            }
            return;
        }
        boolean free = true;
        for (int j = 0; j < i && free; j++) {
            free = !(pick[j] && conflict[i][j]);
        }
        if (free && w[i] > 0) {
            pick[i] = true;
            choose(i + 1, sum + w[i], w, conflict, pick, bestPick, best);
            pick[i] = false;
        }
        choose(i + 1, sum, w, conflict, pick, bestPick, best);
    }

    /** Reference words aligned, minus reference words missing, plus candidate words aligned. */
    private static double weight(Result r) {
        return r.coveredRef - (r.ref.n - r.coveredRef) + r.coveredCand;
    }

    /** Number of positions covered by windows {@code [p, p + k)} for increasing {@code p}. */
    private static int covered(int[] starts, int k) {
        int total = 0;
        int end = Integer.MIN_VALUE;
        for (int p : starts) {
            int from = Math.max(p, end);
            if (p + k > from) {
                total += p + k - from;
            }
            end = Math.max(end, p + k);
        }
        return total;
    }

    /**
     * Cost of a change of diagonal by {@code shift} words, in matched shingles: one stray shingle never pays for itself,
     * a run of a few shingles after a deleted sentence does.
     */
    private static double penalty(int shift) {
        if (shift < PENALTIES.length) {
            return PENALTIES[shift];
        }
        return 1 + Math.log(1 + shift) / Math.log(2) / 2;
    }

    private static final double[] PENALTIES = new double[4096];

    static {
        for (int i = 1; i < PENALTIES.length; i++) {
            PENALTIES[i] = 1 + Math.log(1 + i) / Math.log(2) / 2;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Alterations

    private enum Mode { EXACT, LEFT, RIGHT }

    private static List<Alteration> alterations(Ref ref, Cand cand, int[] cj, int[] cr, int[] cc) {
        List<Alteration> out = new ArrayList<>();
        int k = ref.kEff();
        int len = cj.length;
        int nc = cand.tokens.length;
        // Head: reference words before the first aligned shingle.
        if (cj[0] > 0) {
            int r0 = cr[0];
            int c0 = cc[0];
            boolean benign = inRegion(ref, cand, 0, r0, -1, -1, r0, c0)
                    || verify(ref, cand, 0, cj[0], 0, Math.max(0, c0 - r0 - MAX_TOGGLES), c0 + k - 1,
                    Math.max(0, c0 - r0 - MAX_TOGGLES), c0, Mode.RIGHT, r0 + k);
            if (!benign) {
                int from = Math.max(0, c0 - r0);
                out.add(alteration(ref, cand, 0, r0, from, c0, r0 - (c0 - from)));
            }
        }
        for (int t = 0; t + 1 < len; t++) {
            int r1 = cr[t];
            int r2 = cr[t + 1];
            int c1 = cc[t];
            int c2 = cc[t + 1];
            if (cj[t + 1] == cj[t] + 1 && c2 - c1 == r2 - r1) {
                continue;
            }
            int refFrom = Math.min(r1 + k, r2);
            int refTo = Math.max(refFrom, r2);
            int candFrom = Math.min(c1 + k, c2);
            int candTo = Math.max(candFrom, c2);
            boolean benign = inRegion(ref, cand, refFrom, refTo, r1, c1, r2, c2)
                    || verify(ref, cand, cj[t], cj[t + 1], r1, c1, c2 + k - 1, c1 + k, c2, Mode.EXACT, r2 - r1 + k);
            if (!benign) {
                out.add(alteration(ref, cand, refFrom, refTo, candFrom, candTo, (r2 - r1) - (c2 - c1)));
            }
        }
        // Tail: reference words after the last aligned shingle.
        if (cj[len - 1] < ref.m - 1) {
            int rl = cr[len - 1];
            int cl = cc[len - 1];
            int refFrom = rl + k;
            int need = ref.n - rl;
            boolean benign = inRegion(ref, cand, refFrom, ref.n, rl, cl, -1, -1)
                    || verify(ref, cand, cj[len - 1], ref.m - 1, rl, cl, Math.min(nc - 1, cl + need - 1 + MAX_TOGGLES),
                    cl + k, Math.min(nc, cl + need + MAX_TOGGLES), Mode.LEFT, need);
            if (!benign) {
                int candFrom = Math.min(nc, cl + k);
                int candTo = Math.min(nc, candFrom + (ref.n - refFrom));
                out.add(alteration(ref, cand, refFrom, ref.n, candFrom, candTo, (ref.n - refFrom) - (candTo - candFrom)));
            }
        }
        return out;
    }

    /**
     * Whether the unverified reference words {@code [from, to)} lie in a variable region. Words just before a region
     * that starts within the first {@code k} words are covered by no kept shingle that avoids the region; they are
     * checked against the region's {@code before} hash at the place the neighbouring aligned shingle implies (or, at
     * the head of the text, anywhere up to {@value #MAX_VARIABLE} words before the end of the region).
     */
    private static boolean inRegion(Ref ref, Cand cand, int from, int to, int leftR, int leftC, int rightR, int rightC) {
        int k = ref.kEff();
        for (VariableRegion v : ref.fp.variableRegions()) {
            if (v.contains(from, to)) {
                return true;
            }
            int len = Math.min(k, v.start());
            if (len == 0 || from < v.start() - len || to > v.end()) {
                continue;
            }
            if (leftR >= 0) {
                if (edgeAt(cand, leftC + (v.start() - len - leftR), len, v.before())) {
                    return true;
                }
            } else if (rightR >= 0) {
                int hi = rightC - (rightR - v.end()) - len;
                for (int q = hi; q >= Math.max(0, hi - MAX_VARIABLE); q--) {
                    if (edgeAt(cand, q, len, v.before())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean edgeAt(Cand cand, int q, int len, long hash) {
        return q >= 0 && q + len <= cand.th.length && Shingles.shingle(cand.th, q, len) == hash;
    }

    /**
     * Whether the gap is only a numbering difference: with some of the candidate's dropped markers put back (inserted
     * before their token, within {@code [zoneLo, zoneHi]}) and/or some of its kept numbering-shaped tokens removed, the
     * candidate slice {@code [sliceLo, sliceHi]} reproduces every reference hash {@code jFrom..jTo}.
     */
    private static boolean verify(Ref ref, Cand cand, int jFrom, int jTo, int rBase, int sliceLo, int sliceHi,
                                  int zoneLo, int zoneHi, Mode mode, int need) {
        int nc = cand.tokens.length;
        sliceLo = Math.max(0, sliceLo);
        sliceHi = Math.min(nc - 1, sliceHi);
        if (sliceHi < sliceLo) {
            return false;
        }
        List<int[]> toggles = new ArrayList<>(); // {type 0=insert marker i, 1=remove token i}
        int a = Arrays.binarySearch(cand.droppedAt, zoneLo);
        if (a < 0) {
            a = -a - 1;
        }
        while (a > 0 && cand.droppedAt[a - 1] >= zoneLo) {
            a--;
        }
        for (int i = a; i < cand.droppedAt.length && cand.droppedAt[i] <= Math.min(zoneHi, sliceHi + 1); i++) {
            if (cand.droppedAt[i] > sliceLo) {
                toggles.add(new int[] {0, i});
            }
        }
        for (int i = Math.max(zoneLo, sliceLo); i <= Math.min(zoneHi - 1, sliceHi); i++) {
            if (cand.text.isNumberingForm(i)) {
                toggles.add(new int[] {1, i});
            }
        }
        int nt = toggles.size();
        if (nt == 0 || nt > MAX_TOGGLES) {
            return false;
        }
        int k = ref.kEff();
        int base = sliceHi - sliceLo + 1;
        for (int mask = 1; mask < (1 << nt); mask++) {
            int delta = 0;
            for (int b = 0; b < nt; b++) {
                if ((mask & (1 << b)) != 0) {
                    int[] tg = toggles.get(b);
                    delta += tg[0] == 0 ? cand.droppedHashes[tg[1]].length : -1;
                }
            }
            int vlen = base + delta;
            if (mode == Mode.EXACT ? vlen != need : vlen < need) {
                continue;
            }
            long[] v = new long[vlen];
            int w = 0;
            for (int i = sliceLo; i <= sliceHi + 1; i++) {
                for (int b = 0; b < nt; b++) {
                    int[] tg = toggles.get(b);
                    if ((mask & (1 << b)) != 0 && tg[0] == 0 && cand.droppedAt[tg[1]] == i) {
                        for (long h : cand.droppedHashes[tg[1]]) {
                            v[w++] = h;
                        }
                    }
                }
                if (i > sliceHi) {
                    break;
                }
                boolean removed = false;
                for (int b = 0; b < nt; b++) {
                    int[] tg = toggles.get(b);
                    if ((mask & (1 << b)) != 0 && tg[0] == 1 && tg[1] == i) {
                        removed = true;
                    }
                }
                if (!removed) {
                    v[w++] = cand.th[i];
                }
            }
            int offset = mode == Mode.RIGHT ? vlen - need : 0;
            boolean ok = true;
            for (int j = jFrom; j <= jTo && ok; j++) {
                int p = ref.pos[j] - rBase + offset;
                ok = p >= 0 && p + k <= vlen && Shingles.shingle(v, p, k) == ref.hash[j];
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private static Alteration alteration(Ref ref, Cand cand, int refFrom, int refTo, int candFrom, int candTo, int lost) {
        int lr = refTo - refFrom;
        int lc = candTo - candFrom;
        Alteration.Kind kind;
        if (lc == 0) {
            kind = Alteration.Kind.DELETED;
        } else if (lr == 0) {
            kind = Alteration.Kind.INSERTED;
        } else if (lost > 0 && lost >= lc) {
            kind = Alteration.Kind.DELETED;
        } else if (lost < 0 && -lost >= lr) {
            kind = Alteration.Kind.INSERTED;
        } else {
            kind = Alteration.Kind.CHANGED;
        }
        // Key terms of the reference in the passage, and what the candidate has instead.
        List<String> expected = new ArrayList<>();
        List<String> detail = new ArrayList<>();
        List<TermAnchor> candTerms = TermAnchors.find(cand.tokens, Math.max(0, candFrom - 1), Math.min(cand.tokens.length, candTo + 3));
        List<TermAnchor> unused = new ArrayList<>(candTerms);
        for (TermAnchor a : ref.fp.anchors()) {
            if (a.position() + a.length() <= refFrom || a.position() >= Math.max(refTo, refFrom + 1)) {
                continue;
            }
            TermAnchor same = null;
            for (TermAnchor c : unused) {
                if (family(c.type()).equals(family(a.type())) && c.value().equals(a.value())) {
                    same = c;
                    break;
                }
            }
            if (same != null) {
                unused.remove(same);
                continue;
            }
            TermAnchor instead = null;
            for (TermAnchor c : unused) {
                if (family(c.type()).equals(family(a.type()))) {
                    instead = c;
                    break;
                }
            }
            if (instead != null) {
                unused.remove(instead);
            }
            expected.add(a.value());
            detail.add(a.type() + " " + a.value() + " -> " + (instead == null ? "(none)" : instead.value()));
        }
        String clause = ref.fp.clauseAt(refFrom);
        return new Alteration(kind, refFrom, refTo, clause, candFrom, candTo, cand.text.quote(candFrom, candTo),
                cand.text.quote(candFrom - 8, candFrom), expected.isEmpty() ? null : String.join(", ", expected),
                detail.isEmpty() ? null : String.join("; ", detail), cand.text.quote(candTo, candTo + 2), false);
    }

    private static String family(String type) {
        return type.equals(TermAnchors.DATE) ? "date" : "number";
    }
}
