package dev.canship.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.Corpus;
import dev.canship.cli.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The bill of materials names the license that governs, and says whether an expression is declared or concluded. */
class CycloneDxDeclaredLicenseTest {

    private static JsonNode bom(Path repo) throws Exception {
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"check", repo.toString(), "-d", "samples/deployments/us-assistant-pass.yaml", "--format", "cyclonedx"},
                new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(code).isIn(0, 1);
        return new ObjectMapper().readTree(out.toString()).path("metadata").path("component").path("licenses");
    }

    private static Path model(Path dir, String frontMatter) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("model"));
        Files.writeString(repo.resolve("README.md"), "---\n" + frontMatter + "---\n# A model\n");
        Files.writeString(repo.resolve("config.json"), "{\"model_type\": \"llama\", \"hidden_size\": 64, \"num_hidden_layers\": 2,"
                + " \"num_attention_heads\": 4, \"vocab_size\": 100, \"intermediate_size\": 128}");
        return repo;
    }

    /** A Llama 3.1 derivative tagged with a choice of permissive licenses stays under Llama 3.1 in the BOM too. */
    @Test
    void aDeclarationThatDoesNotNameTheGoverningLicenseDoesNotStandForIt(@TempDir Path dir) throws Exception {
        JsonNode licenses = bom(model(dir, "license: mit OR apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n"));

        assertThat(licenses).hasSize(1);
        // Llama 3.1 has no SPDX id: its LicenseRef goes in an expression, as canship concluded it.
        assertThat(licenses.get(0).path("expression").asText()).isEqualTo("LicenseRef-canship-llama3.1");
        assertThat(licenses.get(0).path("acknowledgement").asText()).isEqualTo("concluded");
    }

    @Test
    void anExpressionSettledByATextIsConcludedNotDeclared(@TempDir Path dir) throws Exception {
        Path repo = model(dir, "license: (mit OR apache-2.0) AND cc-by-4.0\n");
        Path mit = Corpus.licenses().resolve("mit/LICENSE-CODE");
        Assumptions.assumeTrue(Files.isRegularFile(mit), mit + " is not in the corpus; skipping");
        Files.copy(mit, repo.resolve("LICENSE"));

        JsonNode licenses = bom(repo);
        assertThat(licenses.get(0).path("expression").asText()).isEqualTo("MIT AND CC-BY-4.0");
        assertThat(licenses.get(0).path("acknowledgement").asText()).isEqualTo("concluded");
    }

    @Test
    void anExpressionAsWrittenIsDeclared(@TempDir Path dir) throws Exception {
        JsonNode licenses = bom(model(dir, "license: apache-2.0 AND mit\n"));

        assertThat(licenses.get(0).path("expression").asText()).isEqualTo("Apache-2.0 AND MIT");
        assertThat(licenses.get(0).path("acknowledgement").asText()).isEqualTo("declared");
    }
}
