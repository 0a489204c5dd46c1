package dev.canship.identify.fingerprint;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the key terms of a license from its text by pattern, after presentation is removed with
 * {@link TextNormalizer#plainText}: the MAU threshold, the effective date, the required model-name prefix, attribution
 * phrases and the Notice sentence. It reads what the candidate says, so an altered "7 billion" yields 7000000000.
 */
public final class TermExtractor {

    private TermExtractor() {
    }

    private static final String MONTH = "(January|February|March|April|May|June|July|August|September|October|November|December"
            + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?";
    // Repository text: every unbounded quantifier below is possessive and followed by what its class cannot match,
    // so none backtracks into a run (two adjacent whitespace quantifiers, as in "date\\s*:?\\s*", would split a
    // run of spaces every way: quadratic). A number cannot start inside a digit run (the lookbehind), so find()
    // scans each run once. HostileBoundsTest feeds 4 MiB runs of digits, spaces and dotted versions.
    private static final String DATE = "(?:" + MONTH + "\\s++(\\d{1,2})(?:st|nd|rd|th)?,?\\s++(\\d{4})"
            + "|(\\d{1,2})(?:st|nd|rd|th)?\\s++" + MONTH + ",?\\s++(\\d{4})"
            + "|(\\d{4})-(\\d{2})-(\\d{2}))";
    private static final Pattern DATED = Pattern.compile("(?i)(?:(?:release|effective)\\s++date\\s*+:?"
            + "|last\\s++(?:modified|updated|revised)\\s*+:?|\\bdated\\s++|\\bversion\\s++[\\d.]++\\s*+,|\\beffective\\s++(?:as\\s++of\\s++)?)\\s*+"
            + DATE);
    private static final Pattern MAU = Pattern.compile(
            "(?i)(?<![\\d,])(\\d[\\d,]*+(?:\\.\\d++)?)(?:\\s*+(thousand|million|billion|trillion))?\\s++(?:monthly\\s++active\\s++users|MAUs?\\b)");
    private static final Pattern NAME_PREFIX = Pattern.compile(
            "(?i)include\\s++\"([^\"]{1,60})\"\\s++at\\s++the\\s++beginning\\s++of");
    private static final Pattern ATTRIBUTION = Pattern.compile("(?i)\"((?:built|powered|made)\\s++with\\s++[^\"]{1,80}?)\"");
    private static final Pattern NOTICE = Pattern.compile("(?i)\"?notice\"?\\s++text\\s++file[^:\"]{0,200}+:\\s*+\"([^\"]{5,600}+)\"");

    private static final Map<String, Long> SCALE = Map.of("thousand", 1_000L, "million", 1_000_000L,
            "billion", 1_000_000_000L, "trillion", 1_000_000_000_000L);

    /** The terms stated in {@code text} (plain, Markdown or HTML). */
    public static ExtractedTerms extract(String text) {
        String s = TextNormalizer.plainText(text);
        return new ExtractedTerms(mau(s), date(s), namePrefix(s), attributions(s), notice(s));
    }

    static Long mau(String s) {
        Matcher m = MAU.matcher(s);
        while (m.find()) {
            if (m.end(1) - m.start(1) > 40) {
                continue; // no user count has 40 digits; converting a megabyte of them to a number is quadratic
            }
            try {
                BigDecimal v = new BigDecimal(m.group(1).replace(",", ""));
                if (m.group(2) != null) {
                    v = v.multiply(BigDecimal.valueOf(SCALE.get(m.group(2).toLowerCase(Locale.ROOT))));
                }
                if (v.signum() > 0) {
                    return v.longValueExact();
                }
            } catch (ArithmeticException | NumberFormatException e) {
                // not a usable number; look further
            }
        }
        return null;
    }

    static LocalDate date(String s) {
        Matcher m = DATED.matcher(s);
        while (m.find()) {
            LocalDate d = parse(m);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static LocalDate parse(Matcher m) {
        try {
            if (m.group(1) != null) {
                return LocalDate.of(Integer.parseInt(m.group(3)), month(m.group(1)), Integer.parseInt(m.group(2)));
            }
            if (m.group(4) != null) {
                return LocalDate.of(Integer.parseInt(m.group(6)), month(m.group(5)), Integer.parseInt(m.group(4)));
            }
            return LocalDate.of(Integer.parseInt(m.group(7)), Integer.parseInt(m.group(8)), Integer.parseInt(m.group(9)));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static int month(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace(".", "");
        String[] months = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
        for (int i = 0; i < 12; i++) {
            if (n.startsWith(months[i])) {
                return i + 1;
            }
        }
        throw new DateTimeException("month " + name);
    }

    static String namePrefix(String s) {
        Matcher m = NAME_PREFIX.matcher(s);
        return m.find() ? m.group(1).strip() : null;
    }

    static List<String> attributions(String s) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = ATTRIBUTION.matcher(s);
        while (m.find()) {
            out.add(m.group(1).strip());
        }
        return new ArrayList<>(out);
    }

    static String notice(String s) {
        Matcher m = NOTICE.matcher(s);
        return m.find() ? m.group(1).strip() : null;
    }
}
