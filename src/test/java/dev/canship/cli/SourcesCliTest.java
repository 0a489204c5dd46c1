package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.extract.weights.TestWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.canship.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The places a model lives, named on the command line (issue 17). */
class SourcesCliTest {

    @Test
    void scanAndCheckTakeASingleGgufFile(@TempDir Path dir) throws IOException {
        Path f = new TestWeights.Gguf().string("general.architecture", "llama").string("general.license", "apache-2.0")
                .write(dir.resolve("acme-7b.Q4_K_M.gguf"), 0);
        Files.writeString(dir.resolve("LICENSE"), "a license of some other model in the same downloads folder");

        CliTest.Run scan = run("scan", f.toString(), "--format", "json");
        assertThat(scan.exit()).as(scan.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(scan.out());
        JsonNode report = j.isArray() ? j.get(0) : j;
        assertThat(report.path("name").asText()).isEqualTo("acme-7b.Q4_K_M.gguf");
        assertThat(report.path("license").path("id").asText()).isEqualTo("apache-2.0");
        assertThat(report.path("files")).hasSize(1);

        CliTest.Run check = run("check", f.toString(), "-d", "samples/deployments/us-assistant-pass.yaml");
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).startsWith("PASS: acme-7b.Q4_K_M.gguf")
                .contains("license:    apache-2.0 license, from acme-7b.Q4_K_M.gguf (general.license)")
                .contains("only its header was read; the files beside it were not listed");
    }

    @Test
    void anAbsentOllamaModelIsOneLineAndExit2() {
        CliTest.Run r = run("scan", "ollama:canship-absent-test-model:none");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString()
                .startsWith("canship: ollama:canship-absent-test-model:none: no such model in the Ollama store");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aFileThatIsNotGgufIsOneLineAndExit2(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("notes.txt"), "hello");
        CliTest.Run r = run("scan", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString().contains("not a folder or a .gguf file");
    }
}
