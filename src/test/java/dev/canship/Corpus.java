package dev.canship;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the reference corpus ({@code ../shared/corpus}, or {@code CANSHIP_CORPUS}, or the system property
 * {@code canship.corpus}). Tests that need it skip with a message when it is absent; its texts never enter
 * the project.
 */
public final class Corpus {

    private Corpus() {
    }

    public static Path root() {
        String prop = System.getProperty("canship.corpus");
        String env = System.getenv("CANSHIP_CORPUS");
        Path p = env != null && !env.isBlank() ? Path.of(env) : prop != null ? Path.of(prop) : Path.of("../shared/corpus");
        Assumptions.assumeTrue(Files.isDirectory(p.resolve("licenses")),
                "reference corpus not found at " + p.toAbsolutePath() + " (set CANSHIP_CORPUS); skipping");
        return p;
    }

    public static Path license(String folder, String file) {
        return root().resolve("licenses").resolve(folder).resolve(file);
    }

    public static Path repo(String folder) {
        return root().resolve("repos").resolve(folder);
    }

    /** The repository root, for samples. */
    public static Path project() {
        return Path.of("").toAbsolutePath();
    }
}
