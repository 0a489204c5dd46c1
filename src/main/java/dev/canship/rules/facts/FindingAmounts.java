package dev.canship.rules.facts;

/** Wording of US dollar amounts in findings. */
final class FindingAmounts {

    private FindingAmounts() {
    }

    static String usd(long v) {
        if (v >= 1_000_000 && v % 1_000_000 == 0) {
            return (v / 1_000_000) + " million";
        }
        return String.format(java.util.Locale.ROOT, "%,d", v);
    }
}
