package dev.canship.extract.pickle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.inventory.ScanLimits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The walker against CPython: pickles made by {@code src/test/python/pickle_differential.py} must walk to their end
 * with exactly the globals CPython's Unpickler imports. Runs when {@code CANSHIP_PICKLE_DIFF} names the folder the
 * script wrote; skipped otherwise (the build does not need Python).
 */
class PickleDifferentialTest {

    @Test
    void everyPickleCPythonWritesWalksToTheGlobalsCPythonImports() throws IOException {
        String dir = System.getenv("CANSHIP_PICKLE_DIFF");
        assumeThat(dir).as("CANSHIP_PICKLE_DIFF (see src/test/python/pickle_differential.py)").isNotBlank();
        JsonNode expected = new ObjectMapper().readTree(Files.readString(Path.of(dir, "expected.json")));
        PickleScanner scanner = new PickleScanner(ScanLimits.DEFAULTS);
        List<String> mismatches = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            SerializationScan s = scanner.scan(Path.of(dir, e.getKey()), e.getKey());
            TreeSet<String> got = new TreeSet<>();
            s.globals().forEach(g -> got.add(g.qualifiedName()));
            TreeSet<String> want = new TreeSet<>();
            e.getValue().forEach(n -> want.add(n.asText()));
            if (s.error() != null || !got.equals(want)) {
                mismatches.add(e.getKey() + ": error=" + s.error() + " got=" + got + " want=" + want);
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
