package dev.canship.extract.pickle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.cli.Main;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each checkpoint kind written by the real library (pickle, numpy, joblib, torch as Debian ships them:
 * python3-numpy, python3-joblib, python3-torch) with a harmless payload that prints a marker. The script first
 * proves the real loader runs the payload, then canship must flag the file (unsafe use or error) in a whole scan.
 * Skipped, with the reason, where python3 or the library is missing; CheckpointBypassTest holds the same classes
 * byte by byte without Python.
 */
class RealLoaderCheckpointTest {

    private static final String SCRIPT = "real_loaders.py";

    /** A python3 that can import {@code module}: Debian's first (pyenv's python3 may lack Debian's modules), then PATH. */
    private static String python(String module) {
        for (String exe : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(exe, "-c", "import " + module).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return exe;
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // not installed under this name: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pickle", "numpy", "joblib", "torch"})
    void everyCheckpointTheRealLoaderExecutesIsFlagged(String library, @TempDir Path dir) throws Exception {
        String python = python(library.equals("joblib") ? "joblib, numpy" : library);
        assumeTrue(python != null, "python3 with the " + library + " module is not installed (Debian: apt-get install python3-"
                + library + "); CheckpointBypassTest covers this class without it");
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\n---\n# Model\n");
        Path script = dir.resolve(SCRIPT);
        try (InputStream in = RealLoaderCheckpointTest.class.getResourceAsStream(SCRIPT)) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder(python, script.toString(), library, repo.toString())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as("generator finished").isTrue();
        assertThat(p.exitValue()).as("generator exit; stderr: %s", Files.readString(dir.resolve("stderr.txt"))).isZero();

        Map<String, String> made = new LinkedHashMap<>();
        for (String line : out.strip().split("\n")) {
            String[] f = line.split("\t");
            made.put(f[0], f[2]);
            if (!f[0].equals("scripted.pt")) {
                // The case is real: the library's own loader ran the payload of this file.
                assertThat(f[1]).as("%s ran its payload under %s", f[0], f[2]).isEqualTo("1");
            }
        }
        assertThat(made).isNotEmpty();

        StringWriter so = new StringWriter();
        StringWriter se = new StringWriter();
        int exit = Main.run(new String[] {"scan", repo.toString(), "--format", "json"}, new PrintWriter(so), new PrintWriter(se));
        assertThat(exit).as("scan exit; stderr %s", se).isZero();
        JsonNode json = new ObjectMapper().readTree(so.toString());
        Map<String, JsonNode> scans = new LinkedHashMap<>();
        json.path("serialization").forEach(s -> scans.put(s.path("file").asText(), s));
        List<String> passed = new ArrayList<>();
        for (Map.Entry<String, String> m : made.entrySet()) {
            JsonNode s = scans.get(m.getKey());
            boolean flagged = s != null && (!s.path("unsafe").isEmpty() || (s.hasNonNull("error") && !s.path("error").asText().isEmpty()));
            if (!flagged) {
                passed.add(m.getKey() + " (" + m.getValue() + "): " + s);
            }
        }
        assertThat(passed).as("checkpoints a real loader executes but canship did not flag").isEmpty();
    }
}
