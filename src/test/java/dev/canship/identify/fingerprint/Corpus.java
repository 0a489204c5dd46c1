package dev.canship.identify.fingerprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Access to the shared license corpus at test run time. The texts are read from outside the project (system property
 * {@code canship.corpus}, else environment {@code CANSHIP_CORPUS}, else {@code ../shared/corpus} next to the project)
 * and never copied into it; tests that need them are skipped when the corpus is absent.
 */
final class Corpus {

    /**
     * A corpus text and the fingerprint key it must be identified as.
     *
     * @param name        {@code folder/file}
     * @param expectedKey {@code id.kind[.version]}
     * @param id          expected id
     * @param kind        expected kind
     * @param text        the file's text
     * @param body        the text with the redistributor's preface removed
     * @param fingerprint the fingerprint built from it
     */
    record Doc(String name, String expectedKey, String id, String kind, String text, String body, Fingerprint fingerprint) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Doc> docs;
    private static FingerprintMatcher matcher;

    private Corpus() {
    }

    /** The corpus root (see {@link dev.canship.Corpus}: the one locator). */
    static Path root() {
        return dev.canship.Corpus.location();
    }

    /** The corpus licenses folder; skips (or, where the build requires the corpus, fails) when it is missing. */
    static Path licenses() {
        return dev.canship.Corpus.licenses();
    }

    /** The corpus repos folder (model repository snapshots). */
    static Path repos() {
        return dev.canship.Corpus.repos();
    }

    /** Every mapped corpus text with its expected key; skips when the corpus is missing. */
    static synchronized List<Doc> docs() {
        Path l = licenses();
        if (docs == null) {
            try {
                List<Doc> d = new ArrayList<>();
                for (FingerprintCorpusGenerator.Generated g : FingerprintCorpusGenerator.generate(l, null)) {
                    String text = Files.readString(g.corpusFile(), StandardCharsets.UTF_8);
                    Fingerprint fp = g.fingerprint();
                    d.add(new Doc(g.entry().folder() + "/" + g.corpusFile().getFileName(), fp.key(), fp.id(), fp.kind(), text,
                            FingerprintBuilder.stripPreface(text), fp));
                }
                docs = List.copyOf(d);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return docs;
    }

    /** The committed fingerprints in {@code licenses/fingerprints}. */
    static Path fingerprintDir() {
        return Path.of("licenses", "fingerprints").toAbsolutePath();
    }

    /** A matcher over the committed fingerprints. */
    static synchronized FingerprintMatcher matcher() {
        if (matcher == null) {
            try {
                matcher = FingerprintMatcher.load(fingerprintDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return matcher;
    }
}
