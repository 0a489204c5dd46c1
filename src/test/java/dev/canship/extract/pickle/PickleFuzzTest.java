package dev.canship.extract.pickle;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.canship.fuzz.FuzzFiles;
import dev.canship.inventory.ScanLimits;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Property: the pickle scanner never throws, for any bytes, as a raw pickle stream or as a file of any of its
 * formats (zip checkpoint, .npy, joblib, legacy torch); every failure is the result's error. Small bounds keep
 * each run short, so a bound that does not hold shows as a timeout or an OutOfMemoryError.
 */
class PickleFuzzTest {

    private static final ScanLimits SMALL = ScanLimits.DEFAULTS
            .with(ScanLimits.Limit.MAX_PICKLE_BYTES, 1 << 20)
            .with(ScanLimits.Limit.MAX_PICKLE_OPS, 200_000)
            .with(ScanLimits.Limit.MAX_PICKLE_MEMO, 10_000)
            .with(ScanLimits.Limit.MAX_PICKLE_STACK, 10_000)
            .with(ScanLimits.Limit.MAX_ZIP_ENTRIES, 1000)
            .with(ScanLimits.Limit.MAX_HEADER_BYTES, 1 << 20);
    private static final String[] NAMES = {"pytorch_model.bin", "arr.npy", "model.joblib", "weights.npz"};

    @FuzzTest(maxDuration = "10m")
    void stream(byte[] data) {
        check(new PickleScanner(SMALL).scanPickle(data, "x.pkl"));
    }

    @FuzzTest(maxDuration = "10m")
    void file(byte[] data) throws IOException {
        // Every name: the extension decides between the raw, .npy, joblib and .npz paths.
        for (String name : NAMES) {
            Path f = FuzzFiles.write(name, data);
            check(new PickleScanner(SMALL).scan(f, name));
        }
    }

    private static void check(SerializationScan s) {
        if (s.error() != null && s.error().startsWith("could not be checked (")) {
            // The scanner's own safety net caught a bug (a RuntimeException): that is a finding for the fuzzer.
            throw new AssertionError(s.error());
        }
        for (String u : s.unsafe()) {
            if (u.contains("\n")) {
                throw new AssertionError("an unsafe entry spans lines: " + u);
            }
        }
    }
}
