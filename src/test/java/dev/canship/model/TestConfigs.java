package dev.canship.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Loads the test configs under src/test/resources/configs and locates the shared corpus. */
public final class TestConfigs {
    private TestConfigs() {
    }

    /** Parses {@code configs/<name>/config.json} from the test resources. */
    public static JsonNode config(String name) {
        try {
            URL url = TestConfigs.class.getResource("/configs/" + name + "/config.json");
            if (url == null) {
                throw new IllegalArgumentException("no test config " + name);
            }
            return ModelFactsReader.parseConfig(Path.of(url.toURI()));
        } catch (ModelConfigException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ModelFacts facts(String name) {
        return ModelFactsReader.read(config(name));
    }

    /** The corpus's model repositories (see {@link dev.canship.Corpus}). */
    public static Path corpusRepos() {
        return dev.canship.Corpus.repos();
    }

    /** A corpus repo's file; skips (or, where the build requires the corpus, fails) when that repo lacks it. */
    public static Path corpusFile(String repo, String file) {
        return dev.canship.Corpus.repoFile(repo, file);
    }

    public static JsonNode corpusConfig(String repo) {
        try {
            return ModelFactsReader.parseConfig(corpusFile(repo, "config.json"));
        } catch (ModelConfigException e) {
            throw new UncheckedIOException(new java.io.IOException(e.getMessage(), e));
        }
    }
}
