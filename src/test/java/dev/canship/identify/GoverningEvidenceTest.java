package dev.canship.identify;

import dev.canship.Corpus;
import dev.canship.extract.Extractor;
import dev.canship.identify.DeclaredLicense.Role;
import dev.canship.identify.IdentificationIssue.Kind;
import dev.canship.inventory.InventoryScanner;
import dev.canship.inventory.ScanLimits;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which evidence may govern the weights: a code license never outranks or settles the card's tag; {@code other}
 * beside a license points to {@code license_name}, which is never dropped; a {@code license} value that is not a
 * name or a list of names is reported, not ignored.
 */
class GoverningEvidenceTest {

    private static final KnowledgeBase KB = KnowledgeBase.bundled();
    private final LicenseIdentifier identifier = new LicenseIdentifier(KB, FingerprintTextMatcher.bundled(KB), new TextTermReader());

    @TempDir
    Path dir;

    /** A folder with the card front matter {@code frontMatter} and each corpus file {@code corpus[i+1]} saved as {@code corpus[i]}. */
    private Identification identify(String frontMatter, String... files) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("README.md"), "---\n" + frontMatter + "\n---\n# A model\n");
        Files.writeString(repo.resolve("config.json"), "{\"model_type\": \"llama\"}");
        for (int i = 0; i < files.length; i += 2) {
            Path text = Corpus.licenses().resolve(files[i + 1]);
            Assumptions.assumeTrue(Files.isRegularFile(text), text + " not in the corpus; skipping");
            Files.copy(text, repo.resolve(files[i]));
        }
        var limits = ScanLimits.DEFAULTS;
        return identifier.identify(new Extractor(limits).extract(new InventoryScanner(limits).scan(repo)));
    }

    private static List<Kind> kinds(Identification id) {
        return id.issues().stream().map(IdentificationIssue::kind).toList();
    }

    private static IdentificationIssue issue(Identification id, Kind kind) {
        return id.issues().stream().filter(i -> i.kind() == kind).findFirst().orElseThrow(() -> new AssertionError("no " + kind + " in " + id.issues()));
    }

    @Test
    void aCodeLicenseDoesNotOverrideANonCommercialTag() throws IOException {
        Identification id = identify("license: cc-by-nc-4.0", "LICENSE-CODE", "mit/LICENSE-CODE");

        assertThat(id.license().id()).as("the tag speaks for the weights, LICENSE-CODE for the code").isEqualTo("cc-by-nc-4.0");
        assertThat(issue(id, Kind.CONFLICT).licenseIds()).containsExactlyInAnyOrder("cc-by-nc-4.0", "mit");
        assertThat(issue(id, Kind.CONFLICT).files()).extracting(IdentificationIssue.FileLine::file).contains("LICENSE-CODE", "README.md");
    }

    @Test
    void aCodeLicenseDoesNotSettleAChoice() throws IOException {
        Identification id = identify("license: cc-by-nc-4.0 OR mit", "LICENSE-CODE", "mit/LICENSE-CODE");

        assertThat(kinds(id)).contains(Kind.CHOICE).doesNotContain(Kind.CHOSEN);
        assertThat(id.declared().get(0).components()).extracting(DeclaredLicense.Component::role).containsExactly(Role.OPTION, Role.OPTION);
    }

    @Test
    void aModelLicenseTextBesideACodeLicenseIsNoConflict() throws IOException {
        Identification id = identify("license: other\nlicense_name: deepseek", "LICENSE-CODE", "mit/LICENSE-CODE",
                "LICENSE-MODEL", "deepseek-model/LICENSE-MODEL");

        assertThat(id.license().id()).isEqualTo("deepseek");
        assertThat(kinds(id)).doesNotContain(Kind.CONFLICT, Kind.UNKNOWN);
    }

    @Test
    void anUnknownLicenseNameBesideAKnownTagIsReported() throws IOException {
        Identification id = identify("license: [apache-2.0, other]\nlicense_name: acme-research-only", "LICENSE", "apache-2.0/LICENSE");

        assertThat(id.license().id()).isEqualTo("apache-2.0");
        IdentificationIssue unknown = issue(id, Kind.UNKNOWN);
        assertThat(unknown.licenseIds()).containsExactly("acme-research-only");
        assertThat(unknown.message()).contains("acme-research-only");
        assertThat(unknown.files()).containsExactly(new IdentificationIssue.FileLine("README.md", 2));
    }

    @Test
    void aKnownLicenseNameBesideAKnownTagBindsAsWell() throws IOException {
        Identification id = identify("license: [apache-2.0, other]\nlicense_name: llama3.1", "LICENSE", "apache-2.0/LICENSE");

        assertThat(id.license().id()).isEqualTo("apache-2.0");
        assertThat(id.alsoBinding()).containsExactly("llama3.1");
        assertThat(issue(id, Kind.ALSO_BINDING).licenseIds()).containsExactly("llama3.1");
    }

    @Test
    void otherInAnExpressionTakesTheLicenseName() throws IOException {
        Identification id = identify("license: apache-2.0 AND other\nlicense_name: Acme Research Only", "LICENSE", "apache-2.0/LICENSE");

        assertThat(issue(id, Kind.UNKNOWN).message()).contains("Acme-Research-Only");
        assertThat(id.declared().get(0).components()).extracting(DeclaredLicense.Component::license).contains("acme-research-only");
    }

    @Test
    void otherBesideALicenseWithNoNameIsUnknown() throws IOException {
        Identification id = identify("license: [apache-2.0, other]", "LICENSE", "apache-2.0/LICENSE");

        assertThat(issue(id, Kind.UNKNOWN).message()).contains("\"other\"").contains("license_name");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "license: {id: cc-by-nc-4.0}      | a map {\"id\":\"cc-by-nc-4.0\"}",
            "license: [[cc-by-nc-4.0]]        | a nested list [\"cc-by-nc-4.0\"]",
            "license: [apache-2.0, true]      | the boolean true",
            "license: 42                      | the number 42"})
    void aLicenseValueThatIsNotANameIsReported(String frontMatter, String found) throws IOException {
        Identification id = identify(frontMatter, "LICENSE", "apache-2.0/LICENSE");

        IdentificationIssue odd = id.issues().stream().filter(i -> i.kind() == Kind.UNKNOWN && i.message().contains(found)).findFirst()
                .orElseThrow(() -> new AssertionError("no issue quoting " + found + " in " + id.issues()));
        assertThat(odd.files()).containsExactly(new IdentificationIssue.FileLine("README.md", 2));
        assertThat(kinds(id)).as("a value that names nothing is not a second license to disagree with").doesNotContain(Kind.CONFLICT);
    }

    @Test
    void aHugeMapIsQuotedOnlyInPart() throws IOException {
        Identification id = identify("license: {" + "k: v, ".repeat(2000) + "z: cc-by-nc-4.0}", "LICENSE", "apache-2.0/LICENSE");

        IdentificationIssue odd = issue(id, Kind.UNKNOWN);
        assertThat(odd.message()).contains("a map").hasSizeLessThan(300);
    }
}
