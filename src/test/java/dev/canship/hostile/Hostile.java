package dev.canship.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.cli.Main;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness of the hostile-repository suite: builds repositories in a temp folder, runs the whole CLI on them
 * in-process, and checks what every hostile case must hold: no stack trace, never exit 3, stderr empty (a broken
 * file is a diagnostic or a finding, not an error of the run).
 */
final class Hostile {

    static final ObjectMapper JSON = new ObjectMapper();
    /** A deployment that passes for an Apache-2.0 model: findings in a hostile case come from the hostile content. */
    static final String DEPLOYMENT = "samples/deployments/us-assistant-pass.yaml";

    record Run(int exit, String out, String err, long millis) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }

        /** {@code file: message} of every diagnostic. */
        List<String> diagnostics() {
            List<String> out = new ArrayList<>();
            json().path("diagnostics").forEach(d -> out.add(d.path("file").asText() + ": " + d.path("message").asText()));
            return out;
        }

        /** {@code RULE file} of every finding. */
        List<String> findings() {
            List<String> out = new ArrayList<>();
            json().path("findings").forEach(f -> out.add(f.path("rule").asText() + " "
                    + f.path("evidence").findValuesAsText("file").stream().collect(Collectors.joining(","))));
            return out;
        }

        JsonNode serialization(String file) {
            for (JsonNode s : json().path("serialization")) {
                if (s.path("file").asText().equals(file)) {
                    return s;
                }
            }
            throw new AssertionError("no serialization entry for " + file + " in " + json().path("serialization"));
        }
    }

    private Hostile() {
    }

    /** A repository with a card tagged apache-2.0, so a check of it passes unless something hostile is added. */
    static Path repo(Path dir) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\n---\n# Model\n");
        return repo;
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // Libraries log to System.err, not to canship's writer: catch that too, so a stack trace from a parser shows.
        java.io.ByteArrayOutputStream libraryErr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream realErr = System.err;
        long t0 = System.nanoTime();
        int code;
        System.setErr(new java.io.PrintStream(libraryErr, true, StandardCharsets.UTF_8));
        try {
            code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        } finally {
            System.setErr(realErr);
        }
        String logged = libraryErr.toString(StandardCharsets.UTF_8);
        Run r = new Run(code, out.toString(), err.toString() + logged, (System.nanoTime() - t0) / 1_000_000);
        assertThat(r.exit()).as("exit code (3 is an internal error); stderr: %s", r.err()).isNotEqualTo(3);
        assertThat(r.err()).as("stderr").doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(r.out()).as("stdout").doesNotContain("\tat dev.canship");
        return r;
    }

    static Run scan(Path repo, String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", repo.toString(), "--format", "json"));
        args.addAll(List.of(extra));
        Run r = run(args.toArray(String[]::new));
        assertThat(r.exit()).as("scan exit; stderr: %s", r.err()).isZero();
        assertThat(r.err()).isEmpty();
        return r;
    }

    static Run check(Path repo, String... extra) {
        List<String> args = new ArrayList<>(List.of("check", repo.toString(), "-d", DEPLOYMENT, "--format", "json"));
        args.addAll(List.of(extra));
        Run r = run(args.toArray(String[]::new));
        assertThat(r.err()).isEmpty();
        return r;
    }

    static void warmUp(Path dir) throws IOException {
        // Class loading, the rule base and Jackson cost a second or two once per JVM; each case's own time is what counts.
        check(repo(dir));
    }

    /** Tika loads every parser it has on first use (two or three seconds): paid once here, not by the first PDF case. */
    static void warmUpTika(Path dir) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("tika"));
        Files.writeString(repo.resolve("LICENSE.pdf"), "%PDF-1.4\ntrailer << >>\n%%EOF\n");
        scan(repo);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
