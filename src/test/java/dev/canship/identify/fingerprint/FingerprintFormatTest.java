package dev.canship.identify.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintFormatTest {

    private static final Fingerprint FP = FingerprintBuilder.build("example-open-weights", "license", "2031-03-03",
            "made up for tests", Samples.AGREEMENT);

    /** The format's own keywords. */
    private static final Set<String> FORMAT_WORDS = Set.of("canship", "fingerprint", "normalizer", "hash", "kind", "license",
            "version", "tokens", "shingle", "size", "window", "anchor", "date", "number", "amount", "threshold", "clause",
            "variable", "copyright", "appendix", "shingles");

    private static byte[] bytes(Fingerprint fp) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FingerprintBuilder.write(fp, out);
        return out.toByteArray();
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve(FP.key() + ".fp");
        FingerprintBuilder.write(FP, f);
        Fingerprint back = FingerprintBuilder.read(f);
        assertThat(back).isEqualTo(FP);
        assertThat(Files.readString(f)).startsWith("canship-fingerprint 1\nnormalizer 1\nhash fnv1a64-splitmix64\n"
                + "id example-open-weights\nkind license\nversion 2031-03-03\nsource made up for tests\n");
        assertThat(bytes(back)).isEqualTo(bytes(FP));
    }

    @Test
    void holdsTermsClausesAndTheCopyrightLineAsVariable() {
        assertThat(FP.anchors()).extracting(Fingerprint.TermAnchor::type, Fingerprint.TermAnchor::value)
                .contains(org.assertj.core.groups.Tuple.tuple("date", "2031-03-03"),
                        org.assertj.core.groups.Tuple.tuple("amount", "250000000"));
        assertThat(FP.clauses()).extracting(Fingerprint.ClauseMark::clause).contains("1", "1.a", "2.b", "2.b.i", "2.b.ii", "3", "5");
        assertThat(FP.variableRegions()).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo("copyright"));
    }

    @Test
    void keepsAboutOneWindowInThreeAndNeverLeavesFiveWindowsUncovered() {
        NormalizedText t = TextNormalizer.normalize(Samples.AGREEMENT);
        int windows = t.size() - FP.shingleSize() + 1;
        assertThat(FP.tokenCount()).isEqualTo(t.size());
        assertThat(FP.shingles().size()).isLessThan(windows / 2);
        int prev = -1;
        for (Fingerprint.Shingle s : FP.shingles()) {
            assertThat(s.position() - prev).isLessThanOrEqualTo(FP.window());
            prev = s.position();
        }
        assertThat(windows - 1 - prev).isLessThan(FP.window());
    }

    @Test
    void cannotBeReadBack() throws IOException {
        NormalizedText t = TextNormalizer.normalize(Samples.AGREEMENT);
        Set<Long> stored = new HashSet<>();
        FP.shingles().forEach(s -> stored.add(s.hash()));
        for (String token : t.tokens()) {
            long th = Shingles.tokenHash(token);
            assertThat(stored).as("single-word hash of %s", token).doesNotContain(th, Shingles.shingle(new long[] {th}, 0, 1));
        }
        // Apart from the header's id and source note, nothing in the file is a word of the text.
        String file = new String(bytes(FP), StandardCharsets.UTF_8).toLowerCase().replaceAll("(?m)^(id|source) .*$", "");
        for (String token : t.tokens()) {
            if (token.length() >= 4 && token.chars().allMatch(Character::isLetter) && !FORMAT_WORDS.contains(token)) {
                assertThat(file).as("word %s in the file", token).doesNotContainPattern("\\b" + token + "\\b");
            }
        }
    }

    @Test
    void readingIsBoundedAndStrict() {
        InputStream huge = new InputStream() {
            @Override
            public int read() {
                return 'a';
            }
        };
        assertThatThrownBy(() -> FingerprintBuilder.read(huge)).isInstanceOf(IOException.class).hasMessageContaining("larger");
        assertThatThrownBy(() -> read("hello\n")).isInstanceOf(IOException.class).hasMessageContaining("not a canship fingerprint");
        assertThatThrownBy(() -> read("canship-fingerprint 2\n")).isInstanceOf(IOException.class);
        String good = new String(assertDoesNotThrow(), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(good.replace("\nend\n", "\n"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read(good.replace("normalizer 1", "normalizer 9"))).isInstanceOf(IOException.class)
                .hasMessageContaining("rebuild");
        assertThatThrownBy(() -> read(good.replace("kind license", "kind poem"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read(good.replaceFirst("shingles (\\d+)", "shingles 999999"))).isInstanceOf(IOException.class);
    }

    private static byte[] assertDoesNotThrow() {
        try {
            return bytes(FP);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Fingerprint read(String s) throws IOException {
        return FingerprintBuilder.read(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void recordRejectsBadValues() {
        assertThatThrownBy(() -> new Fingerprint("bad id", "license", null, null, 1, 5, 5, List.of(), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fingerprint("x", "license", null, null, 10, 5, 6, List.of(), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefaceIsStrippedFromTheReference() {
        String withNote = "[For the original copy, see https://example.org/terms]\n\n" + Samples.AGREEMENT;
        assertThat(FingerprintBuilder.stripPreface(withNote).strip()).isEqualTo(Samples.AGREEMENT.strip());
        String withBlock = "# Example Open Weights Agreement\n\nA verbatim copy of https://example.org/terms, retrieved on 2031-04-01.\n\n---\n\n"
                + Samples.AGREEMENT;
        assertThat(FingerprintBuilder.stripPreface(withBlock).strip()).isEqualTo(Samples.AGREEMENT.strip());
        assertThat(FingerprintBuilder.build("x", "license", null, withBlock).shingles()).isEqualTo(FP.shingles());
        assertThat(FingerprintBuilder.stripPreface(Samples.AGREEMENT)).isEqualTo(Samples.AGREEMENT);
    }

    @Test
    void matcherFindsTheSampleAndNamesAChangedThreshold() {
        FingerprintMatcher m = new FingerprintMatcher(List.of(FP));
        assertThat(m.match(Samples.AGREEMENT)).singleElement().satisfies(x -> {
            assertThat(x.key()).isEqualTo(FP.key());
            assertThat(x.altered()).isFalse();
            assertThat(x.containment()).isEqualTo(1.0);
        });
        String changed = Samples.AGREEMENT.replace("250 million", "2.5 billion").replace("Example Labs\n\n1.", "Someone Else Inc.\n\n1.");
        FingerprintMatch x = m.match(changed).get(0);
        assertThat(x.alterations()).singleElement().satisfies(a -> {
            assertThat(a.clause()).isEqualTo("3");
            assertThat(a.found()).contains("2.5 billion");
            assertThat(a.detail()).isEqualTo("amount 250000000 -> 2500000000");
        });
        assertThat(m.match(Samples.README)).isEmpty();
    }
}
