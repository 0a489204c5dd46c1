package dev.canship.finding;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Why an organization accepts a finding. A closed list, so waivers can be audited. */
public enum WaiverReason {
    SEPARATE_LICENSE("a separate license or written permission from the licensor covers it"),
    LEGAL_REVIEWED("legal counsel reviewed the case and accepted it"),
    NOT_APPLICABLE("the finding does not apply to how the model is actually used"),
    FALSE_POSITIVE("canship's evidence is wrong in this case"),
    MITIGATED("a control outside the model mitigates the concern"),
    PENDING_FIX("a fix is scheduled before the waiver expires");

    private final String meaning;

    WaiverReason(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static WaiverReason parse(String text) {
        for (WaiverReason r : values()) {
            if (r.label().equals(text) || r.name().equalsIgnoreCase(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown waiver reason '" + text + "' (known: "
                + Arrays.stream(values()).map(WaiverReason::label).collect(Collectors.joining(", ")) + ")");
    }
}
