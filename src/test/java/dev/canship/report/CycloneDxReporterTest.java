package dev.canship.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.canship.cli.TestReports;
import dev.canship.identify.KnowledgeBase;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CycloneDX BOM: valid 1.6 by cyclonedx-core-java's own validator and by the official schema, the model as a
 * machine-learning-model with its license, model card and facts, hashes for the small files only, base models
 * as dependencies, and the same bytes for the same inputs.
 */
class CycloneDxReporterTest {

    static final Path SCOUT = Path.of("samples/repos/llama4-scout-instruct");
    static final Path FINETUNE = Path.of("samples/repos/acme-llama3.1-8b-support");
    static final Path QWEN = Path.of("samples/repos/qwen3-30b-a3b");
    static final Path FAIL = Path.of("samples/deployments/weights-release-fail.yaml");
    static final Path PASS = Path.of("samples/deployments/us-assistant-pass.yaml");
    static final ObjectMapper M = new ObjectMapper();

    static String bom(RepositoryReport... reports) {
        return new CycloneDxReporter(KnowledgeBase.bundled(), null).render(List.of(reports));
    }

    @Test
    void theCoreLibraryValidatesAndParsesItAs16() throws Exception {
        for (String json : List.of(bom(TestReports.check(SCOUT, FAIL)), bom(TestReports.check(FINETUNE, FAIL)),
                bom(TestReports.scan(QWEN)), bom(TestReports.check(SCOUT, PASS), TestReports.check(QWEN, PASS)))) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            JsonParser parser = new JsonParser();
            List<ParseException> errors = parser.validate(bytes, Version.VERSION_16);
            assertThat(errors).as(json).isEmpty();
            Bom parsed = parser.parse(bytes);
            assertThat(parsed.getSpecVersion()).isEqualTo("1.6");
        }
    }

    @Test
    void theOfficialSchemaAcceptsIt() throws Exception {
        JsonSchema schema = officialSchema();
        for (String json : List.of(bom(TestReports.check(SCOUT, FAIL)), bom(TestReports.check(FINETUNE, FAIL)),
                bom(TestReports.scan(QWEN)), bom(TestReports.check(SCOUT, PASS), TestReports.check(QWEN, PASS)),
                new CycloneDxReporter(KnowledgeBase.bundled(), Clock.systemUTC()).render(List.of(TestReports.check(SCOUT, FAIL))))) {
            Set<ValidationMessage> errors = schema.validate(M.readTree(json));
            assertThat(errors).as(json).isEmpty();
        }
        // And the schema does judge: a component type 1.6 does not know is refused.
        String broken = bom(TestReports.scan(QWEN)).replace("\"machine-learning-model\"", "\"neural-network\"");
        assertThat(schema.validate(M.readTree(broken))).isNotEmpty();
        assertThat(new JsonParser().validate(broken.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)).isNotEmpty();
    }

    @Test
    void aCompoundDeclaredLicenseIsAValidExpressionNeverAnId(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("model"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: (mit OR apache-2.0) AND LicenseRef-acme\n---\n# A model\n");
        Files.writeString(repo.resolve("config.json"), "{\"model_type\": \"llama\"}");
        String json = bom(TestReports.check(repo, PASS));

        JsonNode licenses = M.readTree(json).path("metadata").path("component").path("licenses");
        assertThat(licenses).hasSize(1);
        assertThat(licenses.get(0).path("expression").asText()).isEqualTo("(MIT OR Apache-2.0) AND LicenseRef-acme");
        assertThat(licenses.get(0).path("acknowledgement").asText()).isEqualTo("declared");
        assertThat(officialSchema().validate(M.readTree(json))).as(json).isEmpty();
        assertThat(new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)).isEmpty();
    }

    @Test
    void theModelIsAMachineLearningModelWithLicenseModelCardAndFacts() throws Exception {
        JsonNode bom = M.readTree(bom(TestReports.check(SCOUT, FAIL)));
        assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
        JsonNode model = bom.path("metadata").path("component");
        assertThat(model.path("type").asText()).isEqualTo("machine-learning-model");
        assertThat(model.path("name").asText()).isEqualTo("llama4-scout-instruct");
        // No SPDX id exists for the Llama 4 license: its LicenseRef is an expression, never a license id, and the
        // license evidence moves to the component's properties.
        JsonNode choice = model.path("licenses").get(0);
        assertThat(choice.has("license")).isFalse();
        assertThat(choice.path("expression").asText()).isEqualTo("LicenseRef-canship-llama4");
        assertThat(choice.path("acknowledgement").asText()).isEqualTo("concluded");
        assertThat(model.path("properties").toString()).contains("\"canship:license_id\"").contains("\"llama4\"");

        JsonNode params = model.path("modelCard").path("modelParameters");
        assertThat(params.path("task").asText()).isEqualTo("image-text-to-text");
        assertThat(params.path("architectureFamily").asText()).isEqualTo("llama4");
        assertThat(params.path("modelArchitecture").asText()).isEqualTo("Llama4ForConditionalGeneration");
        assertThat(params.path("inputs").findValuesAsText("format")).containsExactly("text", "image");
        JsonNode considerations = model.path("modelCard").path("considerations");
        assertThat(considerations.path("useCases").toString()).contains("customer_support").contains("hiring_screening");
        assertThat(considerations.path("ethicalConsiderations").get(0).path("name").asText()).contains("hiring_screening");
        assertThat(model.path("modelCard").path("properties").findValuesAsText("value"))
                .anySatisfy(v -> assertThat(v).startsWith("llama4-aup 1.c: Discrimination"));

        assertThat(property(model, "canship:total_params")).isEqualTo("108641793536");
        assertThat(property(model, "canship:active_params")).isEqualTo("17172894720");
        assertThat(property(model, "canship:experts")).isEqualTo("16");
        assertThat(property(model, "canship:experts_per_token")).isEqualTo("1");
        assertThat(property(model, "canship:verdict")).isEqualTo("fail");
        assertThat(property(model, "canship:findings_error")).isEqualTo("5");
        assertThat(properties(model, "canship:finding")).hasSize(6).anySatisfy(v -> assertThat(v).startsWith("NOTICE-FILE (error, llama4 §1.b.iii)"));
        assertThat(properties(model, "canship:obligation")).anySatisfy(v -> assertThat(v).endsWith(": not met"));
        assertThat(bom.path("metadata").has("timestamp")).isFalse();
    }

    @Test
    void smallFilesAreHashedAndWeightsAreListedWithoutHashes() throws Exception {
        JsonNode model = M.readTree(bom(TestReports.check(SCOUT, FAIL))).path("metadata").path("component");
        List<String> names = new ArrayList<>();
        for (JsonNode file : model.path("components")) {
            assertThat(file.path("type").asText()).isEqualTo("file");
            names.add(file.path("name").asText());
            String role = property(file, "canship:role");
            if (role.equals("weights")) {
                assertThat(file.has("hashes")).as(file.toString()).isFalse();
            } else {
                JsonNode hash = file.path("hashes").get(0);
                assertThat(hash.path("alg").asText()).isEqualTo("SHA-256");
                byte[] content = Files.readAllBytes(SCOUT.resolve(file.path("name").asText()));
                assertThat(hash.path("content").asText()).isEqualTo(HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(content)));
            }
        }
        assertThat(names).contains("LICENSE", "README.md", "USE_POLICY.md", "config.json", "model-00001-of-00001.safetensors");
    }

    @Test
    void baseModelsAreComponentsAndDependencies() throws Exception {
        JsonNode bom = M.readTree(bom(TestReports.check(FINETUNE, FAIL)));
        String modelRef = bom.path("metadata").path("component").path("bom-ref").asText();
        JsonNode base = bom.path("components").get(0);
        assertThat(base.path("type").asText()).isEqualTo("machine-learning-model");
        assertThat(base.path("group").asText()).isEqualTo("meta-llama");
        assertThat(base.path("name").asText()).isEqualTo("Llama-3.1-8B-Instruct");
        JsonNode dep = bom.path("dependencies").get(0);
        assertThat(dep.path("ref").asText()).isEqualTo(modelRef);
        assertThat(dep.path("dependsOn").get(0).asText()).isEqualTo(base.path("bom-ref").asText());
    }

    @Test
    void anSpdxLicenseIsNamedByItsIdAndTheCardsLicenseLinkIsKeptOnlyWhenItIsTheLicensesPage() throws Exception {
        JsonNode license = M.readTree(bom(TestReports.scan(QWEN))).path("metadata").path("component").path("licenses").get(0).path("license");
        assertThat(license.path("id").asText()).isEqualTo("Apache-2.0");
        // The card links to a copy on the model's page, which the catalog does not know as Apache's: not vouched for.
        assertThat(license.has("url")).isFalse();
    }

    @Test
    void theSameInputsGiveTheSameBytesAndAContentDerivedSerial() throws Exception {
        String a = bom(TestReports.check(SCOUT, FAIL));
        String b = bom(TestReports.check(SCOUT, FAIL));
        assertThat(a).isEqualTo(b);
        String other = bom(TestReports.check(SCOUT, PASS));
        String serialA = M.readTree(a).path("serialNumber").asText();
        assertThat(serialA).matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(M.readTree(other).path("serialNumber").asText()).isNotEqualTo(serialA);
        Clock fixed = Clock.fixed(Instant.parse("2026-03-14T09:30:00Z"), ZoneOffset.UTC);
        JsonNode dated = M.readTree(new CycloneDxReporter(KnowledgeBase.bundled(), fixed).render(List.of(TestReports.check(SCOUT, FAIL))));
        assertThat(dated.path("metadata").path("timestamp").asText()).isEqualTo("2026-03-14T09:30:00Z");
        // The timestamp does not change the content's identity.
        assertThat(dated.path("serialNumber").asText()).isEqualTo(serialA);
    }

    @Test
    void aHostileCardStaysDataAndTheBomStaysValid(@TempDir Path dir) throws Exception {
        Path repo = HostileRepo.write(dir);
        String json = bom(TestReports.check(repo, HostileRepo.deployment(dir)));
        assertThat(new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)).isEmpty();
        JsonNode model = M.readTree(json).path("metadata").path("component");
        // A javascript: license_link is never carried as a URL.
        assertThat(json).doesNotContain("\"url\"");
        assertThat(model.path("modelCard").path("modelParameters").path("datasets").get(0).path("name").asText())
                .isEqualTo("<script>window.__pwned='dataset'</script>");
    }

    static String property(JsonNode component, String name) {
        List<String> values = properties(component, name);
        assertThat(values).as(name).hasSize(1);
        return values.get(0);
    }

    static List<String> properties(JsonNode component, String name) {
        List<String> out = new ArrayList<>();
        component.path("properties").forEach(p -> {
            if (p.path("name").asText().equals(name)) {
                out.add(p.path("value").asText());
            }
        });
        return out;
    }

    /**
     * The official CycloneDX 1.6 schema from the shared folder, with its references to the SPDX and JSF schemas
     * mapped to the files beside it, so validation fetches nothing.
     */
    static JsonSchema officialSchema() throws Exception {
        Path dir = schemaDir();
        String local = dir.toUri().toString();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
                b -> b.schemaMappers(m -> m.mapPrefix("http://cyclonedx.org/schema/", local)));
        return factory.getSchema(M.readTree(dir.resolve("bom-1.6.schema.json").toFile()));
    }

    static Path schemaDir() {
        Path d = dev.canship.Corpus.schemas("cyclonedx-1.6");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(d.resolve("bom-1.6.schema.json")), "bom-1.6.schema.json not in " + d);
        return d;
    }
}
