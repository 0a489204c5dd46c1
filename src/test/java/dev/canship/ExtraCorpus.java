package dev.canship;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The locator of the extra corpus: license texts fetched from public repositories for licenses the shared corpus
 * lacks ({@code <extra>/licenses/<id>/<file>} with a SOURCE.txt naming repository, path, commit and sha256). It is
 * {@code CANSHIP_EXTRA_CORPUS}, else the system property {@code canship.extraCorpus}, else {@code ../extra-corpus}
 * (beside the clone, like {@code ../shared}).
 *
 * <p>Unlike {@link Corpus}, its absence always skips, even where the build requires the shared corpus: CI's shared
 * corpus does not hold these texts. Its texts never enter the project; only fingerprints derived from them do.
 */
public final class ExtraCorpus {

    private ExtraCorpus() {
    }

    /** The extra corpus root, whether or not it exists. */
    public static Path location() {
        String env = System.getenv("CANSHIP_EXTRA_CORPUS");
        String prop = System.getProperty("canship.extraCorpus");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        return Path.of("..", "extra-corpus").toAbsolutePath().normalize();
    }

    /** The extra corpus's license texts; skips the calling test with a message when they are absent. */
    public static Path licenses() {
        Path l = location().resolve("licenses");
        Assumptions.assumeTrue(Files.isDirectory(l), "extra license corpus not found at " + l
                + " (set CANSHIP_EXTRA_CORPUS; CI's shared corpus does not have these texts); skipping");
        return l;
    }

    /** One text of the extra corpus; skips when it is absent. */
    public static Path license(String folder, String file) {
        Path f = licenses().resolve(folder).resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(f), f + " is not in the extra corpus; skipping");
        return f;
    }
}
