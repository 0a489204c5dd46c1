package dev.canship.extract.weights;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in other packages write the GGUF fixtures of {@link GgufReaderTest}. */
public final class TestWeightsAccess {
    private TestWeightsAccess() {
    }

    public static Path tinyGguf(Path file) throws IOException {
        return GgufReaderTest.tinyMoe().write(file, 0);
    }
}
