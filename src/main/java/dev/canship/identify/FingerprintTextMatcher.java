package dev.canship.identify;

import dev.canship.identify.fingerprint.Alteration;
import dev.canship.identify.fingerprint.Fingerprint;
import dev.canship.identify.fingerprint.FingerprintBuilder;
import dev.canship.identify.fingerprint.FingerprintMatch;
import dev.canship.identify.fingerprint.FingerprintMatcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Recognizes license and use-policy texts by their fingerprints ({@code licenses/fingerprints/*.fp}, the
 * ones the catalog's documents name). Loaded once and shared across repositories and threads.
 */
public final class FingerprintTextMatcher implements TextMatcher {

    private static volatile FingerprintTextMatcher bundled;
    private final FingerprintMatcher matcher;

    public FingerprintTextMatcher(FingerprintMatcher matcher) {
        this.matcher = matcher;
    }

    /** The fingerprints of every document in the bundled catalog. */
    public static FingerprintTextMatcher bundled(KnowledgeBase kb) {
        FingerprintTextMatcher m = bundled;
        if (m == null) {
            synchronized (FingerprintTextMatcher.class) {
                m = bundled;
                if (m == null) {
                    m = new FingerprintTextMatcher(new FingerprintMatcher(load(kb)));
                    bundled = m;
                }
            }
        }
        return m;
    }

    /**
     * The fingerprints of every document in {@code kb}, an organization's catalog included ({@link KnowledgeBase#withCatalog}):
     * built for the run, not shared.
     */
    public static FingerprintTextMatcher of(KnowledgeBase kb) {
        return new FingerprintTextMatcher(new FingerprintMatcher(load(kb)));
    }

    private static List<Fingerprint> load(KnowledgeBase kb) {
        List<Fingerprint> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Map.Entry<String, String> f : kb.fingerprintFiles()) {
            java.util.Optional<java.nio.file.Path> local = kb.localFingerprint(f.getKey(), f.getValue());
            if (!seen.add(local.map(Object::toString).orElse(f.getValue()))) {
                continue;
            }
            String resource = local.map(Object::toString).orElse("licenses/fingerprints/" + f.getValue());
            try (InputStream in = local.isPresent() ? java.nio.file.Files.newInputStream(local.get())
                    : FingerprintTextMatcher.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the build (catalog " + f.getKey() + ")");
                }
                out.add(FingerprintBuilder.read(in));
            } catch (IOException e) {
                throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Words of a changed passage above which a change is substantive even without a known term in it. */
    private static final int MINOR_WORDS = 6;
    /** Longest passage (reference words, give or take a shingle) read as the license's click-through sentence. */
    private static final int CLICK_THROUGH_WORDS = 40;
    /** Words that carry a grant or a duty: a passage that reads any of them changed cannot be waved through. */
    private static final Pattern TERM_WORDS = Pattern.compile(
            "(?i)\\b(not|no|never|nor|may|might|must|shall|will|can|cannot|only|except|unless|without|prohibited|permitted|allowed"
                    // The scope of a grant: "non-exclusive" to "exclusive", "non-transferable" to "transferable".
                    + "|non|exclusive|nonexclusive|transferable|nontransferable|sublicensable|revocable|irrevocable|royalty|perpetual"
                    + "|restrict\\w*|fees?|charge|omit\\w*|begin\\w*|end|less|greater|fewer|prominent\\w*|optional\\w*|den(y|ies|ied)|grants?)\\b");
    /**
     * Words of permission and duty. A passage that reads one of them with fewer words than the reference had there may
     * have lost a negation ("you are not authorized" to "you are authorized"); fingerprints keep no words, so the
     * dropped word cannot be seen, and such a passage is never waved through.
     */
    private static final Pattern PERMISSION_WORDS = Pattern.compile(
            "(?i)\\b(authori[sz]\\w*|permi\\w*|allow\\w*|grant\\w*|entitled|requir\\w*|oblig\\w*|liab\\w*|responsib\\w*|agree\\w*|consent\\w*"
                    + "|warrant\\w*)\\b");
    private static final Pattern PRODUCT_VERSION = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern PRODUCT_NAME = Pattern.compile("(?i)\\b(llama|gemma)\\b");

    /**
     * Whether a changed passage can change the terms. It is minor (a warning) only where the edit provably changes
     * no term: a link, an article or a word or two that carry no grant or duty; the Hub's access gate dropping the
     * license's click-through sentence before the numbered clauses; a use policy naming its product by another
     * version in a contact line. Anything else, a changed number or key term above all, is substantive.
     */
    static boolean substantive(Alteration a, String document, boolean accessGate) {
        String found = a.found() == null ? "" : a.found();
        if (a.kind() == Alteration.Kind.ADDED) {
            // Words before the known text that bind nothing (a note on where the copy comes from), or a short pointer
            // after it, are minor. Anything that grants, binds or narrows a use, or runs longer, is terms added to the text.
            return !a.preface();
        }
        if (a.expected() != null) {
            // Use policies hold no numeric terms; a version number there names the product ("Meta Llama 3" in
            // Meta's own Llama 3.1 gate), provided the passage names the product and adds no term word.
            return !("use-policy".equals(document) && a.kind() == Alteration.Kind.CHANGED
                    && PRODUCT_VERSION.matcher(a.expected()).matches() && PRODUCT_NAME.matcher(found).find()
                    && !TERM_WORDS.matcher(found).find());
        }
        int refWords = Math.max(0, a.refEnd() - a.refStart());
        if (a.kind() == Alteration.Kind.DELETED && found.isBlank() && accessGate && a.clause() == null && refWords <= CLICK_THROUGH_WORDS) {
            return false;
        }
        if (TERM_WORDS.matcher(found).find()) {
            return true;
        }
        if (refWords > a.candidateEnd() - a.candidateStart() && PERMISSION_WORDS.matcher(found + " " + a.after()).find()) {
            return true;
        }
        // Words removed outright: more than a word or two is a clause shortened (a use-policy item dropped, a party
        // cut from a definition); in a use policy even one, since a single word can be a whole prohibited use.
        if (a.kind() == Alteration.Kind.DELETED && found.isBlank() && (refWords > 2 || "use-policy".equals(document) && refWords > 0)) {
            return true;
        }
        // Words added: more than a word or two beyond what they replace ("Meta Platforms, Inc and Acme Corp").
        if (a.kind() == Alteration.Kind.INSERTED && wordsOutsideLinks(found) - refWords > 2) {
            return true;
        }
        int foundWords = wordsOutsideLinks(found);
        // The reference range is only known to the nearest kept shingle (about five words either side).
        return refWords > MINOR_WORDS + 10 || foundWords > MINOR_WORDS + 4;
    }

    /**
     * Whitespace-separated words that are not links ({@code http://}, {@code https://}, {@code www.} anywhere in
     * the word). Scanned by hand: the regex {@code \\S*(https?://|www\\.)\\S*} this replaces restarts at every
     * character of a long word without spaces and rescans the rest of it, quadratic in the word's length.
     */
    static int wordsOutsideLinks(String text) {
        int words = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                String word = text.substring(start, i);
                if (!word.contains("http://") && !word.contains("https://") && !word.contains("www.")) {
                    words++;
                }
            }
        }
        return words;
    }

    /** Java's {@code \\s}: ASCII whitespace. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    @Override
    public List<TextHit> match(String text) {
        return match(text, false);
    }

    @Override
    public List<TextHit> match(String text, boolean accessGate) {
        return hits(matcher.match(text), accessGate);
    }

    @Override
    public List<TextHit> matchFile(String text) {
        return hits(matcher.matchFile(text), false);
    }

    private static List<TextHit> hits(List<FingerprintMatch> found, boolean accessGate) {
        List<TextHit> hits = new ArrayList<>();
        for (FingerprintMatch m : found) {
            List<LicenseMatch.Alteration> alterations = m.alterations().stream()
                    .map(a -> new LicenseMatch.Alteration(a.kind().name().toLowerCase(Locale.ROOT), a.clause() == null ? null : "§" + a.clause(),
                            a.before(), a.found(), a.expected(), substantive(a, m.kind(), accessGate)))
                    .toList();
            hits.add(new TextHit(m.id(), m.kind(), m.version(), m.containment(), alterations));
        }
        return hits;
    }
}
