package dev.canship.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.canship.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Teaching canship a license at run time: an organization fingerprints its own license text, writes a catalog entry,
 * and {@code --catalog DIR} makes scan recognise the text and check apply its terms, without rebuilding.
 */
class OrganizationCatalogTest {

    /** An invented license, written for this test (no real license's sentences). */
    static final String TEXT = """
            Zephyr Orchard Weights License, version 1.0

            1. Definitions. "Orchard Weights" means the trained parameters, configuration and tokenizer files that
            Zephyr Orchard Cooperative publishes under this license, and "You" means the person or company exercising
            the permissions granted here.

            2. Permission. Zephyr Orchard Cooperative lets You run, study, adapt and share the Orchard Weights, for free
            and for commercial ends, subject to the conditions of sections 3 to 6.

            3. Large services. If the services or products You offer with the Orchard Weights reached more than
            fifty million monthly active users in any single calendar month, You must first sign a separate agreement
            with Zephyr Orchard Cooperative; until then this license grants You nothing.

            4. Credit. Anyone who shares the Orchard Weights or a modified version keeps this license text beside them
            and states plainly which files were changed and when.

            5. Marks. The name Zephyr Orchard and its fruit logo stay with the cooperative; this license does not grant
            them beyond describing where the Orchard Weights came from.

            6. No promises. The Orchard Weights come as they are, with no warranty of any kind, and the cooperative is
            not liable for any harm that their use causes, to the extent the applicable law allows.
            """;

    static final String ENTRY = """
            id: zephyr-orchard-1.0
            title: Zephyr Orchard Weights License
            family: permissive
            version: "1.0"
            publisher: Zephyr Orchard Cooperative
            released: 2026-01-15
            source: https://zephyr-orchard.example/license
            spdx: LicenseRef-acme-zephyr-orchard-1.0
            hf_tags: []
            license_names: [zephyr-orchard-1.0]
            link_patterns: []
            usual_files: [LICENSE]
            governing_law: null
            commercial_use: allowed
            use_policy: null
            summary: Free commercial use and sharing; services above fifty million monthly users need a separate agreement.
            obligations:
              - clause: "§3"
                title: Large services
                text: Above fifty million monthly active users in any month, a separate agreement is needed first.
            terms:
              mau:
                threshold: 50000000
                measured_on: product
                reference: any-month
                reference_date: null
                commercial_only: false
                clause: "§3"
              license_copy:
                clause: "§4"
            documents:
              - kind: license
                version: "1.0"
                fingerprint: zephyr-orchard-1.0.license.fp
            """;

    @TempDir
    Path tmp;
    Path catalog;
    Path repo;

    @BeforeEach
    void teach() throws IOException {
        Path text = tmp.resolve("zephyr-license.txt");
        Files.writeString(text, TEXT);
        catalog = tmp.resolve("org-licenses");
        Files.createDirectories(catalog.resolve("catalog"));
        Files.createDirectories(catalog.resolve("fingerprints"));
        CliTest.Run fp = run("licenses", "fingerprint", text.toString(), "--id", "zephyr-orchard-1.0",
                "-o", catalog.resolve("fingerprints/zephyr-orchard-1.0.license.fp").toString());
        assertThat(fp.exit()).as(fp.err()).isZero();
        Files.writeString(catalog.resolve("catalog/zephyr-orchard-1.0.yaml"), ENTRY);
        repo = tmp.resolve("orchard-7b");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("LICENSE"), TEXT);
        Files.writeString(repo.resolve("README.md"), "---\nlibrary_name: transformers\n---\n\n# Orchard 7B\n\nWeights by Zephyr Orchard Cooperative.\n");
        Files.copy(Path.of(CliTest.QWEN, "config.json"), repo.resolve("config.json"));
    }

    @Test
    void withoutTheCatalogTheTextIsUnknown() {
        CliTest.Run r = run("scan", repo.toString(), "--format", "json");
        assertThat(r.out()).doesNotContain("zephyr-orchard-1.0");
    }

    @Test
    void scanRecognisesTheTaughtLicenseText() {
        CliTest.Run r = run("scan", repo.toString(), "--catalog", catalog.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"zephyr-orchard-1.0\"");
    }

    @Test
    void checkAppliesTheTaughtMauTerm() throws IOException {
        Path deployment = tmp.resolve("deploy.yaml");
        Files.writeString(deployment, """
                canship: 1
                organization: {name: Big Shop Inc., country: US, monthly_active_users: 80000000}
                model: {changes: none, distribution: hosted, modalities: [text], outputs_train_models: false}
                product:
                  name: Big Shop Assistant
                  commercial: true
                  monthly_active_users: 80000000
                  attribution: [website]
                  ships_license_copy: true
                  ships_notice: true
                  passes_use_policy: true
                  uses: [customer_support]
                  use_description: Answers shoppers' questions.
                  regions: [US]
                """);
        CliTest.Run r = run("check", repo.toString(), "--catalog", catalog.toString(), "--deployment", deployment.toString());
        assertThat(r.out()).contains("[MAU-THRESHOLD]").contains("zephyr-orchard-1.0 §3");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void aTypoInTheCatalogIsExit2WithFileLineAndKey() throws IOException {
        Path entry = catalog.resolve("catalog/zephyr-orchard-1.0.yaml");
        Files.writeString(entry, ENTRY.replace("    threshold: 50000000", "    threshhold: 50000000"));
        CliTest.Run r = run("scan", repo.toString(), "--catalog", catalog.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(entry + ":23: terms.mau.threshhold: unknown key").contains(entry + ":22: terms.mau.threshold: required key missing");
    }

    @Test
    void anAliasOrLinkOfABundledLicenseCannotBeTakenOver() throws IOException {
        Path entry = catalog.resolve("catalog/zephyr-orchard-1.0.yaml");
        Files.writeString(entry, ENTRY.replace("license_names: [zephyr-orchard-1.0]", "license_names: [zephyr-orchard-1.0, mit]")
                .replace("link_patterns: []", "link_patterns: [llama.com]"));
        CliTest.Run r = run("scan", repo.toString(), "--catalog", catalog.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(entry + ":10: license_names[1]: 'mit' already means the bundled license mit")
                .contains(entry + ":11: link_patterns[0]: 'llama.com' overlaps a link pattern of the bundled license");
    }

    @Test
    void anIdCanshipShipsCannotBeRedefined() throws IOException {
        Files.move(catalog.resolve("catalog/zephyr-orchard-1.0.yaml"), catalog.resolve("catalog/mit.yaml"));
        Files.writeString(catalog.resolve("catalog/mit.yaml"), ENTRY.replace("id: zephyr-orchard-1.0", "id: mit"));
        CliTest.Run r = run("scan", repo.toString(), "--catalog", catalog.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("mit.yaml:1: id: 'mit' is a license canship already ships");
    }
}
