package dev.canship.identify.fingerprint;

import java.util.regex.Pattern;

/**
 * Judges the words a license file has outside every known text it holds (a title, a preface, a copyright line, a
 * trailer): whether they narrow, grant or bind a use, and whether a preface is only a note about the copy itself.
 * A word list cannot prove prose harmless, so these decide only what may be named as minor; everything else is terms
 * added to the text.
 */
final class AddedWords {

    private AddedWords() {
    }

    /**
     * Words that narrow or condition a use ("non-commercial", "research", "prohibited", "fee"): a title, preface,
     * copyright line or stray word outside a known text that carries one may change what the file licenses, so it is
     * never tolerated. Matched on words outside links, lower case, so "non-commercial" reads as "non commercial".
     */
    static final Pattern USE_WORDS = Pattern.compile(
            "\\b(commercial\\w*|noncommercial\\w*|nc|research|academic|educational|evaluation|personal|internal|production|"
                    + "prohibit\\w*|forbid\\w*|restrict\\w*|permission|consent|approval|fees?|royalt\\w*|revenue|terminat\\w*|"
                    + "revok\\w*|exclusively|solely|paid|pay|payment|compan(y|ies)|business(es)?|enterprises?|government|military|limit(ed|s)?|individuals?|requir\\w*|separate)\\b");
    /**
     * Words that grant or bind (not, may, must, only...): outside a known text they change its terms unless they are
     * part of a redistributor's note on where the copy comes from ("only the layout was converted"), which
     * {@link FingerprintBuilder#stripPreface} recognises; there only {@link #USE_WORDS} count.
     */
    static final Pattern MODAL_WORDS = Pattern.compile(
            "\\b(not|no|never|nor|may|might|must|shall|will|can|cannot|only|except|unless|without|permitted|allowed)\\b");

    /** Whether {@code text} carries a use word, or (when {@code modal}) a granting or binding word, outside links. */
    static boolean binds(String text, boolean modal) {
        String words = plainWords(withoutCopyrightHolders(text));
        return USE_WORDS.matcher(words).find() || modal && MODAL_WORDS.matcher(words).find()
                || PROVENANCE_MODAL_WORDS.matcher(words).find();
    }

    /**
     * {@code text} with each copyright line cut to what follows its notice: a holder's
     * name ("Nous Research", "Personal AI Ltd") is no term, but a sentence after it ("For non-commercial use only.") is.
     */
    private static String withoutCopyrightHolders(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String core = FingerprintBuilder.lineCore(line);
            if (FingerprintBuilder.COPYRIGHT_LINE.matcher(core).matches()) {
                // The notice runs to the first comma, period, semicolon, colon, dash or bracket; of it, only words
                // written as a name (capitalised: "Nous Research", "Personal AI") are the holder's. Everything after
                // it, and any word in lower case within it, is read as words the file adds.
                java.util.regex.Matcher m = NOTICE_END.matcher(core);
                int cut = m.find() ? m.start() : core.length();
                for (String w : core.substring(0, cut).split("\\s+")) {
                    if (!w.isEmpty() && !Character.isUpperCase(w.codePointAt(0))) {
                        out.append(w).append(' ');
                    }
                }
                out.append(core.substring(cut)).append('\n');
            } else {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Removes characters with no visible form (soft hyphens, zero-width joiners: Unicode category Cf) and folds letters
     * that look like Latin ones (Cyrillic and Greek o, e, a, c, p, x, i...) into them, so that "N\u043En-c\u043Emmercial"
     * or "Non-com\u00ADmercial" cannot hide a use word.
     */
    static String foldLookAlikes(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.getType(c) == Character.FORMAT) {
                return;
            }
            int i = LOOK_ALIKE_FROM.indexOf(c);
            sb.appendCodePoint(i >= 0 ? LOOK_ALIKE_TO.charAt(i) : c);
        });
        return sb.toString();
    }

    /** Cyrillic and Greek letters drawn like Latin ones, and the Latin letter each stands for (same index). */
    private static final String LOOK_ALIKE_FROM = "\u0430\u0435\u043E\u0440\u0441\u0445\u0443\u0456\u0458\u0455\u0501\u04BB\u0410\u0415\u041E\u0420\u0421\u0425\u041D\u041A\u041C\u0422\u0412\u03BF\u039F\u03B1\u0391\u03B5\u0395\u03B9\u0399\u03BD\u039D\u03C1\u03A1\u03C4\u03A4";
    private static final String LOOK_ALIKE_TO = "aeopcxyijsdhAEOPCXHKMTBoOaAeEiIvNpPtT";

    /**
     * Whether every sentence of {@code text} is about the copy (where it comes from, that it is unchanged) or a short
     * title: "This is a verbatim copy. The weights are to be used inside Acme's offices." is not.
     */
    static boolean aboutTheCopy(String text) {
        boolean any = false;
        for (String sentence : text.split("(?<=[.!?])\\s+")) {
            String words = plainWords(sentence).strip();
            if (words.isEmpty()) {
                continue;
            }
            if (PROVENANCE.matcher(words).find()) {
                any = true;
            } else if (words.split(" ").length > 4) {
                return false;
            }
        }
        return any;
    }

    /** Words of a note about where a copy comes from. */
    private static final Pattern PROVENANCE = Pattern.compile(
            "\\b(cop(y|ied)|verbatim|original|retrieved|source|mirror(ed)?|converted|redistribut\\w*|published|downloaded|reproduced|unchanged|unmodified)\\b");

    /** Where a copyright notice's holder ends: a comma, a period before more text, a semicolon, colon, dash or bracket. */
    private static final Pattern NOTICE_END = Pattern.compile("[,;:\\u2013\\u2014]|\\((?![cC]\\))|\\.\\s+(?=\\S)|\\s-\\s");

    /** "May" and "not" in a redistributor's note are terms too ("you may not deploy it"); "only" there is provenance. */
    private static final Pattern PROVENANCE_MODAL_WORDS = Pattern.compile("\\b(not|no|never|nor|may|might|must|shall|cannot|except|unless)\\b");

    /** The words of {@code text} outside links, lower case, separated by single spaces (punctuation dropped). */
    static String plainWords(String text) {
        StringBuilder sb = new StringBuilder();
        for (String w : foldLookAlikes(text).split("\\s+")) {
            if (w.contains("http://") || w.contains("https://") || w.contains("www.")) {
                continue;
            }
            sb.append(' ').append(w.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " "));
        }
        return sb.toString();
    }
}
