package dev.canship.extract.weights;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.canship.fuzz.FuzzFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Property: for any bytes, {@link GgufReader#read} returns a header or throws {@link WeightsFormatException};
 * counts and lengths are checked before anything is sized by them.
 */
class GgufFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void header(byte[] data) throws IOException {
        Path f = FuzzFiles.write("model.gguf", data);
        try {
            WeightsHeader h = new GgufReader(1 << 20, 10_000, 10_000, 1 << 16).read(f);
            if (h.headerBytes() > data.length) {
                throw new AssertionError("header of " + h.headerBytes() + " bytes read from a " + data.length + "-byte file");
            }
        } catch (WeightsFormatException expected) {
            // the documented failure
        }
    }
}
