package dev.canship.identify.fingerprint;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.canship.identify.fingerprint.Fingerprint.TermAnchor;

/**
 * Finds key terms in a token stream: dates, amounts ("700 million"), monthly-active-user thresholds and other numbers.
 * Used on reference tokens (to store anchors) and on candidate tokens (to name what an altered passage says instead).
 */
final class TermAnchors {

    static final String NUMBER = "number";
    static final String AMOUNT = "amount";
    static final String MAU = "mau-threshold";
    static final String DATE = "date";

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("january", 1), Map.entry("jan", 1), Map.entry("february", 2), Map.entry("feb", 2),
            Map.entry("march", 3), Map.entry("mar", 3), Map.entry("april", 4), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("june", 6), Map.entry("jun", 6), Map.entry("july", 7), Map.entry("jul", 7),
            Map.entry("august", 8), Map.entry("aug", 8), Map.entry("september", 9), Map.entry("sep", 9),
            Map.entry("sept", 9), Map.entry("october", 10), Map.entry("oct", 10), Map.entry("november", 11),
            Map.entry("nov", 11), Map.entry("december", 12), Map.entry("dec", 12));

    private static final Map<String, BigDecimal> SCALES = Map.of(
            "thousand", BigDecimal.valueOf(1_000L), "million", BigDecimal.valueOf(1_000_000L),
            "billion", BigDecimal.valueOf(1_000_000_000L), "trillion", BigDecimal.valueOf(1_000_000_000_000L),
            "bn", BigDecimal.valueOf(1_000_000_000L));

    private TermAnchors() {
    }

    static List<TermAnchor> find(String[] t, int from, int to) {
        List<TermAnchor> out = new ArrayList<>();
        int i = Math.max(0, from);
        to = Math.min(to, t.length);
        while (i < to) {
            TermAnchor a = at(t, i, to);
            if (a != null) {
                out.add(a);
                i += a.length();
            } else {
                i++;
            }
        }
        return out;
    }

    static List<TermAnchor> find(String[] t) {
        return find(t, 0, t.length);
    }

    /** The anchor starting at token {@code i}, or null. */
    private static TermAnchor at(String[] t, int i, int to) {
        String a = t[i];
        Integer month = MONTHS.get(a);
        // "may" is also a verb: a month name counts only when a day or year follows.
        if (month != null) {
            if (i + 2 < to && isDay(t[i + 1]) && isYear(t[i + 2])) {
                String d = date(t[i + 2], month, t[i + 1]);
                if (d != null) {
                    return new TermAnchor(i, 3, DATE, d);
                }
            }
            if (i + 1 < to && isYear(t[i + 1])) {
                return new TermAnchor(i, 2, DATE, t[i + 1] + "-" + two(month));
            }
            return null;
        }
        if (isDay(a) && i + 2 < to && MONTHS.containsKey(t[i + 1]) && isYear(t[i + 2])) {
            String d = date(t[i + 2], MONTHS.get(t[i + 1]), a);
            if (d != null) {
                return new TermAnchor(i, 3, DATE, d);
            }
        }
        if (isYear(a) && i + 2 < to && t[i + 1].length() == 2 && t[i + 2].length() == 2 && isInt(t[i + 1]) && isInt(t[i + 2])) {
            String d = date(a, Integer.parseInt(t[i + 1]), t[i + 2]);
            if (d != null) {
                return new TermAnchor(i, 3, DATE, d);
            }
        }
        if (!isNumber(a)) {
            return null;
        }
        int len = 1;
        String type = NUMBER;
        String value = a;
        BigDecimal number = decimal(a);
        if (number != null && i + 1 < to && SCALES.containsKey(t[i + 1])) {
            BigDecimal v = number.multiply(SCALES.get(t[i + 1]));
            len = 2;
            type = AMOUNT;
            value = v.stripTrailingZeros().toPlainString();
        }
        if (followedByMau(t, i + len, to)) {
            type = MAU;
            if (len == 1 && number != null) {
                value = number.stripTrailingZeros().toPlainString();
            }
        }
        return new TermAnchor(i, len, type, value);
    }

    private static boolean followedByMau(String[] t, int i, int to) {
        for (int j = i; j < Math.min(to, i + 3); j++) {
            if (t[j].equals("monthly") && j + 2 < t.length && t[j + 1].equals("active") && t[j + 2].startsWith("user")) {
                return true;
            }
            if (t[j].equals("mau") || t[j].equals("maus")) {
                return true;
            }
        }
        return false;
    }

    private static String date(String year, int month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), month, Integer.parseInt(day)).toString();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static String two(int m) {
        return m < 10 ? "0" + m : String.valueOf(m);
    }

    static boolean isInt(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 24 || s.charAt(0) == '.' || s.charAt(s.length() - 1) == '.') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDay(String s) {
        return isInt(s) && s.length() <= 2 && Integer.parseInt(s) >= 1 && Integer.parseInt(s) <= 31;
    }

    private static boolean isYear(String s) {
        return isInt(s) && s.length() == 4 && s.charAt(0) >= '1' && s.charAt(0) <= '2';
    }

    /** Parses a numeric token such as "3.1" or "1.2.3" as a BigDecimal when it has at most one dot. */
    static BigDecimal decimal(String s) {
        return s.indexOf('.') == s.lastIndexOf('.') ? new BigDecimal(s) : null;
    }
}
