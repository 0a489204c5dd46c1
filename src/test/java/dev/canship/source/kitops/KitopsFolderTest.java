package dev.canship.source.kitops;

import dev.canship.BadInputException;
import dev.canship.Corpus;
import dev.canship.app.Canship;
import dev.canship.extract.weights.TestWeights;
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

/** A folder with a KitOps Kitfile, scanned through the application core. */
class KitopsFolderTest {

    private static final String KITFILE = """
            manifestVersion: "1.0"
            package:
              name: acme-7b
              version: 1.0.0
              authors: [Acme]
              description: A small model
              license: MIT
            model:
              name: acme-7b
              path: ./model.gguf
              license: Apache-2.0
              framework: llama.cpp
              parts:
                - path: ./tokenizer.json
                  license: Apache-2.0
            code:
              - path: ./src
                license: MIT
            docs:
              - path: ./README.md
            """;

    private static Path kit(Path dir, String kitfile) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("acme-kit"));
        Files.writeString(repo.resolve("Kitfile"), kitfile);
        new TestWeights.Gguf().string("general.architecture", "llama").write(repo.resolve("model.gguf"), 0);
        Files.writeString(repo.resolve("tokenizer.json"), "{}");
        Files.createDirectories(repo.resolve("src"));
        Files.copy(Corpus.license("mit", "LICENSE-CODE"), repo.resolve("src/LICENSE"));
        Files.writeString(repo.resolve("src/serve.py"), "print('hello')\n");
        return repo;
    }

    @Test
    void aKitfileLicenseExpressionNamesEveryLicenseItJoins(@TempDir Path dir) throws IOException {
        String kitfile = KITFILE.replace("  path: ./model.gguf\n  license: Apache-2.0\n", "  path: ./model.gguf\n  license: Apache-2.0 AND MIT\n");
        assertThat(kitfile).contains("Apache-2.0 AND MIT");
        RepositoryReport r = Canship.builder().build().scan(kit(dir, kitfile));

        assertThat(r.identification().license().id()).isEqualTo("apache-2.0");
        assertThat(r.identification().issues()).extracting(IdentificationIssue::kind)
                .contains(IdentificationIssue.Kind.ALSO_BINDING).doesNotContain(IdentificationIssue.Kind.UNKNOWN, IdentificationIssue.Kind.CONFLICT);
        assertThat(r.identification().alsoBinding()).containsExactly("mit");
        // A part's own license (model.parts[0].license) is a declaration of its own.
        assertThat(r.identification().declared()).filteredOn(d -> d.where().equals("Kitfile (model.license)")).singleElement()
                .extracting(dev.canship.identify.DeclaredLicense::expression).isEqualTo("Apache-2.0 AND MIT");
    }

    @Test
    void theModelsLicenseGovernsAndACodeLicenseFileIsSetAside(@TempDir Path dir) throws IOException {
        RepositoryReport r = Canship.builder().build().scan(kit(dir, KITFILE));

        assertThat(r.origin().kind()).isEqualTo("kitops");
        assertThat(r.identification().license().id()).isEqualTo("apache-2.0");
        assertThat(r.identification().license().file()).isEqualTo("Kitfile (model.license)");
        assertThat(r.identification().issues()).extracting(IdentificationIssue::kind)
                .doesNotContain(IdentificationIssue.Kind.CONFLICT, IdentificationIssue.Kind.UNKNOWN);
        assertThat(r.files()).filteredOn(f -> f.path().equals("src/LICENSE")).singleElement()
                .extracting(RepoFile::role).isEqualTo(FileRole.OTHER);
        assertThat(r.origin().notes()).anyMatch(n -> n.startsWith("KitOps ModelKit folder acme-7b version 1.0.0"));
    }

    @Test
    void aModelLicenseTextBesideTheKitfileIsReadAndAgreesWithIt(@TempDir Path dir) throws IOException {
        Path repo = kit(dir, KITFILE);
        Files.copy(Corpus.license("apache-2.0", "LICENSE"), repo.resolve("LICENSE"));

        RepositoryReport r = Canship.builder().build().scan(repo);

        assertThat(r.identification().license().file()).isEqualTo("LICENSE");
        assertThat(r.identification().issues()).extracting(IdentificationIssue::kind).doesNotContain(IdentificationIssue.Kind.CONFLICT);
    }

    @Test
    void thePackageLicenseStandsInOnlyWhenTheModelDeclaresNone(@TempDir Path dir) throws IOException {
        Path repo = kit(dir, """
                manifestVersion: "1.0"
                package: {name: acme, license: Apache-2.0}
                model: {name: acme, path: ./model.gguf}
                code: [{path: src}]
                """);

        RepositoryReport r = Canship.builder().build().scan(repo);

        assertThat(r.identification().license().file()).isEqualTo("Kitfile (package.license)");
        assertThat(r.origin().notes()).anyMatch(n -> n.contains("package.license is read as the model's"));
    }

    @Test
    void aBrokenKitfileIsBadInput(@TempDir Path dir) throws IOException {
        Path repo = kit(dir, "manifestVersion: [1.0\nmodel: {");
        assertThatThrownBy(() -> Canship.builder().build().scan(repo)).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("Kitfile is not a readable Kitfile (broken YAML)");
    }
}
