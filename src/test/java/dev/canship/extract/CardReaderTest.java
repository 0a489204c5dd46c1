package dev.canship.extract;

import dev.canship.inventory.Diagnostic;
import dev.canship.inventory.ScanLimits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CardReaderTest {
    private final CardReader reader = new CardReader(ScanLimits.DEFAULTS);
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private ModelCard read(String frontMatter) {
        return reader.read("README.md", "---\n" + frontMatter + "---\n# Model\n", diagnostics);
    }

    @Test
    void oneBadValueDoesNotLoseTheLicenseTag() {
        for (String bad : List.of("score: .nan\n", "x: !!float zz\n", "x: [unclosed\n", "x: !!int abc def: ]\n")) {
            diagnostics.clear();
            ModelCard c = read(bad + "license: llama3.1\ntags:\n- a\n- b\n");
            assertThat(c.text("license")).as(bad).isEqualTo("llama3.1");
            assertThat(c.texts("tags")).as(bad).containsExactly("a", "b");
            assertThat(diagnostics).as(bad).singleElement().satisfies(d ->
                    assertThat(d.message()).contains("read key by key").contains("skipped: " + bad.substring(0, bad.indexOf(':'))));
        }
    }

    /** The Hub reads front matter after blank lines; so does canship, with the lines of the file. */
    @Test
    void frontMatterAfterLeadingBlankLinesIsRead() {
        ModelCard c = reader.read("README.md", "\n\n---\nlicense: cc-by-nc-4.0\n---\n# Model\n", diagnostics);
        assertThat(c.text("license")).isEqualTo("cc-by-nc-4.0");
        assertThat(c.lineOf("license")).isEqualTo(4);
        // With the key by key fallback too.
        c = reader.read("README.md", "\n---\nx: [unclosed\nlicense: mit\n---\n# Model\n", diagnostics);
        assertThat(c.text("license")).isEqualTo("mit");
    }

    /** A license stated in a way the Hub does not read is still the author's statement. */
    @Test
    void aCapitalisedLicenseKeyAndLicenseTagsAreLicenses() {
        assertThat(read("License: cc-by-nc-4.0\n").text("license")).isEqualTo("cc-by-nc-4.0");
        assertThat(read("license: apache-2.0\nLicense: cc-by-nc-4.0\n").texts("license")).as("both are claims").containsExactly("apache-2.0", "cc-by-nc-4.0");
        assertThat(read("license: apache-2.0\nlicence: cc-by-nc-4.0\n").texts("license")).as("the British spelling too").containsExactly("apache-2.0", "cc-by-nc-4.0");
        assertThat(read("tags: [license:cc-by-nc-4.0, text-generation]\n").text("license")).isEqualTo("cc-by-nc-4.0");
        assertThat(read("license: apache-2.0\ntags: [license:cc-by-nc-4.0]\n").texts("license")).containsExactly("apache-2.0", "cc-by-nc-4.0");
        assertThat(read("license: apache-2.0\ntags: [license:apache-2.0]\n").text("license")).as("the Hub's own tag adds nothing").isEqualTo("apache-2.0");
    }

    @Test
    void aBadDateIsKeptAsText() {
        assertThat(read("license: mit\ndate: 2024-13-45\n").text("license")).isEqualTo("mit");
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void duplicateKeysAreRecordedWithTheirValues() {
        ModelCard c = read("license: apache-2.0\ntags: [a]\nlicense: 'llama3.1'\ntags: [b]\n");
        assertThat(c.duplicateKeys()).containsEntry("license", List.of("apache-2.0", "'llama3.1'"))
                .containsKey("tags");
        // A repeated license key is a finding (identification); any other repeated key is a diagnostic line.
        assertThat(diagnostics).singleElement().satisfies(d ->
                assertThat(d.message()).isEqualTo("front matter names 'tags' 2 times (lines 3, 5); the last is read: keep one"));
    }
}
