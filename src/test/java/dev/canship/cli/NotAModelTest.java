package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.canship.Corpus;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.canship.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A folder that is not a model says so (NOT-A-MODEL, a blocking review), and a finding about the whole repository is
 * located in words people read, while JSON and SARIF keep a stable machine value.
 */
class NotAModelTest {

    static final ObjectMapper M = new ObjectMapper();
    static final String PASS = "samples/deployments/us-assistant-pass.yaml";

    /** A small Python project: a README without front matter, source, a build file. */
    static Path sourceFolder(Path tmp) throws Exception {
        Path dir = tmp.resolve("tool");
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("README.md"), "# tool\n\nA command-line tool.\n");
        Files.writeString(dir.resolve("src/main.py"), "print('hello')\n");
        Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"tool\"\n");
        return dir;
    }

    @Test
    void aSourceCodeFolderIsABlockingReviewSayingItIsNotAModelNotAMissingLicense(@TempDir Path tmp) throws Exception {
        CliTest.Run r = run("check", sourceFolder(tmp).toString(), "-d", PASS);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("REVIEW: tool needs review")
                .contains("[NOT-A-MODEL] NOT_A_MODEL")
                .contains("This folder does not look like a model repository: of its 3 files, none is a model card (README.md with front matter), a config.json, weights or a license.")
                .contains("fix: Point canship at the model's folder")
                .contains("at:  the repository (no single file)")
                .doesNotContain("LICENSE-MISSING").doesNotContain("at:  .\n");
        assertThat(run("check", tmp.resolve("tool").toString(), "-d", PASS, "--fail-on", "never").exit()).isZero();
    }

    /** An MIT-licensed code checkout names its terms, but there is no model under them: never a pass. */
    @Test
    void aSourceFolderWithOnlyALicenseFileIsNotAModelAndNeverPasses(@TempDir Path tmp) throws Exception {
        Path dir = sourceFolder(tmp);
        Files.writeString(dir.resolve("LICENSE"), "MIT License\n\nCopyright (c) 2026 Tool Authors\n\n"
                + "Permission is hereby granted, free of charge, to any person obtaining a copy of this software.\n");
        CliTest.Run r = run("check", dir.toString(), "-d", PASS);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("REVIEW: tool needs review")
                .contains("This folder does not look like a model repository: of its 4 files, only a license or use-policy file belongs to a model: "
                        + "there is no model card (README.md with front matter), no config.json and no weights. "
                        + "No model was found to ship under those terms.")
                .doesNotContain("PASS");
    }

    @Test
    void anEmptyFolderIsNotAModelEither(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        assertThat(run("check", tmp.resolve("empty").toString(), "-d", PASS).out())
                .contains("This folder does not look like a model repository: it is empty.");
    }

    @Test
    void aModelWithoutALicenseIsStillLicenseMissing(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llama\"}\n");
        CliTest.Run r = run("check", dir.toString(), "-d", PASS);
        assertThat(r.out()).startsWith("FAIL: ").contains("[LICENSE-MISSING]").doesNotContain("NOT-A-MODEL")
                .contains("at:  the repository (no single file)");
    }

    @Test
    void theWholeRepositoryIsWordsInMarkdownAndHtmlAndAStableValueInJsonAndValidSarif(@TempDir Path tmp) throws Exception {
        String repo = sourceFolder(tmp).toString();
        assertThat(run("check", repo, "-d", PASS, "--format", "markdown").out())
                .contains("<br>At: the repository (no single file)");
        assertThat(Jsoup.parse(run("check", repo, "-d", PASS, "--format", "html").out()).select(".findings").text())
                .contains("Evidence the repository (no single file)");

        JsonNode finding = M.readTree(run("check", repo, "-d", PASS, "--format", "json").out()).get("findings").get(0);
        assertThat(finding.get("rule").asText()).isEqualTo("NOT-A-MODEL");
        assertThat(finding.get("kind").asText()).isEqualTo("NOT_A_MODEL");
        assertThat(finding.get("evidence").get(0).get("file").asText()).isEqualTo(".");

        JsonNode sarif = M.readTree(run("check", repo, "-d", PASS, "--format", "sarif").out());
        JsonNode location = sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation");
        // Not a file of the tree: the result sits on the deployment file, a location GitHub accepts.
        assertThat(location.get("uri").asText()).isEqualTo(PASS);
        Path schemaFile = Corpus.schemas("sarif-2.1.0").resolve("sarif-schema-2.1.0.json");
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(M.readTree(schemaFile.toFile()));
        assertThat(schema.validate(sarif)).isEmpty();
    }

    @Test
    void theJsonOfAFolderThatIsNotAModelAndOfAnLfsCloneKeepsTheReportSchema(@TempDir Path tmp) throws Exception {
        JsonNode schemaNode;
        try (var in = NotAModelTest.class.getClassLoader().getResourceAsStream("dev/canship/schemas/canship-report-1.schema.json")) {
            schemaNode = M.readTree(in);
        }
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode);
        for (Path repo : new Path[] {sourceFolder(tmp), LfsPointerCliTest.clonedWithoutLfs(tmp)}) {
            assertThat(schema.validate(M.readTree(run("check", repo.toString(), "-d", PASS, "--format", "json").out()))).as(repo.toString()).isEmpty();
            assertThat(schema.validate(M.readTree(run("scan", repo.toString(), "--format", "json").out()))).as(repo.toString()).isEmpty();
        }
    }

    @Test
    void explainDescribesTheRule() {
        assertThat(run("explain", "not-a-model").out()).startsWith("NOT-A-MODEL  (NOT_A_MODEL, warning, rules/input.drl)");
    }
}
