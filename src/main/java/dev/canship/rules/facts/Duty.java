package dev.canship.rules.facts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The duties and scopes {@code licenses/duties.yaml} can give a license (its keys, purposes apart). */
public enum Duty {
    MODIFICATION_NOTICE, LATEST_VERSION, UPDATES, LICENSE_COPY_HOSTED, NOTICE_NEEDS_UPSTREAM_NOTICE, OWN_MODELS_ONLY,
    EVERY_MODEL_MULTIMODAL, MULTIMODAL_MARKERS, NO_MULTIMODAL_MODELS, SHARE_ALIKE, NETWORK_SOURCE, NO_DERIVATIVES;

    /** The key as duties.yaml writes it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Duty> ofKey(String key) {
        return Arrays.stream(values()).filter(d -> d.key().equals(key)).findFirst();
    }
}
