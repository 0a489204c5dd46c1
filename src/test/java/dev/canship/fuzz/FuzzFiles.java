package dev.canship.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One scratch folder per fuzzing JVM for the readers that take a file: in memory ({@code /dev/shm}) where there is
 * one, so a long run does not wear the disk.
 */
public final class FuzzFiles {

    private static final Path DIR = create();

    private FuzzFiles() {
    }

    private static Path create() {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "canship-fuzz")
                    : Files.createTempDirectory("canship-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code data} as {@code name} in the scratch folder (replacing the last input of that name). */
    public static Path write(String name, byte[] data) throws IOException {
        Path f = DIR.resolve(name);
        Files.write(f, data);
        f.toFile().deleteOnExit();
        return f;
    }
}
