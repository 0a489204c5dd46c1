package dev.canship.identify;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The confidence each kind of evidence gives, with the reason a reviewer reads beside it. */
class LicenseConfidenceTest {

    static LicenseMatch text(double share, LicenseMatch.Alteration... alterations) {
        return new LicenseMatch("llama3.1", null, "license", "text", "LICENSE", 1, share, alterations.length > 0, List.of(alterations));
    }

    static LicenseMatch other(String source, String file) {
        return new LicenseMatch("llama3.1", null, "license", source, file, 0, 0.9, false, List.of());
    }

    static String of(LicenseMatch m) {
        return m.licenseConfidence().describe();
    }

    @Test
    void aTextIsTrustedByHowMuchOfItIsThereAndWhetherItsTermsWereChanged() {
        assertThat(of(text(1.0))).isEqualTo("high (exact text)");
        assertThat(of(text(0.97))).isEqualTo("high (the whole text, formatting aside)");
        assertThat(of(text(1.0, new LicenseMatch.Alteration("changed", null, "", "www.example.com", null, false)))).isEqualTo("high (text with minor edits)");
        assertThat(of(text(1.0, new LicenseMatch.Alteration("changed", "§2", "", "7 billion", "700000000", true)))).isEqualTo("medium (altered text)");
        assertThat(of(text(0.85))).isEqualTo("medium (a partial copy of the text)");
        assertThat(of(text(0.62))).isEqualTo("low (a short part of the text)");
        assertThat(text(0.62).matchShare()).isEqualTo(0.62);
    }

    @Test
    void evidenceWithoutTextHasNoShareAndSaysWhatItIs() {
        assertThat(of(other("metadata", "README.md (license)"))).isEqualTo("low (tag only)");
        assertThat(of(other("metadata", "README.md (license_link)"))).isEqualTo("low (link only)");
        assertThat(of(other("weights", "model.gguf (general.license)"))).isEqualTo("low (weights metadata tag only)");
        assertThat(of(other("weights", "model.gguf (general.license.link)"))).isEqualTo("low (weights metadata link only)");
        assertThat(of(other("reference", "LICENSE"))).isEqualTo("medium (a file names the license; the publisher's text applies)");
        assertThat(of(other("lineage", "README.md (base_model)"))).isEqualTo("medium (the base model's license)");
        assertThat(other("metadata", "README.md (license)").matchShare()).isNull();
        assertThat(other("reference", "LICENSE").matchShare()).isNull();
    }
}
