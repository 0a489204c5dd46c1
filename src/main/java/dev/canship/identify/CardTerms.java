package dev.canship.identify;

import dev.canship.extract.ModelCard;
import dev.canship.extract.TextDocument;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Terms a model card states in its own words (an access prompt, the access form's labels, its License section) that
 * match no known text: wording that narrows the use to less than commercial use is reported as terms canship cannot
 * read, since a license tag beside it does not make it go away.
 */
final class CardTerms {

    private CardTerms() {
    }

    /**
     * Wording that narrows a model's use to less than commercial use: in a card's access prompt or license field that
     * matches no known text, it is terms of the publisher's own that canship cannot read, so it is never passed over.
     */
    private static final Pattern NARROWING = Pattern.compile(
            "(?i)\\b(non[- ]?commercial|(cc[- ])?by[- ]nc(?![a-z])|not for commercial|no commercial use"
                    + "|commercial (use|purposes?|usage)( \\w+){0,3} (not (permitted|allowed)|prohibited|forbidden|disallowed|restricted)"
                    + "|(not|never) (to )?(be )?(use[ds]?|deploy(ed)?) (it |them |the model )?(for (any )?commercial|commercially)"
                    + "|commercial (use|purposes?|usage) requires? (an? )?((prior|separate|written|paid|express) )*(permission|licen[cs]e|agreement|approval|consent)"
                    + "|paid licen[cs]e|for no other purpose|individuals only"
                    + "|(research|academic|evaluation|educational|personal)( (use|purposes?))? only"
                    + "|(only|solely|exclusively) for (\\w+ )?(research|academic|non[- ]?commercial|evaluation|educational|personal))");

    private static final Pattern LICENSE_HEADING = Pattern.compile(
            "(?im)^#{1,6}[ \\t]*[^\\n]*\\b(licen[cs]e|licensing|terms of use|usage terms|terms and conditions)\\b[^\\n]*$");
    private static final Pattern ANY_HEADING = Pattern.compile("(?m)^#{1,6}[ \\t]");

    /** The first section of the card's body whose heading is about the license ("## License"), bounded, as a text. */
    static Optional<TextDocument> licenseSection(ModelCard card) {
        String body = card.body() == null ? "" : card.body();
        Matcher h = LICENSE_HEADING.matcher(body.length() > 200_000 ? body.substring(0, 200_000) : body);
        if (!h.find()) {
            return Optional.empty();
        }
        Matcher next = ANY_HEADING.matcher(body);
        int end = next.find(h.end()) ? next.start() : body.length();
        String section = body.substring(h.end(), Math.min(end, h.end() + 4_000));
        int line = card.bodyLine() + (int) body.substring(0, h.start()).chars().filter(c -> c == '\n').count();
        return Optional.of(new TextDocument(card.file(), "license section", dev.canship.inventory.FileRole.MODEL_CARD, section, line, false));
    }

    /** "Free for research, non-commercial, and commercial use": a sentence that grants commercial use beside the narrower ones. */
    private static final Pattern GRANTS_COMMERCIAL = Pattern.compile("(?i)(?<!non-)(?<!non )\\bcommercial(ly)?\\b");
    private static final Pattern NEGATION = Pattern.compile("(?i)\\b(not|no|never|prohibit\\w*|forbid\\w*|only|solely|exclusively)\\b");

    private static boolean grantsCommercialUse(String sentence) {
        String s = sentence.replaceAll("(?i)non[- ]?commercial", "");
        return GRANTS_COMMERCIAL.matcher(s).find() && !NEGATION.matcher(s).find();
    }

    /** The sentence (between . ! ? ; or line ends) around [from, to) of {@code text}. */
    private static String sentenceAround(String text, int from, int to) {
        int a = from;
        while (a > 0 && ".!?;\n".indexOf(text.charAt(a - 1)) < 0) {
            a--;
        }
        int b = to;
        while (b < text.length() && ".!?;\n".indexOf(text.charAt(b)) < 0) {
            b++;
        }
        return text.substring(a, b);
    }

    /** A card text field (extra_gated_prompt, license_text...) that no fingerprint explains but that narrows the use. */
    static Optional<IdentificationIssue> narrowing(TextDocument doc) {
        // Any Unicode dash or hyphen reads as "-" (a non-breaking hyphen must not hide "non-commercial").
        String text = (doc.text().length() > 20_000 ? doc.text().substring(0, 20_000) : doc.text()).replaceAll("[\\u2010-\\u2015\\u2212\\u00AD]", "-")
                .replaceAll("-\\s+", "-");
        Matcher m = NARROWING.matcher(text);
        boolean found = false;
        while (m.find()) {
            // "Non-commercial" beside a grant of commercial use ("free for research, non-commercial, and commercial
            // use") lists uses, it does not narrow them; a phrase that restricts commercial use itself always counts.
            boolean listsUse = m.group().toLowerCase(Locale.ROOT).matches("(non.*|(cc[- ])?by[- ]nc)");
            if (!listsUse || !grantsCommercialUse(sentenceAround(text, m.start(), m.end()))) {
                found = true;
                break;
            }
        }
        if (!found) {
            return Optional.empty();
        }
        int from = Math.max(0, m.start() - 60);
        int to = Math.min(text.length(), m.end() + 60);
        String quote = text.substring(from, to).replaceAll("\\s+", " ").strip();
        return Optional.of(new IdentificationIssue(IdentificationIssue.Kind.UNKNOWN, List.of(),
                doc.where() + " states terms of its own that match no license canship knows and narrow the use (\"" + m.group()
                        + "\" in \"" + quote + "\"); whatever the license tag says, have them reviewed",
                List.of(new IdentificationIssue.FileLine(doc.file(), doc.firstLine()))));
    }
}
