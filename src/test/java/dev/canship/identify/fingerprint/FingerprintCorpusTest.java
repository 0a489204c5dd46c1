package dev.canship.identify.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed fingerprints are exactly what the generator makes from the corpus today. */
class FingerprintCorpusTest {

    @Test
    void committedFingerprintsAreCurrent(@TempDir Path tmp) throws IOException {
        List<FingerprintCorpusGenerator.Generated> gen = FingerprintCorpusGenerator.generate(Corpus.licenses(), tmp);
        Set<String> expected = new TreeSet<>();
        for (FingerprintCorpusGenerator.Generated g : gen) {
            if (g.written() != null) {
                String name = g.written().getFileName().toString();
                expected.add(name);
                Path committed = Corpus.fingerprintDir().resolve(name);
                assertThat(committed).as("committed %s (regenerate with FingerprintCorpusGenerator)", name).exists();
                assertThat(Files.readString(committed)).as(name).isEqualTo(Files.readString(g.written()));
            }
        }
        // Beside them lie the fingerprints of the extra corpus (checked by ExtraCorpusIdentificationTest where its texts are).
        Set<String> committed = list(Corpus.fingerprintDir());
        committed.removeAll(FingerprintCorpusGenerator.extraFingerprintNames());
        assertThat(committed).isEqualTo(expected);
        // One fingerprint per mapped corpus text, except a copy that equals a dated version.
        assertThat(expected).hasSize((int) gen.stream().filter(g -> g.written() != null).count())
                .hasSizeGreaterThanOrEqualTo(FingerprintCorpusGenerator.MAPPING.size() - 1);
    }

    @Test
    void theMarkdownGemmaCopyIsANewerVersion() throws IOException {
        FingerprintCorpusGenerator.Generated md = FingerprintCorpusGenerator.generate(Corpus.licenses(), null).stream()
                .filter(g -> g.corpusFile().getFileName().toString().equals("GEMMA_TERMS_OF_USE.md")).findFirst().orElseThrow();
        assertThat(md.fingerprint().key()).isEqualTo("gemma.license.2026-04-01");
        assertThat(md.note()).contains("differs from every dated version");
        assertThat(md.fingerprint().source()).contains("preface removed");
    }

    @Test
    void everyFingerprintLoadsAndHasTheMappedIdentity() {
        FingerprintMatcher m = Corpus.matcher();
        assertThat(m.fingerprints()).extracting(Fingerprint::key).contains("llama3.1.license", "llama3.1.use-policy",
                "gemma.license.2024-02-21", "gemma.use-policy.2024-02-21", "openrail++.license", "deepseek.license", "mrl.license",
                "mnpl.license", "nvidia-open-model-agreement.license", "falcon-2-11b-tii-license.use-policy",
                "falcon-llm-license.license", "tongyi-qianwen-research.license", "cc-by-nc-4.0.license");
    }

    private static Set<String> list(Path dir) throws IOException {
        Set<String> out = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.fp")) {
            ds.forEach(p -> out.add(p.getFileName().toString()));
        }
        return out;
    }
}
