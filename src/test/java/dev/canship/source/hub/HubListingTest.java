package dev.canship.source.hub;

import dev.canship.inventory.ScanLimits;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Hub's listing, the names a user types, and the settings from the environment: untrusted or mistyped input. */
class HubListingTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    private static HubListing parse(String json) {
        return HubListing.parse(json.getBytes(StandardCharsets.UTF_8), "hf:o/n@main", ScanLimits.DEFAULTS);
    }

    @Test
    void aListingGivesTheCommitAndEachFileWithItsSizeSortedByPath() {
        HubListing l = parse("{\"sha\":\"" + SHA.toUpperCase() + "\",\"siblings\":[{\"rfilename\":\"z/config.json\",\"size\":3},"
                + "{\"rfilename\":\"model.safetensors\",\"size\":8589934600,\"lfs\":{\"sha256\":\"x\",\"size\":8589934600}}]}");
        assertThat(l.sha()).isEqualTo(SHA);
        assertThat(l.files()).containsExactly(new HubListing.Entry("model.safetensors", 8589934600L), new HubListing.Entry("z/config.json", 3));
    }

    @Test
    void hostileOrBrokenListingsAreRefusedInOneLine() {
        String ok = "{\"sha\":\"" + SHA + "\",\"siblings\":[%s]}";
        Map<String, String> cases = Map.of(
                "not json", "malformed listing from the Hub (not JSON)",
                "{\"siblings\":[]}", "(no commit sha)",
                "{\"sha\":\"" + SHA + "\"}", "(no siblings list)",
                ok.formatted("{\"rfilename\":\"../x\",\"size\":1}"), "not a plain relative path",
                ok.formatted("{\"rfilename\":\"/etc/passwd\",\"size\":1}"), "not a plain relative path",
                ok.formatted("{\"rfilename\":\"a//b\",\"size\":1}"), "not a plain relative path",
                ok.formatted("{\"rfilename\":\"a\\u0000b\",\"size\":1}"), "not a plain relative path",
                ok.formatted("{\"rfilename\":\"a\",\"size\":-1}"), "file a has no size",
                ok.formatted("{\"rfilename\":\"a\",\"size\":1},{\"rfilename\":\"a\",\"size\":1}"), "file a listed twice",
                ok.formatted("{\"rfilename\":\"w.safetensors\",\"size\":10,\"lfs\":{\"size\":11}}"), "size mismatch for w.safetensors");
        cases.forEach((json, message) -> assertThatThrownBy(() -> parse(json)).as(json)
                .isInstanceOf(HubException.class).hasMessageStartingWith("hf:o/n@main: ").hasMessageContaining(message));
    }

    @Test
    void aHubNameIsOrgSlashNameWithAnOptionalRevision() {
        assertThat(HubRef.parse("hf:google/gemma-3-27b-it")).isEqualTo(new HubRef("google/gemma-3-27b-it", "main"));
        assertThat(HubRef.parse("hf:google/gemma-3-27b-it@refs/pr/3")).isEqualTo(new HubRef("google/gemma-3-27b-it", "refs/pr/3"));
        for (String bad : new String[] {"hf:gemma", "hf:a/b/c", "hf:a/../b", "hf:a/b@", "hf:a/b@x y", "hf:/a/b", "hf:a/b@v1/../../x"}) {
            assertThatThrownBy(() -> HubRef.parse(bad)).as(bad).hasMessageContaining("not a Hub model");
        }
    }

    @Test
    void theEnvironmentGivesEndpointTokenAndOfflineAndTheTokenIsNeverShown() {
        HubSettings s = HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "https://hub.example.org/", "HF_TOKEN", "hf_secret42",
                "HF_HUB_OFFLINE", "1"), Path.of("/tmp/c"));
        assertThat(s.endpoint()).hasToString("https://hub.example.org");
        assertThat(s.token()).isEqualTo("hf_secret42");
        assertThat(s.offline()).isTrue();
        assertThat(s.toString()).doesNotContain("hf_secret42");
        assertThat(HubSettings.fromEnvironment(Map.of(), null).endpoint()).isEqualTo(HubSettings.DEFAULT_ENDPOINT);
        assertThat(HubSettings.fromEnvironment(Map.of("HF_HUB_OFFLINE", "0"), null).offline()).isFalse();
        assertThatThrownBy(() -> HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "file:///etc"), null))
                .hasMessageStartingWith("HF_ENDPOINT: ");
    }
}
