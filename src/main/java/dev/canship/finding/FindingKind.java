package dev.canship.finding;

/**
 * The closed vocabulary of finding kinds. Every rule produces one of these, so that pipelines can
 * count and filter findings without parsing messages.
 */
public enum FindingKind {
    LICENSE_MISSING,
    LICENSE_UNKNOWN,
    LICENSE_CONFLICT,
    LICENSE_ALTERED,
    /** A declared license expression names further licenses (AND) or a choice (OR) beside the governing license. */
    LICENSE_EXPRESSION,
    MAU_THRESHOLD,
    DERIVATIVE_NAMING,
    ATTRIBUTION,
    NOTICE_FILE,
    LICENSE_COPY,
    USE_POLICY,
    USE_POLICY_REVIEW,
    EU_MULTIMODAL,
    OUTPUT_TRAINING,
    NON_COMMERCIAL,
    PASS_THROUGH,
    TRADEMARK,
    HARDWARE_FIT,
    UNSAFE_SERIALIZATION,
    /** Changed files must say they were changed (reminder). */
    MODIFICATION_NOTICE,
    /** The licensor may update the model or its use restrictions, or restrict use remotely (reminder). */
    LICENSE_UPDATES,
    /** A changed model must stay under the same license with its source, or may not be shared (copyleft, share-alike, no-derivatives). */
    COPYLEFT,
    /** What was scanned holds nothing of a model: no card, config, weights or license. */
    NOT_A_MODEL
}
