package dev.canship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.Corpus;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.canship.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The words a reviewer reads in the reports (issue 19): how much of a license text matched kept apart from the
 * confidence in the conclusion, and parameter counts that do not contradict themselves.
 */
class ReportWordingTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String GEMMA = "samples/repos/gemma-3-27b-it";
    static final String PASS = "samples/deployments/us-assistant-pass.yaml";

    /** A repository holding {@code text} as its LICENSE, in a fresh folder of the test. */
    static Path repoWithLicense(Path dir, String text) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("LICENSE"), text);
        return dir;
    }

    static String llama31() throws Exception {
        Path text = Corpus.license("llama3.1", "LICENSE");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(text), "corpus text " + text + " not found (set CANSHIP_CORPUS)");
        return Files.readString(text);
    }

    @Test
    void aWholeLicenseTextShowsItsShareAndAHighConfidenceInEveryFormat(@TempDir Path tmp) throws Exception {
        Path repo = repoWithLicense(tmp.resolve("whole"), llama31());

        String text = run("scan", repo.toString()).out();
        assertThat(text).contains("license:    llama3.1 license, from LICENSE [text: matches 100% of the Llama 3.1 Community License Agreement text; confidence high: exact text]")
                .doesNotContain("of the reference");

        JsonNode license = JSON.readTree(run("scan", repo.toString(), "--format", "json").out()).get("license");
        assertThat(license.get("match_share").asDouble()).isEqualTo(1.0);
        assertThat(license.get("license_confidence").asText()).isEqualTo("high");
        assertThat(license.get("license_confidence_reason").asText()).isEqualTo("exact text");

        assertThat(run("scan", repo.toString(), "--format", "markdown").out())
                .contains("100% of its text; confidence high: exact text")
                .contains("matches 100% of the Llama 3.1 Community License Agreement text; confidence high: exact text");

        Document html = Jsoup.parse(run("scan", repo.toString(), "--format", "html").out());
        assertThat(html.select("dl.facts").text()).contains("Text match Matches 100% of the Llama 3.1 Community License Agreement text")
                .contains("Confidence High: exact text");
        assertThat(html.select("table.evidence thead").text()).contains("Text matched").contains("Confidence");
    }

    @Test
    void aUsePolicyTextIsNamedByThePolicysOwnTitle(@TempDir Path tmp) throws Exception {
        Path policy = Corpus.license("llama3.1", "USE_POLICY.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(policy), "corpus text " + policy + " not found (set CANSHIP_CORPUS)");
        Path repo = repoWithLicense(tmp.resolve("with-policy"), llama31());
        Files.copy(policy, repo.resolve("USE_POLICY.md"));
        assertThat(run("scan", repo.toString()).out())
                .containsPattern("use policy: llama3\\.1 use-policy, from USE_POLICY\\.md \\[text: matches \\d+% of the Llama 3\\.1 Acceptable Use Policy text; confidence (high|medium): ");
    }

    @Test
    void aShortenedCopyReadsAsAPartialMatchWithMediumConfidenceNotAsAPercentageOfConfidence(@TempDir Path tmp) throws Exception {
        String[] words = llama31().split("\\s+");
        Path repo = repoWithLicense(tmp.resolve("part"), String.join(" ", Arrays.copyOf(words, words.length * 85 / 100)));

        String text = run("scan", repo.toString()).out();
        assertThat(text).containsPattern("license:    llama3\\.1 license, from LICENSE \\[text: matches (8\\d|9[0-4])% of the Llama 3\\.1 Community License Agreement text; confidence medium: a partial copy of the text\\]");

        JsonNode license = JSON.readTree(run("scan", repo.toString(), "--format", "json").out()).get("license");
        assertThat(license.get("match_share").asDouble()).isBetween(0.8, 0.95);
        assertThat(license.get("license_confidence").asText()).isEqualTo("medium");
    }

    @Test
    void aTagOrANamingFileIsNoPercentageOfAnyText() throws Exception {
        String text = run("scan", CliTest.FINETUNE).out();
        assertThat(text).contains("llama3.1 license, from README.md (license) [metadata; confidence low: tag only]")
                .contains("llama3.1 license, from LICENSE [reference; confidence medium: a file names the license; the publisher's text applies]")
                .doesNotContain("% of the");

        JsonNode matches = JSON.readTree(run("scan", CliTest.FINETUNE, "--format", "json").out()).get("licenses");
        assertThat(matches).isNotEmpty().allSatisfy(m -> {
            assertThat(m.get("match_share").isNull()).isTrue();
            assertThat(m.get("license_confidence").asText()).isEqualTo(m.get("source").asText().equals("reference") ? "medium" : "low");
        });
        assertThat(run("scan", CliTest.FINETUNE, "--format", "markdown").out()).contains("(metadata; confidence low: tag only)")
                .doesNotContain("% of the reference");
    }

    /** A license that incorporates its use policy binds it though the repository has no copy: the header says which applies. */
    @Test
    void theUsePolicyALicenseIncorporatesIsNamedWhenTheRepositoryHasNoCopy() throws Exception {
        assertThat(run("check", CliTest.FINETUNE, "-d", PASS).out())
                .contains("use policy: Llama 3.1 Acceptable Use Policy, incorporated by the license (no copy in the repository; canship applies the one it holds)");
        JsonNode report = JSON.readTree(run("check", CliTest.FINETUNE, "-d", PASS, "--format", "json").out());
        assertThat(report.get("use_policy").isNull()).isTrue();
        assertThat(report.get("use_policy_incorporated").asText()).isEqualTo("llama3.1-aup");
        assertThat(run("check", CliTest.FINETUNE, "-d", PASS, "--format", "markdown").out())
                .contains("Use policy **Llama 3.1 Acceptable Use Policy**, incorporated by the license")
                .contains("| llama3.1-aup | Declared uses stay within the use policy \\(llama3.1-aup\\) | :white_check_mark: met |");
    }

    @Test
    void aDenseModelShowsOneParameterCountAndAMixtureOfExpertsBoth() throws Exception {
        String dense = run("check", GEMMA, "-d", PASS).out();
        assertThat(dense).contains("model:      gemma-3-27b-it (gemma3), 27B total, text+image").doesNotContain(" active");
        assertThat(run("check", GEMMA, "-d", PASS, "--format", "markdown").out()).contains("| parameters | 27B total |").doesNotContain("active per token");
        assertThat(Jsoup.parse(run("check", GEMMA, "-d", PASS, "--format", "html").out()).select(".model").text())
                .contains("Parameters 27B total").doesNotContain("active");
        assertThat(run("fit", GEMMA, "--accelerator", "h100-sxm").out()).contains("27.4B total,").doesNotContain("B active");

        String moe = run("scan", CliTest.QWEN).out();
        assertThat(moe).containsPattern("\\d+\\.?\\dB total / \\d+\\.\\dB active");
        assertThat(run("scan", CliTest.QWEN, "--format", "markdown").out()).containsPattern("\\| parameters \\| \\d+B total, \\d+\\.\\dB active per token \\|");
    }

    /** Six words in a row said twice in one text, or null: the first such phrase. */
    static String repeatedPhrase(String text) {
        String[] w = text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}§.']+");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i + 6 <= w.length; i++) {
            String phrase = String.join(" ", Arrays.copyOfRange(w, i, i + 6));
            if (!seen.add(phrase)) {
                return phrase;
            }
        }
        return null;
    }

    @Test
    void noFindingOfAnySampleCheckSaysTheSamePhraseTwice() throws Exception {
        java.util.List<String> repeats = new java.util.ArrayList<>();
        try (var repos = Files.list(Path.of("samples/repos")); var deployments = Files.list(Path.of("samples/deployments"))) {
            java.util.List<Path> ds = deployments.filter(d -> !d.getFileName().toString().equals("malformed.yaml")).sorted().toList();
            for (Path repo : repos.sorted().toList()) {
                for (Path d : ds) {
                    String out = run("check", repo.toString(), "-d", d.toString()).out();
                    // One finding: from its "  [RULE]" line to the next finding or section.
                    for (String finding : out.split("\n(?=  \\[|\\n)")) {
                        String phrase = finding.strip().startsWith("[") ? repeatedPhrase(finding) : null;
                        if (phrase != null) {
                            repeats.add(repo.getFileName() + " with " + d.getFileName() + ": \"" + phrase + "\" in " + finding.strip().lines().findFirst().orElse(""));
                        }
                    }
                }
            }
        }
        assertThat(repeats).isEmpty();
    }

    /** Purposes are enums in the rules; a finding still says them as a deployment writes them. */
    @Test
    void aResearchOnlyLicenseNamesThePurposesInTheDeploymentsWords(@TempDir Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("research-model"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: other\nlicense_name: qwen-research\n---\n# m\n");
        Files.writeString(repo.resolve("config.json"), "{\"model_type\": \"qwen2\"}\n");
        Path d = tmp.resolve("d.yaml");
        Files.writeString(d, "canship: 1\norganization: {country: US, monthly_active_users: 1000}\nmodel: {distribution: hosted}\n"
                + "product: {commercial: false, uses: [], regions: [US]}\n");
        assertThat(run("check", repo.toString(), "-d", d.toString()).out())
                .contains("The deployment's purpose is production (product.purpose is not declared; production is the reading canship takes), "
                        + "but the license allows research and evaluation only.")
                .contains("fix: Keep the use to research or evaluation and declare product.purpose")
                .doesNotContain("PRODUCTION").doesNotContain("RESEARCH or");
    }

    @Test
    void aMissingLicenseIsSaidOnce(@TempDir Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(repo.resolve("config.json"), "{\"model_type\": \"llama\"}\n");
        assertThat(run("check", repo.toString(), "-d", PASS).out())
                .contains("No license was found for this model: no license file, no license text in the card, and no license tag canship knows.")
                .doesNotContain("no license was found: ");
    }

    @Test
    void theHtmlReportSetsThePublishersTermBesideAnAlteredOneAndSaysWhereTheRestIsRead(@TempDir Path tmp) throws Exception {
        String text = llama31();
        assertThat(text).contains("700 million monthly");
        Path repo = repoWithLicense(tmp.resolve("altered"), text.replace("700 million monthly", "900 million monthly")
                + "\nAdditionally, the licensee shall pay royalties of five percent to Acme on every sale of any product.\n");
        Document html = Jsoup.parse(run("check", repo.toString(), "-d", PASS, "--format", "html").out());
        var rows = html.select("table.alteration tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).selectFirst("td.found strong").text()).isEqualTo("900 million");
        assertThat(rows.get(0).selectFirst("td.expected strong").text()).isEqualTo("700000000");
        assertThat(rows.get(1).selectFirst("td.found strong").text()).startsWith("Additionally, the licensee shall pay royalties");
        assertThat(rows.get(1).selectFirst("td.expected").text())
                .isEqualTo("Nothing: these words are not in the Llama 3.1 Community License Agreement text.");
    }
}
