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
                // Texts of the extra corpus have no shared-corpus entry; ExtraCatalogTextIdentificationTest covers them.
                if (d.kind().equals("license") && d.corpus() != null) {
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

    @Test
    void aModelLicenseOutranksACodeLicense() throws IOException {
        Path r = repo("apple", "LICENSE", read("mit/LICENSE-CODE"));
        Files.writeString(r.resolve("LICENSE_MODEL"), read("apple-amlr/LICENSE_MODEL"));
        assertThat(identify(r).license().id()).isEqualTo("apple-amlr");
        Path d = repo("deepseek", "LICENSE-CODE", read("mit/LICENSE-CODE"));
        Files.writeString(d.resolve("LICENSE-MODEL"), read("deepseek-model/LICENSE-MODEL"));
        assertThat(identify(d).license().id()).isEqualTo("deepseek");
    }

    @Test
    void aNoticeOrThirdPartyFileNeverGoverns() throws IOException {
        Path r = repo("kimi-notices", "LICENSE", read("kimi-modified-mit/Kimi-K2.5-LICENSE"));
        Files.writeString(r.resolve("THIRD_PARTY_NOTICES.md"), "Third-party software notices\n\n" + read("apache-2.0/LICENSE"));
        Files.writeString(r.resolve("NOTICE"), read("apache-2.0/LICENSE"));
        Identification id = identify(r);
        assertThat(id.license().id()).isEqualTo("kimi-modified-mit");
        assertThat(id.issues()).noneSatisfy(i -> assertThat(i.kind()).isEqualTo(IdentificationIssue.Kind.CONFLICT));
        // Alone, a notices file still does not make the repository Apache-2.0.
        Path only = repo("notices-only", "THIRD_PARTY_NOTICES.md", "Third-party software notices\n\n" + read("apache-2.0/LICENSE"));
        Identification none = identify(only);
        assertThat(none.license() == null || !none.license().id().equals("apache-2.0")).as("concluded %s", none.license()).isTrue();
    }

    @Test
    void anUnknownLicenseNamedByTheCardIsUnknownWithItsLink() throws IOException {
        Identification named = identify(repo("named", "README.md", "---\nlicense: other\nlicense_name: acme-model-license\n"
                + "license_link: https://acme.example/model-license\n---\n\n# Acme\n"));
        assertThat(named.license().id()).isEqualTo("acme-model-license");
        assertThat(named.issues()).anySatisfy(i -> {
            assertThat(i.kind()).isEqualTo(IdentificationIssue.Kind.UNKNOWN);
            assertThat(i.message()).contains("https://acme.example/model-license");
        });
        Identification linked = identify(repo("linked", "README.md", "---\nlicense: other\n"
                + "license_link: https://acme.example/model-license\n---\n\n# Acme\n"));
        assertThat(linked.issues()).extracting(IdentificationIssue::kind).contains(IdentificationIssue.Kind.UNKNOWN)
                .doesNotContain(IdentificationIssue.Kind.MISSING);
        assertThat(linked.issues()).anySatisfy(i -> assertThat(i.message()).contains("https://acme.example/model-license"));
    }
}
