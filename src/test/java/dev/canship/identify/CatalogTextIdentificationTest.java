package dev.canship.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.canship.Corpus;
import dev.canship.extract.Extractor;
import dev.canship.inventory.InventoryScanner;
import dev.canship.inventory.ScanLimits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every license text of the catalog, as the real corpus file, is concluded as its own license (never as MIT or
 * Apache it may be built on), unaltered, both as a repository's LICENSE file and embedded in a card's
 * extra_gated_prompt. A modified MIT with a paragraph added on top is altered, never the license it copies.
 */
class CatalogTextIdentificationTest {

    private static final KnowledgeBase KB = KnowledgeBase.bundled();
    private final LicenseIdentifier identifier = new LicenseIdentifier(KB, FingerprintTextMatcher.bundled(KB), new TextTermReader());

    @TempDir
    Path tmp;

    private Identification identify(Path repo) {
        var limits = ScanLimits.DEFAULTS;
        return identifier.identify(new Extractor(limits).extract(new InventoryScanner(limits).scan(repo)));
    }

    private record Text(String id, String corpus) {
    }

    private static List<Text> licenseTexts() {
        List<Text> out = new ArrayList<>();
        for (LicenseInfo l : KB.licenses().values()) {
            for (LicenseInfo.DocumentRef d : l.documents()) {
                if (d.kind().equals("license")) {
                    out.add(new Text(l.id(), d.corpus()));
                }
            }
        }
        return out;
    }

    private static String read(String corpus) {
        try {
            return Files.readString(Corpus.root().resolve("licenses").resolve(corpus), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path repo(String name, String file, String content) throws IOException {
        Path r = Files.createDirectories(tmp.resolve(name.replace('/', '_')));
        Files.writeString(r.resolve(file), content, StandardCharsets.UTF_8);
        return r;
    }

    /** A card whose extra_gated_prompt (a YAML literal block) holds {@code text}, tagged license: other. */
    static String card(String text) {
        StringBuilder y = new StringBuilder("---\nlicense: other\nlibrary_name: transformers\nextra_gated_prompt: |2-\n");
        for (String line : text.replace("\uFEFF", "").replace("\r\n", "\n").split("\n", -1)) {
            y.append(line.isBlank() ? "" : "  " + line).append('\n');
        }
        return y.append("---\n\n# Example model\n\nA model card.\n").toString();
    }

    @TestFactory
    Stream<DynamicTest> everyLicenseTextAsFileAndInACard() {
        return licenseTexts().stream().flatMap(t -> Stream.of(
                dynamicTest(t.corpus() + " as LICENSE", () -> {
                    Identification id = identify(repo(t.corpus() + "-file", "LICENSE", read(t.corpus())));
                    assertThat(id.license()).as(t.corpus()).isNotNull();
                    assertThat(id.license().id()).as(t.corpus()).isEqualTo(t.id());
                    assertThat(id.license().altered()).as(t.corpus()).isFalse();
                }),
                dynamicTest(t.corpus() + " in extra_gated_prompt", () -> {
                    Identification id = identify(repo(t.corpus() + "-card", "README.md", card(read(t.corpus()))));
                    assertThat(id.license()).as(t.corpus()).isNotNull();
                    assertThat(id.license().id()).as(t.corpus()).isEqualTo(t.id());
                    assertThat(id.license().altered()).as(t.corpus()).isFalse();
                })));
    }

    @Test
    void kimiWithAnotherParagraphAddedIsAlteredNotMit() throws IOException {
        String text = read("kimi-modified-mit/Kimi-K2-LICENSE")
                + "\n\nIn addition, the Software may not be used by any company headquartered outside Example Country.\n";
        Identification id = identify(repo("kimi-plus", "LICENSE", text));
        assertThat(id.license().id()).isEqualTo("kimi-modified-mit");
        assertThat(id.license().altered()).isTrue();
        assertThat(id.issues()).anySatisfy(i -> assertThat(i.kind()).isEqualTo(IdentificationIssue.Kind.ALTERED));
    }

    @Test
    void plainMitStaysMit() throws IOException {
        Identification id = identify(repo("mit", "LICENSE", read("mit/LICENSE-CODE")));
        assertThat(id.license().id()).isEqualTo("mit");
        assertThat(id.license().altered()).isFalse();
        assertThat(id.issues()).isEmpty();
    }
}
