package dev.canship.identify;

import dev.canship.Corpus;
import dev.canship.extract.Extractor;
import dev.canship.identify.DeclaredLicense.Role;
import dev.canship.identify.IdentificationIssue.Kind;
import dev.canship.inventory.InventoryScanner;
import dev.canship.inventory.ScanLimits;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A card's license tag written as an SPDX expression or a list: what governs, what binds too, and what is a choice. */
class DeclaredLicenseIdentificationTest {

    private static final KnowledgeBase KB = KnowledgeBase.bundled();
    private final LicenseIdentifier identifier = new LicenseIdentifier(KB, FingerprintTextMatcher.bundled(KB), new TextTermReader());

    private Identification identify(Path dir, String licenseTag, String licenseFile) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: " + licenseTag + "\n---\n# A model\n");
        Files.writeString(repo.resolve("config.json"), "{\"model_type\": \"llama\"}");
        if (licenseFile != null) {
            Path text = Corpus.licenses().resolve(licenseFile);
            Assumptions.assumeTrue(Files.isRegularFile(text), text + " not in the corpus; skipping");
            Files.copy(text, repo.resolve("LICENSE"));
        }
        var limits = ScanLimits.DEFAULTS;
        return identifier.identify(new Extractor(limits).extract(new InventoryScanner(limits).scan(repo)));
    }

    private static List<Kind> kinds(Identification id) {
        return id.issues().stream().map(IdentificationIssue::kind).toList();
    }

    private static List<Role> roles(Identification id) {
        return id.declared().get(0).components().stream().map(DeclaredLicense.Component::role).toList();
    }

    @Test
    void anAndExpressionIsNotAnUnknownLicense(@TempDir Path dir) throws IOException {
        Identification id = identify(dir, "apache-2.0 AND mit", null);

        assertThat(id.license().id()).isEqualTo("apache-2.0");
        assertThat(kinds(id)).containsExactly(Kind.ALSO_BINDING);
        assertThat(id.issues().get(0).licenseIds()).containsExactly("mit");
        assertThat(id.issues().get(0).message()).contains("MIT License (MIT)");
        assertThat(id.alsoBinding()).containsExactly("mit");
        DeclaredLicense d = id.declared().get(0);
        assertThat(d.written()).isEqualTo("apache-2.0 AND mit");
        assertThat(d.expression()).isEqualTo("Apache-2.0 AND MIT");
        assertThat(roles(id)).containsExactly(Role.GOVERNING, Role.ALSO_BINDING);
    }

    @Test
    void aListDeclaresTwoLicensesNotADisagreement(@TempDir Path dir) throws IOException {
        Identification id = identify(dir, "[apache-2.0, cc-by-nc-4.0]", null);

        assertThat(kinds(id)).doesNotContain(Kind.CONFLICT).contains(Kind.ALSO_BINDING);
        assertThat(id.license().id()).isEqualTo("apache-2.0");
        assertThat(id.alsoBinding()).containsExactly("cc-by-nc-4.0");
        assertThat(id.declared().get(0).expression()).isEqualTo("Apache-2.0 AND CC-BY-NC-4.0");
    }

    @Test
    void theTextDecidesWhichComponentGoverns(@TempDir Path dir) throws IOException {
        Identification id = identify(dir, "mit AND apache-2.0", "apache-2.0/LICENSE");

        assertThat(id.license().id()).isEqualTo("apache-2.0");
        assertThat(id.license().source()).isEqualTo("text");
        assertThat(kinds(id)).containsExactly(Kind.ALSO_BINDING);
        assertThat(id.alsoBinding()).containsExactly("mit");
        assertThat(roles(id)).containsExactly(Role.ALSO_BINDING, Role.GOVERNING);
    }

    @Test
    void anOpenChoiceIsRaisedAndATextSettlesIt(@TempDir Path dir) throws IOException {
        Identification open = identify(dir.resolve("a"), "(MIT OR Apache-2.0)", null);
        assertThat(kinds(open)).containsExactly(Kind.CHOICE);
        assertThat(open.issues().get(0).licenseIds()).containsExactly("mit", "apache-2.0");
        assertThat(roles(open)).containsExactly(Role.OPTION, Role.OPTION);
        assertThat(open.alsoBinding()).as("until a text settles the choice, every known option's terms are checked").containsExactly("apache-2.0");

        Identification settled = identify(dir.resolve("b"), "apache-2.0 OR mit", "mit/LICENSE-CODE");
        assertThat(settled.license().id()).isEqualTo("mit");
        assertThat(kinds(settled)).containsExactly(Kind.CHOSEN);
        assertThat(roles(settled)).containsExactly(Role.NOT_CHOSEN, Role.CHOSEN);
    }

    @Test
    void aWithExceptionKeepsItsBaseLicenseKnown(@TempDir Path dir) throws IOException {
        Identification id = identify(dir, "Apache-2.0 WITH LLVM-exception", null);

        assertThat(id.license().id()).isEqualTo("apache-2.0");
        assertThat(kinds(id)).isEmpty();
        assertThat(id.governingException()).isEqualTo("LLVM-exception");
        assertThat(id.compoundDeclaration().expression()).isEqualTo("Apache-2.0 WITH LLVM-exception");
    }

    @Test
    void anSpdxIdIsLookedUpLikeATag(@TempDir Path dir) throws IOException {
        Identification id = identify(dir, "CC-BY-NC-4.0", null);
        assertThat(id.license().id()).as("the plain license, not Cohere's with the same SPDX id").isEqualTo("cc-by-nc-4.0");
        assertThat(kinds(id)).isEmpty();
    }

    @Test
    void anUnknownComponentIsNamed(@TempDir Path dir) throws IOException {
        Identification id = identify(dir, "apache-2.0 AND LicenseRef-acme", null);

        assertThat(kinds(id)).containsExactly(Kind.UNKNOWN);
        assertThat(id.issues().get(0).licenseIds()).containsExactly("licenseref-acme");
        assertThat(id.issues().get(0).message()).contains("does not know LicenseRef-acme");
        assertThat(id.declared().get(0).components()).extracting(DeclaredLicense.Component::known).containsExactly(true, false);
    }

    @Test
    void aMalformedExpressionStaysOneUnknownName(@TempDir Path dir) throws IOException {
        Identification id = identify(dir, "\"apache-2.0 AND (mit\"", null);

        assertThat(id.license().id()).isEqualTo("apache-2.0 and (mit");
        assertThat(kinds(id)).containsExactly(Kind.UNKNOWN);
        assertThat(id.declared().get(0).components()).singleElement().extracting(DeclaredLicense.Component::known).isEqualTo(false);
    }

    @Test
    void aUsePolicyOrAPermissiveLicenseBesideTheGoverningOneIsNamedNotDropped(@TempDir Path dir) throws IOException {
        Identification id = identify(dir, "llama3.1 AND llama3.1-aup AND mit", null);

        assertThat(id.license().id()).isEqualTo("llama3.1");
        assertThat(kinds(id)).containsExactly(Kind.ALSO_BINDING, Kind.ALSO_BINDING);
        assertThat(id.issues()).extracting(i -> i.licenseIds().get(0)).containsExactly("llama3.1-aup", "mit");
        assertThat(id.issues().get(0).message()).contains("Llama 3.1 Acceptable Use Policy").contains("the use policy of llama3.1");
        assertThat(id.alsoBinding()).as("a use policy joined with AND binds: its sections go to the rules").containsExactly("llama3.1-aup", "mit");
        assertThat(id.declared().get(0).components()).extracting(DeclaredLicense.Component::known).containsExactly(true, true, true);
    }

    @Test
    void aListBeyondTheBoundStaysOneUnknownName(@TempDir Path dir) throws IOException {
        String list = java.util.stream.IntStream.range(0, 40).mapToObj(i -> i % 2 == 0 ? "mit" : "apache-2.0")
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        Identification id = identify(dir, list, null);

        assertThat(kinds(id)).containsExactly(Kind.UNKNOWN);
        assertThat(id.declared().get(0).components()).singleElement().extracting(DeclaredLicense.Component::known).isEqualTo(false);
        assertThat(id.alsoBinding()).isEmpty();
    }

    @Test
    void theComponentTheBaseModelImpliesStandsForTheDeclarationNotAClaimToLaunder(@TempDir Path dir) throws IOException {
        Identification id = identify(dir, "mit AND llama3.1\nbase_model: meta-llama/Llama-3.1-8B-Instruct", null);

        assertThat(id.license().id()).isEqualTo("llama3.1");
        assertThat(kinds(id)).doesNotContain(Kind.LAUNDERING, Kind.CONFLICT).contains(Kind.ALSO_BINDING);
        assertThat(id.alsoBinding()).containsExactly("mit");
    }

    @Test
    void anExceptionCanshipDoesNotKnowIsAnUnknownNamingIt(@TempDir Path dir) throws IOException {
        for (String exception : List.of("Commons-Clause", "mit")) {
            Identification id = identify(dir.resolve(exception), "apache-2.0 WITH " + exception, "apache-2.0/LICENSE");

            assertThat(id.license().id()).isEqualTo("apache-2.0");
            assertThat(kinds(id)).as(exception).containsExactly(Kind.UNKNOWN);
            assertThat(id.issues().get(0).message()).contains(exception + " after WITH is not a license exception canship knows")
                    .contains("may add restrictions");
        }
    }

    @Test
    void anUnknownExceptionInsideAChoiceKeepsTheChoiceFromPassing(@TempDir Path dir) throws IOException {
        Identification id = identify(dir, "cc-by-nc-4.0 OR apache-2.0 WITH Commons-Clause", "apache-2.0/LICENSE");

        assertThat(kinds(id)).contains(Kind.UNKNOWN);
        assertThat(id.issues()).filteredOn(i -> i.kind() == Kind.UNKNOWN).singleElement()
                .extracting(IdentificationIssue::message).asString().contains("Commons-Clause");
    }

    @Test
    void aPlaceholderBesideOtherLicensesIsAnUnknownComponent(@TempDir Path dir) throws IOException {
        for (String tag : List.of("apache-2.0 AND unknown", "[apache-2.0, unknown]", "[apache-2.0, other]", "apache-2.0 OR none")) {
            Identification id = identify(dir.resolve(Integer.toString(tag.hashCode())), tag, "apache-2.0/LICENSE");

            assertThat(id.issues()).as(tag).filteredOn(i -> i.kind() == Kind.UNKNOWN).singleElement()
                    .extracting(IdentificationIssue::message).asString().contains("canship cannot see");
        }
    }

    @Test
    void aPlaceholderAloneIsNoClaim(@TempDir Path dir) throws IOException {
        Identification id = identify(dir, "unknown", "apache-2.0/LICENSE");

        assertThat(id.license().id()).isEqualTo("apache-2.0");
        assertThat(kinds(id)).isEmpty();
    }

    @Test
    void aSettledChoiceNamesTheLicenseTakenFirst(@TempDir Path dir) throws IOException {
        Identification id = identify(dir, "cc-by-nc-4.0 OR apache-2.0", "apache-2.0/LICENSE");

        assertThat(kinds(id)).containsExactly(Kind.CHOSEN);
        assertThat(id.issues().get(0).licenseIds()).containsExactly("apache-2.0", "cc-by-nc-4.0");
        assertThat(id.alsoBinding()).as("the option not taken does not bind").isEmpty();
    }

    @Test
    void anOpenChoiceNamesTheGoverningLicenseFirst(@TempDir Path dir) throws IOException {
        Identification id = identify(dir, "LicenseRef-acme OR apache-2.0", null);

        assertThat(id.license().id()).isEqualTo("apache-2.0");
        assertThat(id.issues()).filteredOn(i -> i.kind() == Kind.CHOICE).singleElement()
                .extracting(IdentificationIssue::licenseIds).asList().containsExactly("apache-2.0", "licenseref-acme");
    }

    @Test
    void aLoneTagThatDoesNotGovernIsConflictingNotAlsoBinding(@TempDir Path dir) throws IOException {
        Identification id = identify(dir, "cc-by-nc-4.0", "apache-2.0/LICENSE");

        assertThat(id.license().id()).isEqualTo("apache-2.0");
        assertThat(kinds(id)).contains(Kind.CONFLICT);
        assertThat(roles(id)).containsExactly(Role.CONFLICTING);
    }
}
