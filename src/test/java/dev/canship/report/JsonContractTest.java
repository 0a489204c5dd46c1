package dev.canship.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.canship.Corpus;
import dev.canship.cli.TestReports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON contract: every report canship writes validates against the schema it ships
 * ({@code dev/canship/schemas/canship-report-1.schema.json}), for every sample and every corpus repository, scanned
 * and checked, one at a time and several together.
 */
class JsonContractTest {

    private static final ObjectMapper M = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = JsonContractTest.class.getClassLoader().getResourceAsStream("dev/canship/schemas/canship-report-1.schema.json")) {
            assertThat(in).as("the schema ships in the jar").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(M.readTree(in));
        }
    }

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("samples/repos"))) {
            return s.sorted().toList().stream();
        }
    }

    static Stream<Path> deployments() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("samples/deployments"))) {
            return s.filter(p -> !p.getFileName().toString().equals("malformed.yaml")).sorted().toList().stream();
        }
    }

    private static void assertValid(String json, String what) throws IOException {
        JsonNode node = M.readTree(json);
        Set<ValidationMessage> errors = schema.validate(node);
        assertThat(errors).as(what).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleScannedAndCheckedAgainstEveryDeploymentValidates(Path repo) throws IOException {
        assertValid(new JsonReporter().render(List.of(TestReports.scan(repo))), "scan " + repo);
        for (Path d : deployments().toList()) {
            assertValid(new JsonReporter().render(List.of(TestReports.check(repo, d))), "check " + repo + " with " + d);
        }
    }

    @Test
    void severalRepositoriesGiveAnArrayThatValidates() throws IOException {
        List<RepositoryReport> reports = samples().map(TestReports::scan).toList();
        String json = new JsonReporter().render(reports);
        assertThat(M.readTree(json).isArray()).isTrue();
        assertValid(json, "scan of every sample");
    }

    @Test
    void everyCorpusRepositoryValidates() throws IOException {
        try (Stream<Path> s = Files.list(Corpus.repos())) {
            for (Path repo : s.filter(Files::isDirectory).sorted().toList()) {
                assertValid(new JsonReporter().render(List.of(TestReports.check(repo, Path.of("samples/deployments/weights-release-fail.yaml")))),
                        "check " + repo.getFileName());
            }
        }
    }

    @Test
    void theSchemaRefusesWhatTheContractDoesNotAllow() throws IOException {
        ObjectNodeEdit edit = json -> {
            JsonNode n = M.readTree(json);
            ((com.fasterxml.jackson.databind.node.ObjectNode) n).put("verdict", "maybe");
            return n;
        };
        String check = new JsonReporter().render(List.of(TestReports.check(Path.of("samples/repos/gpt-oss-20b"),
                Path.of("samples/deployments/us-assistant-pass.yaml"))));
        assertThat(schema.validate(edit.apply(check))).as("an unknown verdict").isNotEmpty();
        JsonNode scanWithFindings = M.readTree(new JsonReporter().render(List.of(TestReports.scan(Path.of("samples/repos/gpt-oss-20b")))));
        ((com.fasterxml.jackson.databind.node.ObjectNode) scanWithFindings).putArray("findings");
        assertThat(schema.validate(scanWithFindings)).as("a scan never carries findings").isNotEmpty();
    }

    private interface ObjectNodeEdit {
        JsonNode apply(String json) throws IOException;
    }
}
