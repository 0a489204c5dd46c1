package dev.canship.extract.weights;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.canship.fuzz.FuzzFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Property: for any bytes, {@link SafetensorsHeaderReader#read} returns a header or throws
 * {@link WeightsFormatException}; nothing else, no hang, no unbounded allocation (the limit is 1 MiB here).
 */
class SafetensorsFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void header(byte[] data) throws IOException {
        Path f = FuzzFiles.write("model.safetensors", data);
        try {
            WeightsHeader h = new SafetensorsHeaderReader(1 << 20).read(f);
            if (h.headerBytes() > data.length) {
                throw new AssertionError("header of " + h.headerBytes() + " bytes read from a " + data.length + "-byte file");
            }
        } catch (WeightsFormatException expected) {
            // the documented failure
        }
    }
}
