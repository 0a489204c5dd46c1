package dev.canship.source.mlflow;

import dev.canship.BadInputException;
import dev.canship.Corpus;
import dev.canship.app.Canship;
import dev.canship.identify.IdentificationIssue;
import dev.canship.inventory.FileRole;
import dev.canship.inventory.RepoFile;
import dev.canship.report.RepositoryReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MLflow transformers model folders, scanned through the application core. */
class MlflowModelTest {

    private static final String REV = "0e9e39f249a16976918f6564b8830bc894c89659";

    /** The folder mlflow.transformers.save_model writes: MLmodel, model/, components/, LICENSE.txt. */
    private static Path saved(Path dir, String source, String license) throws IOException {
        Path m = Files.createDirectories(dir.resolve("mlflow-model"));
        Files.writeString(m.resolve("MLmodel"), """
                artifact_path: model
                flavors:
                  python_function:
                    loader_module: mlflow.transformers
                    python_version: 3.11.9
                  transformers:
                    code: null
                    components:
                    - tokenizer
                    framework: pt
                    instance_type: TextGenerationPipeline
                    model_binary: model
                    pipeline_model_type: LlamaForCausalLM
                    source_model_name: %s
                    source_model_revision: %s
                    task: text-generation
                    torch_dtype: torch.bfloat16
                    transformers_version: 4.44.2
                mlflow_version: 2.16.0
                model_size_bytes: 1000
                model_uuid: 5b1c2c0e0c5c4c1f9d2b8b9f3e2d1c0a
                utc_time_created: '2026-11-02 10:00:00.000000'
                """.formatted(source, REV));
        Files.createDirectories(m.resolve("model"));
        Files.writeString(m.resolve("model/config.json"), "{\"architectures\":[\"LlamaForCausalLM\"],\"model_type\":\"llama\"}");
        Files.createDirectories(m.resolve("components/tokenizer"));
        Files.writeString(m.resolve("components/tokenizer/tokenizer_config.json"), "{}");
        Files.writeString(m.resolve("requirements.txt"), "mlflow==2.16.0\n");
        // The placeholder as MLflow words it when the repository's license file could not be fetched.
        Files.writeString(m.resolve("LICENSE.txt"), "A license file could not be found for the '" + source + "' repository. \n"
                + "To ensure that you are in compliance with the license requirements for this model, please visit the model repository here: https://huggingface.co/" + source
                + (license == null ? "" : "\nThe declared license type is: '" + license + "'"));
        return m;
    }

    @Test
    void thePlaceholderIsAPointerToTheDeclaredLicenseNeverALicenseText(@TempDir Path dir) throws IOException {
        RepositoryReport r = Canship.builder().build().scan(saved(dir, "acme/tiny-chat", "apache-2.0"));

        assertThat(r.origin().kind()).isEqualTo("mlflow");
        assertThat(r.revision()).isEqualTo(REV);
        assertThat(r.identification().license().id()).isEqualTo("apache-2.0");
        assertThat(r.identification().license().file()).isEqualTo("LICENSE.txt (declared license type)");
        assertThat(r.identification().license().source()).isEqualTo("metadata");
        assertThat(r.identification().issues()).extracting(IdentificationIssue::kind)
                .doesNotContain(IdentificationIssue.Kind.UNKNOWN, IdentificationIssue.Kind.MISSING);
        assertThat(r.files()).filteredOn(f -> f.path().equals("LICENSE.txt")).singleElement()
                .extracting(RepoFile::role).isEqualTo(FileRole.OTHER);
        assertThat(r.origin().notes()).anyMatch(n -> n.contains("LICENSE.txt is MLflow's placeholder") && n.contains("https://huggingface.co/acme/tiny-chat"));
    }

    @Test
    void theModelFolderIsReadAsTheRepositorysTop(@TempDir Path dir) throws IOException {
        RepositoryReport r = Canship.builder().build().scan(saved(dir, "acme/tiny-chat", "apache-2.0"));

        assertThat(r.files()).extracting(RepoFile::path).contains("config.json", "components/tokenizer/tokenizer_config.json", "MLmodel");
        assertThat(r.files()).filteredOn(f -> f.path().equals("config.json")).singleElement()
                .extracting(RepoFile::role).isEqualTo(FileRole.CONFIG);
        assertThat(r.model().architecture()).isNotNull();
    }

    @Test
    void withoutADeclaredTypeTheSourceModelSettlesTheLicenseByLineage(@TempDir Path dir) throws IOException {
        RepositoryReport r = Canship.builder().build().scan(saved(dir, "meta-llama/Llama-3.1-8B-Instruct", null));

        assertThat(r.identification().license().id()).isEqualTo("llama3.1");
        assertThat(r.identification().baseModels()).as("the weights are that model, not a derivative of it").isEmpty();
        assertThat(r.identification().issues()).extracting(IdentificationIssue::kind).doesNotContain(IdentificationIssue.Kind.UNKNOWN);
    }

    @Test
    void aPeftAdaptersSourceModelIsItsDeclaredBase(@TempDir Path dir) throws IOException {
        Path m = saved(dir, "meta-llama/Llama-3.1-8B-Instruct", null);
        Files.writeString(m.resolve("MLmodel"), Files.readString(m.resolve("MLmodel"))
                .replace("    model_binary: model\n", "    model_binary: model\n    peft_adaptor: peft\n"));
        Files.createDirectories(m.resolve("peft"));
        Files.writeString(m.resolve("peft/adapter_config.json"), "{\"peft_type\":\"LORA\",\"base_model_name_or_path\":\"meta-llama/Llama-3.1-8B-Instruct\"}");

        RepositoryReport r = Canship.builder().build().scan(m);

        assertThat(r.identification().baseModels()).containsExactly("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(r.identification().license().id()).isEqualTo("llama3.1");
        assertThat(r.origin().notes()).anyMatch(n -> n.startsWith("a PEFT adapter (peft/)"));
    }

    @Test
    void aPlaceholderNamingNoTypeForAnUnknownModelIsReviewedAsMissingNotUnknownText(@TempDir Path dir) throws IOException {
        RepositoryReport r = Canship.builder().build().scan(saved(dir, "acme/tiny-chat", null));

        assertThat(r.identification().license()).isNull();
        assertThat(r.identification().issues()).extracting(IdentificationIssue::kind)
                .contains(IdentificationIssue.Kind.MISSING).doesNotContain(IdentificationIssue.Kind.UNKNOWN);
    }

    @Test
    void aRealLicenseFileMlflowCopiedIsReadAsText(@TempDir Path dir) throws IOException {
        Path m = saved(dir, "acme/tiny-chat", null);
        Files.copy(Corpus.license("apache-2.0", "LICENSE"), m.resolve("LICENSE.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        RepositoryReport r = Canship.builder().build().scan(m);

        assertThat(r.identification().license().id()).isEqualTo("apache-2.0");
        assertThat(r.identification().license().source()).isEqualTo("text");
    }

    @Test
    void aBrokenMlmodelIsBadInput(@TempDir Path dir) throws IOException {
        Path m = saved(dir, "acme/tiny-chat", null);
        Files.writeString(m.resolve("MLmodel"), "flavors: [transformers\n  bad: {");
        assertThatThrownBy(() -> Canship.builder().build().scan(m)).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("MLmodel is broken YAML");
    }
}
