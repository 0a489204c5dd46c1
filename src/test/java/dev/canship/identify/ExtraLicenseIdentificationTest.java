package dev.canship.identify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canship.ExtraCorpus;
import dev.canship.extract.Extractor;
import dev.canship.inventory.InventoryScanner;
import dev.canship.inventory.ScanLimits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The licenses added from the extra corpus (CC BY, BY-SA, BY-NC-SA, BY-NC-ND 4.0, BSD-3-Clause, GPL-3.0, AGPL-3.0, FAIR Noncommercial Research, Stability AI Community, Chameleon Research):
 * a card tag and the SPDX id name them (always run); their real texts as a repository's LICENSE file conclude them,
 * unaltered, and never a near relative (run where the extra corpus is, skipped with a message elsewhere).
 */
class ExtraLicenseIdentificationTest {

    private static final KnowledgeBase KB = KnowledgeBase.bundled();
    private final LicenseIdentifier identifier = new LicenseIdentifier(KB, FingerprintTextMatcher.bundled(KB), new TextTermReader());

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "cc-by-4.0, CC-BY-4.0, creative-commons, allowed",
            "cc-by-sa-4.0, CC-BY-SA-4.0, creative-commons, allowed",
            "cc-by-nc-sa-4.0, CC-BY-NC-SA-4.0, creative-commons, prohibited",
            "cc-by-nc-nd-4.0, CC-BY-NC-ND-4.0, creative-commons, prohibited",
            "bsd-3-clause, BSD-3-Clause, permissive, allowed",
            "gpl-3.0, GPL-3.0-only, copyleft, allowed",
            "agpl-3.0, AGPL-3.0-only, copyleft, allowed"})
    void theCardTagNamesTheLicense(String tag, String spdx, String family, String commercial) throws IOException {
        assertThat(KB.byCardName(tag)).map(LicenseInfo::id).contains(tag);
        LicenseInfo info = KB.licenses().get(tag);
        assertThat(info.spdx()).isEqualTo(spdx);
        assertThat(info.family()).isEqualTo(family);
        assertThat(info.commercialUse()).isEqualTo(commercial);
        Identification id = identify(repo(tag + "-card", "README.md", "---\nlicense: " + tag + "\n---\n\n# A model\n"));
        assertThat(id.license()).as(tag).isNotNull();
        assertThat(id.license().id()).isEqualTo(tag);
    }

    @ParameterizedTest(name = "license_name {0}")
    @CsvSource({"stabilityai-ai-community, stability-community", "fair-noncommercial-research-license, fair-noncommercial-research",
            "chameleon-research-license, chameleon-research"})
    void theCardLicenseNameNamesTheLicense(String name, String license) throws IOException {
        Identification id = identify(repo(license + "-name", "README.md", "---\nlicense: other\nlicense_name: " + name + "\n---\n\n# A model\n"));
        assertThat(id.license()).as(name).isNotNull();
        assertThat(id.license().id()).isEqualTo(license);
        assertThat(KB.licenses().get(license).spdx()).isEqualTo("LicenseRef-canship-" + license);
    }

    /** The Nemotron Open Model License is a different agreement: its card name and link must not pass for the NVIDIA Open Model License. */
    @org.junit.jupiter.api.Test
    void theNemotronOpenModelLicenseIsNotTheNvidiaOpenModelLicense() throws IOException {
        Identification id = identify(repo("nemotron-card", "README.md", "---\nlicense: other\nlicense_name: nvidia-nemotron-open-model-license\n"
                + "license_link: https://www.nvidia.com/en-us/agreements/enterprise-software/nvidia-nemotron-open-model-license/\n---\n\n# Nemotron\n"));
        assertThat(id.matches()).extracting(LicenseMatch::id).doesNotContain("nvidia-open-model-license", "nvidia-open-model-agreement");
        assertThat(id.license() == null ? null : id.license().id()).isNotIn("nvidia-open-model-license", "nvidia-open-model-agreement");
    }

    @ParameterizedTest(name = "{0} as LICENSE")
    @CsvSource({"cc-by-4.0", "cc-by-sa-4.0", "cc-by-nc-sa-4.0", "cc-by-nc-nd-4.0", "bsd-3-clause", "gpl-3.0", "agpl-3.0",
            "fair-noncommercial-research", "stability-community",
            "chameleon-research"})
    void theRealTextConcludesTheLicense(String license) throws IOException {
        String file = license.equals("stability-community") ? "LICENSE.md" : "LICENSE";
        String text = Files.readString(ExtraCorpus.license(license, file), StandardCharsets.UTF_8);
        Identification id = identify(repo(license + "-file", "LICENSE", text));
        assertThat(id.license()).as(license).isNotNull();
        assertThat(id.license().id()).as(license).isEqualTo(license);
        assertThat(id.license().altered()).as(license).isFalse();
        assertThat(id.matches()).as("only one license concluded for " + license).extracting(LicenseMatch::id).containsOnly(license);
    }

    @org.junit.jupiter.api.Test
    void chameleonsUsePolicyIsItsOwnNotALlamaPolicy() throws IOException {
        Path r = repo("chameleon-repo", "LICENSE", Files.readString(ExtraCorpus.license("chameleon-research", "LICENSE"), StandardCharsets.UTF_8));
        Files.writeString(r.resolve("USE_POLICY.md"), Files.readString(ExtraCorpus.license("chameleon-research", "USE_POLICY.md"), StandardCharsets.UTF_8));
        Identification id = identify(r);
        assertThat(id.license().id()).isEqualTo("chameleon-research");
        assertThat(id.usePolicy()).isNotNull();
        assertThat(id.usePolicy().id()).isEqualTo("chameleon-research");
        assertThat(id.usePolicy().altered()).isFalse();
        assertThat(id.issues()).isEmpty();
    }

    @ParameterizedTest(name = "{0} text under a {1} tag")
    @CsvSource({"cc-by-nc-sa-4.0, cc-by-nc-4.0", "agpl-3.0, gpl-3.0", "bsd-3-clause, mit"})
    void aRelativesTagOverTheTextIsAConflict(String text, String tag) throws IOException {
        Path r = repo(text + "-under-" + tag, "LICENSE", Files.readString(ExtraCorpus.license(text, "LICENSE"), StandardCharsets.UTF_8));
        Files.writeString(r.resolve("README.md"), "---\nlicense: " + tag + "\n---\n\n# A model\n");
        Identification id = identify(r);
        assertThat(id.issues()).as("%s text tagged %s", text, tag).extracting(IdentificationIssue::kind).contains(IdentificationIssue.Kind.CONFLICT);
    }

    private Identification identify(Path repo) {
        var limits = ScanLimits.DEFAULTS;
        return identifier.identify(new Extractor(limits).extract(new InventoryScanner(limits).scan(repo)));
    }

    private Path repo(String name, String file, String content) throws IOException {
        Path r = Files.createDirectories(tmp.resolve(name));
        Files.writeString(r.resolve(file), content, StandardCharsets.UTF_8);
        return r;
    }
}
