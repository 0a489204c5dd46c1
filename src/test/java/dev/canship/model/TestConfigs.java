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

    /**
     * The corpus folder: system property {@code canship.corpus}, else env {@code CANSHIP_CORPUS}, else
     * {@code ../shared/corpus}. Skips the calling test (with the reason) when it is absent.
     */
    public static Path corpusRepos() {
        String p = System.getProperty("canship.corpus");
        if (p == null || p.isBlank()) {
            p = System.getenv("CANSHIP_CORPUS");
        }
        Path base = p == null || p.isBlank() ? Path.of("..", "shared", "corpus") : Path.of(p);
        Path repos = base.resolve("repos");
        Assumptions.assumeTrue(Files.isDirectory(repos), "shared corpus not found at " + repos.toAbsolutePath()
                + " (set -Dcanship.corpus or CANSHIP_CORPUS): corpus tests skipped");
        return repos;
    }

    /** A corpus repo's config.json, skipping the test when that repo is absent. */
    public static Path corpusFile(String repo, String file) {
        Path f = corpusRepos().resolve(repo).resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(f), f + " not in the corpus: skipped");
        return f;
    }

    public static JsonNode corpusConfig(String repo) {
        try {
            return ModelFactsReader.parseConfig(corpusFile(repo, "config.json"));
        } catch (ModelConfigException e) {
            throw new UncheckedIOException(new java.io.IOException(e.getMessage(), e));
        }
    }
}
