package dev.canship.inventory;

/** What a file in a model repository is, judged from its name and place. */
public enum FileRole {
    MODEL_CARD,
    LICENSE,
    USE_POLICY,
    NOTICE,
    CONFIG,
    ADAPTER_CONFIG,
    WEIGHTS,
    WEIGHTS_INDEX,
    /** A small document that is not named like a license but may hold one (checked by content). */
    DOCUMENT,
    OTHER;

    /** Files whose text the extraction stage reads and the identification stage matches. */
    public boolean isLicenseLike() {
        return this == LICENSE || this == USE_POLICY || this == NOTICE || this == DOCUMENT;
    }
}
