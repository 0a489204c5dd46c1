package dev.canship.identify;

import dev.canship.Corpus;
import dev.canship.extract.Extractor;
import dev.canship.inventory.InventoryScanner;
import dev.canship.inventory.ScanLimits;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole-repository identification: real cards and files from the corpus, and repositories built from its texts. */
class RepositoryIdentificationTest {

    private static final KnowledgeBase KB = KnowledgeBase.bundled();
    private final LicenseIdentifier identifier = new LicenseIdentifier(KB, FingerprintTextMatcher.bundled(KB), new TextTermReader());

    private Identification identify(Path repo) {
        var limits = ScanLimits.DEFAULTS;
        return identifier.identify(new Extractor(limits).extract(new InventoryScanner(limits).scan(repo)));
    }

    private static List<IdentificationIssue.Kind> kinds(Identification id) {
        return id.issues().stream().map(IdentificationIssue::kind).toList();
    }

    @Test
    void realRepositoriesAsPublished() {
        Identification l32 = identify(Corpus.repo("meta-llama--Llama-3.2-3B-Instruct"));
        assertThat(l32.license().id()).isEqualTo("llama3.2");
        assertThat(l32.license().source()).isEqualTo("text");
        assertThat(l32.usePolicy().id()).isEqualTo("llama3.2");
        assertThat(l32.matches()).anySatisfy(m -> {
            assertThat(m.file()).isEqualTo("README.md (extra_gated_prompt)");
            assertThat(m.document()).isEqualTo("use-policy");
        });

        Identification l2 = identify(Corpus.repo("meta-llama--Llama-2-7b-hf"));
        assertThat(l2.license().id()).as("no license tag in the card; the text decides").isEqualTo("llama2");

        Identification l31 = identify(Corpus.repo("meta-llama--Llama-3.1-8B-Instruct"));
        assertThat(l31.license().id()).isEqualTo("llama3.1");
        assertThat(l31.license().file()).isEqualTo("README.md (extra_gated_prompt)");

        Identification skk = identify(Corpus.repo("skkjodhpur--Meta-Llama-3.1-8B-Unsloth-2x-faster-finetuning-GGUF-by-skk"));
        assertThat(kinds(skk)).contains(IdentificationIssue.Kind.LAUNDERING);
        assertThat(skk.issues()).anySatisfy(i -> assertThat(i.licenseIds()).contains("llama3.1", "apache-2.0"));

        assertThat(identify(Corpus.repo("deepseek-ai--DeepSeek-R1")).license().id()).isEqualTo("mit");
        Identification oss = identify(Corpus.repo("openai--gpt-oss-20b"));
        assertThat(oss.license().id()).isEqualTo("apache-2.0");
        assertThat(oss.license().source()).isEqualTo("text");
        // Its USAGE_POLICY only asks users to obey the law: named as OpenAI's known statement, not an unknown use policy.
        assertThat(kinds(oss)).containsExactly(IdentificationIssue.Kind.STATEMENT);
        assertThat(oss.issues().get(0).message()).startsWith("USAGE_POLICY is OpenAI's gpt-oss usage policy");

        Identification med = identify(Corpus.repo("google--medgemma-27b-it"));
        assertThat(kinds(med)).containsExactly(IdentificationIssue.Kind.UNKNOWN);
        assertThat(med.issues().get(0).message()).contains("health-ai-developer-foundations").contains("google/gemma-3-27b-pt");

        assertThat(identify(Corpus.repo("google--gemma-2b-it")).license().id()).isEqualTo("gemma");
        assertThat(identify(Corpus.repo("mistralai--Mixtral-8x7B-Instruct-v0.1")).license().id()).isEqualTo("apache-2.0");
        // cc-by-nc-2.0 is unknown to canship; "a multi-model merge of several LLaMA2 70B finetunes" in the prose is
        // lineage evidence for a warning only (no base_model, and config.json's _name_or_path is a local folder).
        Identification lzlv = identify(Corpus.repo("lizpreciatior--lzlv_70b_fp16_hf"));
        assertThat(kinds(lzlv)).containsExactly(IdentificationIssue.Kind.UNKNOWN, IdentificationIssue.Kind.LINEAGE_UNDECLARED);
        assertThat(lzlv.license().id()).isEqualTo("cc-by-nc-2.0");
        assertThat(lzlv.baseModels()).isEmpty();
    }

    @Test
    void aCardThatSaysApacheOverTheLlamaTextIsAConflict(@TempDir Path repo) throws IOException {
        Files.copy(Corpus.license("llama3.1", "LICENSE"), repo.resolve("LICENSE"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\n---\n# My fine-tune\n");
        Identification id = identify(repo);
        assertThat(id.license().id()).as("the text governs, not the tag").isEqualTo("llama3.1");
        assertThat(kinds(id)).contains(IdentificationIssue.Kind.CONFLICT);
    }

    @Test
    void noLicenseAnywhereIsMissing(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("README.md"), "# A model\nTrained on public data. Use it well.\n");
        Identification id = identify(repo);
        assertThat(id.license()).isNull();
        assertThat(kinds(id)).containsExactly(IdentificationIssue.Kind.MISSING);
    }

    @Test
    void anAlteredThresholdIsAnErrorAndThePublishersThresholdStillApplies(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("LICENSE"), Files.readString(Corpus.license("llama4", "LICENSE")).replace("700 million", "7 billion"));
        Identification id = identify(repo);
        assertThat(id.license().id()).isEqualTo("llama4");
        assertThat(id.license().altered()).isTrue();
        assertThat(kinds(id)).containsExactly(IdentificationIssue.Kind.ALTERED);
        assertThat(id.license().alterations()).singleElement().satisfies(a -> {
            assertThat(a.clause()).isEqualTo("§2");
            assertThat(a.found()).contains("7 billion");
            assertThat(a.substantive()).isTrue();
        });
        assertThat(id.terms().mau().threshold()).as("the publisher's threshold, not the copy's").isEqualTo(700_000_000L);
    }

    /** Substantive edits of a Llama 3.1 copy: each is an error, and the publisher's terms stay in force. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "negation flipped   | will not apply     | may apply          | may apply",
            "name prefix        | “Llama” at the     | “Acme” at the      | Acme",
            "attribution phrase | “Built with Llama” | “Powered by Acme”  | Powered by Acme",
    })
    void aSubstantiveEditIsAnErrorAndThePublishersTermsApply(String what, String from, String to, String quoted, @TempDir Path repo) throws IOException {
        String text = Files.readString(Corpus.license("llama3.1", "LICENSE"));
        assertThat(text).as("premise: the reference text has the passage").contains(from);
        Files.writeString(repo.resolve("LICENSE"), text.replace(from, to));
        Identification id = identify(repo);
        assertThat(id.license().id()).isEqualTo("llama3.1");
        assertThat(kinds(id)).containsExactly(IdentificationIssue.Kind.ALTERED);
        assertThat(id.issues().get(0).message()).as("the finding quotes the copy's passage").contains(quoted);
        assertThat(id.terms().namePrefix().prefix()).isEqualTo("Llama");
        assertThat(id.terms().attribution().phrases()).containsExactly("Built with Llama");
    }

    @Test
    void aChangedLinkIsOnlyAWarning(@TempDir Path repo) throws IOException {
        String text = Files.readString(Corpus.license("llama3.1", "LICENSE"));
        assertThat(text).contains("https://llama.meta.com/doc/overview");
        Files.writeString(repo.resolve("LICENSE"), text.replace("https://llama.meta.com/doc/overview", "https://www.llama.com/docs/overview"));
        assertThat(kinds(identify(repo))).containsExactly(IdentificationIssue.Kind.ALTERED_MINOR);
    }

    @Test
    void aLicenseSavedAsPdfUnderAnyNameIsRecognizedByContent(@TempDir Path repo) throws IOException {
        String text = Files.readString(Corpus.license("gemma", "Gemma-Terms-of-Use-20250324"));
        writePdf(text, repo.resolve("terms-and-conditions.pdf"));
        Files.writeString(repo.resolve("README.md"), "---\nlicense: other\n---\n# Model\n");
        Identification id = identify(repo);
        assertThat(id.license().id()).isEqualTo("gemma");
        assertThat(id.license().version()).isEqualTo("2025-03-24");
        assertThat(id.license().file()).isEqualTo("terms-and-conditions.pdf");
    }

    private static void writePdf(String text, Path out) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            List<String> lines = new ArrayList<>();
            for (String para : text.replace('\u2019', '\'').replace('\u201c', '"').replace('\u201d', '"').replace('\u2013', '-').replace('\u2014', '-').split("\n")) {
                StringBuilder line = new StringBuilder();
                for (String w : para.split(" ")) {
                    if (line.length() + w.length() > 90) {
                        lines.add(line.toString());
                        line.setLength(0);
                    }
                    line.append(line.length() == 0 ? "" : " ").append(w.replaceAll("[^\\x20-\\x7E]", ""));
                }
                lines.add(line.toString());
            }
            for (int start = 0; start < lines.size(); start += 50) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 9);
                    cs.newLineAtOffset(40, 750);
                    for (String l : lines.subList(start, Math.min(lines.size(), start + 50))) {
                        cs.showText(l);
                        cs.newLineAtOffset(0, -14);
                    }
                    cs.endText();
                }
            }
            doc.save(out.toFile());
        }
    }
}
