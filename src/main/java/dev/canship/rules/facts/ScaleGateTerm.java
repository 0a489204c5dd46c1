package dev.canship.rules.facts;

/**
 * A duty or loss of rights above a size of the licensee (modified MIT licenses of Kimi, MiniMax and Mistral):
 * more than {@code mau} monthly active users, or more than {@code revenueUsd} of revenue per {@code revenuePeriod}.
 * {@code effect}: show {@code phrase} on the product's user interface, or no rights without a separate license.
 */
public record ScaleGateTerm(String license, Long mau, Long revenueUsd, RevenuePeriod revenuePeriod, boolean commercialOnly,
                            ScaleGateEffect effect, String phrase, String clause) {

    /** The fact of a catalogue {@code scale_gate} block: its closed values read as enums. */
    public static ScaleGateTerm of(String license, dev.canship.identify.LicenseTerms.ScaleGate g) {
        return new ScaleGateTerm(license, g.mau(), g.revenueUsd(), RevenuePeriod.of(g.revenuePeriod()), g.commercialOnly(),
                ScaleGateEffect.of(g.effect()), g.phrase(), g.clause());
    }

    /** True when the gate counts users and {@code users} is above it. */
    public boolean usersAbove(long users) {
        return mau != null && users > mau;
    }

    /** "USD 20 million per month" */
    public String revenueText() {
        return revenueUsd == null ? "" : "USD " + FindingAmounts.usd(revenueUsd) + (revenuePeriod == RevenuePeriod.MONTHLY ? " per month" : " per year");
    }
}
