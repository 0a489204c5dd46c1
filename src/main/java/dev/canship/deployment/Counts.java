package dev.canship.deployment;

import java.math.BigDecimal;
import java.util.OptionalLong;

/**
 * Counts as people write them: 12000000, 12,000,000, 12 000 000, 12_000_000, 12M, 1.5k or 2B, read exactly (never
 * rounded). {@code canship init} accepts them; a deployment file must hold plain digits, and its error shows the
 * user's own count in digits.
 */
public final class Counts {

    private Counts() {
    }

    /** The whole number {@code s} writes, or empty when it is not a count (or not a whole one, or over 10^15). */
    public static OptionalLong read(String s) {
        BigDecimal v = value(s);
        if (v == null || v.stripTrailingZeros().scale() > 0 || v.compareTo(BigDecimal.valueOf(1_000_000_000_000_000L)) > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(v.longValueExact());
    }

    /** The exact number {@code s} writes, a fraction included (1.5 is 1.5), or null when it is not written as a count. */
    public static BigDecimal value(String s) {
        String t = s.strip();
        // Separators only between whole groups of three (12,000,000): "1,2345" is a typo, not 12345.
        if (t.matches("\\d{1,3}([,_ ]\\d{3})+(\\.\\d+)?(\\s*[kKmMbB])?")) {
            t = t.replaceAll("[,_ ](?=\\d{3})", "");
        }
        long scale = 1;
        if (t.matches("(?i)[0-9.]+\\s*[kmb]")) {
            char unit = Character.toLowerCase(t.charAt(t.length() - 1));
            scale = unit == 'k' ? 1_000L : unit == 'm' ? 1_000_000L : 1_000_000_000L;
            t = t.substring(0, t.length() - 1).strip();
        }
        if (!t.matches("\\d{1,15}(\\.\\d{1,9})?")) {
            return null;
        }
        return new BigDecimal(t).multiply(BigDecimal.valueOf(scale));
    }
}
