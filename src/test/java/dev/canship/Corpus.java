package dev.canship;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one locator of the shared reference data: the corpus ({@code CANSHIP_CORPUS}, else the system property
 * {@code canship.corpus}, else {@code ../shared/corpus}) and the official schemas beside it ({@code ../shared/schemas}).
 *
 * <p>Tests that need the data skip with a message when it is absent, except where the build requires it
 * ({@code -Dcanship.requireCorpus=true}, as {@code .ci/run} sets): there a missing corpus fails the test, so CI
 * cannot turn green by skipping half the suite. Its texts never enter the project.
 */
public final class Corpus {

    private Corpus() {
    }

    /** The corpus root, whether or not it exists. */
    public static Path location() {
        String env = System.getenv("CANSHIP_CORPUS");
        String prop = System.getProperty("canship.corpus");
        Path p = env != null && !env.isBlank() ? Path.of(env) : prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("..", "shared", "corpus");
        return p.toAbsolutePath().normalize();
    }

    /** The corpus root; skips (or, where required, fails) the calling test when it is absent. */
    public static Path root() {
        Path p = location();
        require(Files.isDirectory(p.resolve("licenses")) && Files.isDirectory(p.resolve("repos")),
                "reference corpus not found at " + p + " (set CANSHIP_CORPUS)");
        return p;
    }

    /** The corpus's license texts, {@code licenses/<id>/<file>}. */
    public static Path licenses() {
        return root().resolve("licenses");
    }

    /** The corpus's model repositories, {@code repos/<org>--<name>}. */
    public static Path repos() {
        return root().resolve("repos");
    }

    public static Path license(String folder, String file) {
        return licenses().resolve(folder).resolve(file);
    }

    public static Path repo(String folder) {
        Path r = repos().resolve(folder);
        require(Files.isDirectory(r), "corpus repository " + folder + " not found under " + repos());
        return r;
    }

    /** A file of a corpus repository; skips (or fails) when that repository does not have it. */
    public static Path repoFile(String folder, String file) {
        Path f = repo(folder).resolve(file);
        require(Files.isRegularFile(f), f + " is not in the corpus");
        return f;
    }

    /** The official JSON schemas beside the corpus ({@code shared/schemas/<name>}). */
    public static Path schemas(String name) {
        Path d = location().resolveSibling("schemas").resolve(name);
        require(Files.isDirectory(d), "official schemas not found at " + d + " (shared/schemas lies beside shared/corpus)");
        return d;
    }

    /** The repository root, for samples. */
    public static Path project() {
        return Path.of("").toAbsolutePath();
    }

    /** Whether this build must have the reference data (CI), so that its absence fails instead of skipping. */
    public static boolean required() {
        return Boolean.getBoolean("canship.requireCorpus");
    }

    private static void require(boolean present, String message) {
        if (present) {
            return;
        }
        if (required()) {
            Assertions.fail(message + "; this build requires it (-Dcanship.requireCorpus=true)");
        }
        Assumptions.abort(message + "; skipping");
    }
}
