package dev.canship.rules.facts;

/**
 * The organization's declared revenue in US dollars; either may be null (not declared). Comparisons answer only
 * what the declared figures prove: a monthly ceiling is known to hold when the whole year stays under it, and known
 * to be crossed when the year exceeds twelve times it; otherwise it is unknown.
 */
public record Revenue(Long annualUsd, Long monthlyUsd) {

    /** True when the declared figures prove revenue above {@code threshold} per {@code period}. */
    public boolean above(long threshold, RevenuePeriod period) {
        if (period == RevenuePeriod.MONTHLY) {
            return (monthlyUsd != null && monthlyUsd > threshold) || (annualUsd != null && annualUsd > 12 * threshold);
        }
        return (annualUsd != null && annualUsd > threshold) || (monthlyUsd != null && monthlyUsd * 12 > threshold);
    }

    /** True when the declared figures prove revenue at most {@code threshold} per {@code period}. */
    public boolean atMost(long threshold, RevenuePeriod period) {
        if (period == RevenuePeriod.MONTHLY) {
            return (monthlyUsd != null && monthlyUsd <= threshold && (annualUsd == null || annualUsd <= 12 * threshold))
                    || (annualUsd != null && annualUsd <= threshold);
        }
        return (annualUsd != null && annualUsd <= threshold) || (annualUsd == null && monthlyUsd != null && monthlyUsd * 12 <= threshold);
    }

    /** The deployment field to cite for a {@code period} ceiling. */
    public String field(RevenuePeriod period) {
        return period == RevenuePeriod.MONTHLY && monthlyUsd != null || annualUsd == null && monthlyUsd != null
                ? "organization.monthly_revenue_usd" : "organization.annual_revenue_usd";
    }
}
