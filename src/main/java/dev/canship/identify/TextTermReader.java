package dev.canship.identify;

import dev.canship.identify.fingerprint.ExtractedTerms;
import dev.canship.identify.fingerprint.TermExtractor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares the threshold, name prefix and attribution phrase a copy of a license states with the
 * publisher's (catalog) values. A copy that reads "7 billion" where the publisher wrote 700 million is
 * substantively altered; the rules keep applying 700 million.
 */
public final class TextTermReader implements TermReader {

    @Override
    public List<LicenseMatch.Alteration> differences(LicenseTerms t, String text) {
        ExtractedTerms x = TermExtractor.extract(text);
        List<LicenseMatch.Alteration> out = new ArrayList<>();
        if (t.mau() != null && x.mauThreshold() != null && x.mauThreshold() != t.mau().threshold()) {
            out.add(new LicenseMatch.Alteration("changed", t.mau().clause(), "user threshold",
                    String.valueOf(x.mauThreshold()), String.valueOf(t.mau().threshold()), true));
        }
        if (t.namePrefix() != null && x.namePrefix() != null && !x.namePrefix().isBlank()
                && !x.namePrefix().strip().equalsIgnoreCase(t.namePrefix().prefix())) {
            out.add(new LicenseMatch.Alteration("changed", t.namePrefix().clause(), "required name prefix",
                    x.namePrefix().strip(), t.namePrefix().prefix(), true));
        }
        if (t.attribution() != null && !t.attribution().phrases().isEmpty() && t.attribution().phrases().stream().noneMatch(p -> p.contains("{"))) {
            String plain = plain(text);
            List<String> publisher = t.attribution().phrases().stream().map(TextTermReader::plain).toList();
            if (publisher.stream().noneMatch(plain::contains)) {
                // The publisher's phrase is gone: quote what the copy asks for instead, if it says.
                out.add(new LicenseMatch.Alteration(x.attributionPhrases().isEmpty() ? "deleted" : "changed", t.attribution().clause(), "attribution phrase",
                        String.join(" / ", x.attributionPhrases()), String.join(" / ", t.attribution().phrases()), true));
            } else {
                for (String phrase : x.attributionPhrases()) {
                    if (!publisher.contains(plain(phrase))) {
                        out.add(new LicenseMatch.Alteration("changed", t.attribution().clause(), "attribution phrase",
                                phrase.strip(), String.join(" / ", t.attribution().phrases()), true));
                    }
                }
            }
        }
        return out;
    }

    /** Lower case, straight quotes, single spaces: a phrase compared the way a reader would. */
    private static String plain(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\u201c\u201d\u2018\u2019\"']", "").replaceAll("\\s+", " ").strip();
    }
}
