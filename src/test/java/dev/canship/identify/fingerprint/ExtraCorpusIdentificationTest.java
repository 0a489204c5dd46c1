package dev.canship.identify.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.canship.ExtraCorpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The licenses whose texts come from the extra corpus (fetched from public repositories, outside the project):
 * their committed fingerprints are what the generator makes, each text is identified as itself, unaltered, in every
 * presentation, and none is taken for a near relative canship also knows (CC-BY-NC-SA is not CC-BY-NC, AGPL is not
 * GPL, BSD-3-Clause is not MIT). Skipped, with a message, where the extra corpus is absent (CI).
 */
class ExtraCorpusIdentificationTest {

    @Test
    void committedExtraFingerprintsAreCurrent(@TempDir Path tmp) throws IOException {
        List<FingerprintCorpusGenerator.Generated> gen = FingerprintCorpusGenerator.generateExtra(ExtraCorpus.licenses(), tmp);
        for (FingerprintCorpusGenerator.Generated g : gen) {
            String name = g.written().getFileName().toString();
            Path committed = Corpus.fingerprintDir().resolve(name);
            assertThat(committed).as("committed %s (regenerate with FingerprintCorpusGenerator ... <extra-corpus>/licenses)", name).exists();
            assertThat(Files.readString(committed)).as(name).isEqualTo(Files.readString(g.written()));
        }
        assertThat(gen).extracting(g -> g.written().getFileName().toString())
                .containsExactlyElementsOf(FingerprintCorpusGenerator.extraFingerprintNames());
    }

    @Test
    void everyExtraTextRecordsWhereItCameFrom() throws IOException {
        Path l = ExtraCorpus.licenses();
        for (FingerprintCorpusGenerator.Entry e : FingerprintCorpusGenerator.EXTRA_MAPPING) {
            Path source = l.resolve(e.folder()).resolve("SOURCE.txt");
            assertThat(source).as("SOURCE.txt of %s", e.folder()).isRegularFile();
            assertThat(Files.readString(source)).as(e.folder()).contains("repository:", "path:", "commit:", "sha256");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExtraTextInEveryPresentation() throws IOException {
        Path l = ExtraCorpus.licenses();
        FingerprintMatcher matcher = Corpus.matcher();
        return FingerprintCorpusGenerator.EXTRA_MAPPING.stream().flatMap(e -> {
            String text = read(l, e);
            String key = e.id() + "." + e.kind();
            return Presentations.ALL.stream().map(p -> dynamicTest(e.folder() + " [" + p.name() + "]", () -> {
                List<FingerprintMatch> matches = matcher.match(p.apply().apply(p.name().contains("html") ? placeholdersBracketed(text) : text));
                assertThat(matches).as("matches of %s as %s", e.folder(), p.name()).isNotEmpty();
                assertThat(matches.get(0).key()).as("top match of %s as %s", e.folder(), p.name()).isEqualTo(key);
                assertThat(matches.get(0).altered()).as("%s as %s altered", e.folder(), p.name()).isFalse();
                assertThat(matches).as("one text, one match: %s as %s", e.folder(), p.name()).hasSize(1);
            }));
        });
    }

    @Test
    void nearRelativesAreNotConfused() throws IOException {
        Path l = ExtraCorpus.licenses();
        FingerprintMatcher matcher = Corpus.matcher();
        assertThat(keys(matcher, l, "cc-by-nc-sa-4.0")).containsExactly("cc-by-nc-sa-4.0.license").doesNotContain("cc-by-nc-4.0.license");
        assertThat(keys(matcher, l, "cc-by-nc-nd-4.0")).containsExactly("cc-by-nc-nd-4.0.license").doesNotContain("cc-by-nc-4.0.license");
        assertThat(keys(matcher, l, "cc-by-sa-4.0")).containsExactly("cc-by-sa-4.0.license");
        assertThat(keys(matcher, l, "cc-by-4.0")).containsExactly("cc-by-4.0.license");
        assertThat(keys(matcher, l, "agpl-3.0")).containsExactly("agpl-3.0.license").doesNotContain("gpl-3.0.license");
        assertThat(keys(matcher, l, "gpl-3.0")).containsExactly("gpl-3.0.license").doesNotContain("agpl-3.0.license");
        assertThat(keys(matcher, l, "bsd-3-clause")).containsExactly("bsd-3-clause.license").doesNotContain("mit.license");
        // And the other way: the shared corpus's CC-BY-NC and MIT texts are not taken for the new relatives.
        assertThat(matcher.match(Files.readString(Corpus.licenses().resolve("cc-by-nc-4.0/LICENSE_weights"))))
                .extracting(FingerprintMatch::key).containsExactly("cc-by-nc-4.0.license");
        assertThat(matcher.match(Files.readString(Corpus.licenses().resolve("mit/LICENSE-CODE"))))
                .extracting(FingerprintMatch::key).containsExactly("mit.license");
    }

    @Test
    void theCommittedFingerprintsAreTheSharedAndTheExtraOnes() throws IOException {
        Set<String> expected = new TreeSet<>(FingerprintCorpusGenerator.extraFingerprintNames());
        for (FingerprintCorpusGenerator.Generated g : FingerprintCorpusGenerator.generate(Corpus.licenses(), null)) {
            if (g.note().isEmpty() || !g.note().startsWith("equals")) {
                expected.add(g.fingerprint().key() + ".fp");
            }
        }
        Set<String> committed = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Corpus.fingerprintDir(), "*.fp")) {
            ds.forEach(p -> committed.add(p.getFileName().toString()));
        }
        assertThat(committed).isEqualTo(expected);
    }

    /**
     * The GNU texts' how-to-apply appendix writes placeholders in angle brackets ({@code <year>}, {@code <name of
     * author>}); the test's HTML page passes tag-like text through, so a browser would drop them, where a real page
     * escapes them. For the HTML presentations they are written in square brackets, which the normalizer reads alike.
     */
    private static String placeholdersBracketed(String text) {
        return text.replaceAll("<([a-z][^<>:]*)>", "[$1]");
    }

    private static List<String> keys(FingerprintMatcher matcher, Path l, String folder) throws IOException {
        FingerprintCorpusGenerator.Entry e = FingerprintCorpusGenerator.EXTRA_MAPPING.stream().filter(x -> x.folder().equals(folder))
                .findFirst().orElseThrow();
        return matcher.match(read(l, e)).stream().map(FingerprintMatch::key).toList();
    }

    private static String read(Path l, FingerprintCorpusGenerator.Entry e) {
        try {
            return Files.readString(FingerprintCorpusGenerator.corpusFile(l, e), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
