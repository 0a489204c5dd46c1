package dev.canship.hostile;

import dev.canship.Corpus;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One budget for all document parsing of a repository (parse-budget-millis, max-document-chars), and a license that
 * was not read, or only in part, as blocking evidence: it can never be outweighed by a card tag into a pass.
 */
class HostileDocumentBudgetTest {

    private static final String CHAR_BUDGET = "the repository's document budget (max-document-chars=4096) was spent";
    private static final String TIME_BUDGET = "not parsed: the repository's document budget (parse-budget-millis=0) was spent";

    @BeforeAll
    static void warmUp(@TempDir Path dir) throws IOException {
        Hostile.warmUp(dir);
        Hostile.warmUpTika(dir);
    }

    @Test
    void manyPdfsSpendTheCharacterBudgetAndTheRestAreNotRead(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Path docs = Files.createDirectories(repo.resolve("docs"));
        for (int i = 10; i < 22; i++) {
            pdf(docs.resolve("paper-" + i + ".pdf"), 20, "Evaluation notes for run " + i + ": the model was scored on a held-out benchmark set.");
        }
        Hostile.Run r = Hostile.check(repo, "--limit", "max-document-chars=4k");
        // Each paper gives at least 1200 characters: at most three fit in 4096, the third only in part.
        List<String> notRead = r.diagnostics().stream().filter(d -> d.endsWith(": not read: " + CHAR_BUDGET)).toList();
        assertThat(notRead).hasSizeGreaterThanOrEqualTo(9).allSatisfy(d -> assertThat(d).startsWith("docs/paper-"));
        assertThat(r.diagnostics()).filteredOn(d -> d.contains("only the first")).hasSizeLessThanOrEqualTo(1)
                .allSatisfy(d -> assertThat(d).endsWith(CHAR_BUDGET));
        // Papers are not license evidence: the budget spent on them leaves the card's license (read first) in charge.
        assertThat(r.json().path("license").path("id").asText()).isEqualTo("apache-2.0");
        assertThat(r.findings()).noneMatch(f -> f.startsWith("DOCUMENT-UNREAD"));
        assertThat(r.exit()).isZero();
    }

    @Test
    void pdfsPastTheTimeBudgetAreNotParsedAndAnUnparsedLicenseFailsTheGate(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        pdf(repo.resolve("LICENSE.pdf"), 5, "Terms for this model are set out in the pages that follow.");
        Path docs = Files.createDirectories(repo.resolve("docs"));
        for (int i = 1; i <= 4; i++) {
            pdf(docs.resolve("paper-" + i + ".pdf"), 5, "Evaluation notes for run " + i + ".");
        }
        Hostile.Run r = Hostile.check(repo, "--limit", "parse-budget-millis=0");
        assertThat(r.diagnostics()).containsExactlyInAnyOrder("LICENSE.pdf: " + TIME_BUDGET, "docs/paper-1.pdf: " + TIME_BUDGET,
                "docs/paper-2.pdf: " + TIME_BUDGET, "docs/paper-3.pdf: " + TIME_BUDGET, "docs/paper-4.pdf: " + TIME_BUDGET);
        assertThat(r.findings()).contains("DOCUMENT-UNREAD LICENSE.pdf");
        assertThat(r.json().path("verdict").asText()).isEqualTo("review");
        assertThat(r.exit()).as("the default gate fails on an unread license").isEqualTo(1);
    }

    @Test
    void aLicensePdfWithoutTextBesideAnApacheCardIsABlockingReview(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        // A scanned license: a page with no text layer. The card's apache-2.0 tag must not stand in for it.
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            doc.save(repo.resolve("LICENSE.pdf").toFile());
        }
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.diagnostics()).singleElement().asString().startsWith("LICENSE.pdf: cannot be read: no text could be extracted");
        assertThat(r.findings()).contains("DOCUMENT-UNREAD LICENSE.pdf");
        assertThat(r.findings()).noneMatch(f -> f.startsWith("LICENSE-MISSING"));
        assertThat(r.json().path("verdict").asText()).isEqualTo("review");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void anUnparsedLicenseAloneIsReportedUnreadNotMissing(@TempDir Path dir) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("README.md"), "# Model\n");
        pdf(repo.resolve("LICENSE.pdf"), 5, "Terms for this model are set out in the pages that follow.");
        Hostile.Run r = Hostile.check(repo, "--limit", "parse-budget-millis=0");
        // There is a license; canship did not read it. "No license was found" would send the reader the wrong way.
        assertThat(r.findings()).contains("DOCUMENT-UNREAD LICENSE.pdf").noneMatch(f -> f.startsWith("LICENSE-MISSING"));
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void aLicenseCutAtTheTikaCharacterBoundIsABlockingReview(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        pdf(repo.resolve("LICENSE.pdf"), 60, "Clause text of a license canship reads only the start of, line after line.");
        Hostile.Run r = Hostile.check(repo, "--limit", "max-tika-chars=1k");
        assertThat(r.diagnostics()).containsExactly("LICENSE.pdf: only the first 1024 characters were read: the bound max-tika-chars=1024 was reached");
        assertThat(r.findings()).contains("DOCUMENT-UNREAD LICENSE.pdf");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void aPlainLicenseLargerThanTheTextBoundIsABlockingReview(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Files.writeString(repo.resolve("LICENSE"), "Our own terms, clause after clause.\n".repeat(100));
        Hostile.Run r = Hostile.check(repo, "--limit", "max-text-bytes=1k");
        assertThat(r.diagnostics()).contains("LICENSE: larger than 1024 bytes; only the start was read");
        assertThat(r.findings()).contains("DOCUMENT-UNREAD LICENSE");
        assertThat(r.json().path("verdict").asText()).isNotEqualTo("pass");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void aCardWhoseFrontMatterIsCutIsABlockingReview(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        // The bound falls inside the front matter: it never ends within what was read, so neither its tag nor its gated text is known.
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\nextra_gated_prompt: |\n"
                + "  Our own terms, clause after clause.\n".repeat(100) + "---\n# Model\n");
        Hostile.Run r = Hostile.check(repo, "--limit", "max-text-bytes=1k");
        assertThat(r.findings()).contains("DOCUMENT-UNREAD README.md");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void theCharacterBudgetGoesToTheLicenseBeforeOtherDocuments(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        // Named to sort before LICENSE: read in inventory order, the notes alone would spend the whole budget.
        Files.writeString(repo.resolve("A-NOTES.md"), "Release notes, nothing about terms.\n".repeat(200));
        Files.writeString(repo.resolve("LICENSE"), "Our own terms, clause after clause.\n".repeat(50));
        Hostile.Run r = Hostile.scan(repo, "--limit", "max-document-chars=4k");
        assertThat(r.diagnostics()).containsExactly("A-NOTES.md: only the first " + (4096 - 1800 - cardChars(repo)) + " characters were read: " + CHAR_BUDGET);
        assertThat(r.findings()).noneMatch(f -> f.startsWith("DOCUMENT-UNREAD"));
    }

    @Test
    void corpusAndSampleRepositoriesAreUnaffectedByTheDefaultBudget() throws IOException {
        List<Path> repos = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("samples", "repos"))) {
            s.filter(Files::isDirectory).sorted().forEach(repos::add);
        }
        try (Stream<Path> s = Files.list(Corpus.repos())) {
            s.filter(Files::isDirectory).sorted().forEach(repos::add);
        }
        assertThat(repos).hasSizeGreaterThan(9);
        for (Path repo : repos) {
            Hostile.Run defaults = Hostile.scan(repo);
            Hostile.Run unbounded = Hostile.scan(repo, "--limit", "parse-budget-millis=1000000000", "--limit", "max-document-chars=1g");
            assertThat(defaults.diagnostics()).as(repo.toString()).noneMatch(d -> d.contains("document budget"))
                    .isEqualTo(unbounded.diagnostics());
            assertThat(defaults.findings()).as(repo.toString()).noneMatch(f -> f.startsWith("DOCUMENT-UNREAD"))
                    .isEqualTo(unbounded.findings());
            assertThat(defaults.json().path("license")).as(repo.toString()).isEqualTo(unbounded.json().path("license"));
        }
    }

    private static int cardChars(Path repo) throws IOException {
        return Files.readString(repo.resolve("README.md")).length();
    }

    /** A PDF of one page with {@code lines} lines of {@code line}. */
    private static void pdf(Path file, int lines, String line) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 6);
                cs.newLineAtOffset(20, 780);
                for (int l = 0; l < lines; l++) {
                    cs.showText(line);
                    cs.newLineAtOffset(0, -8);
                }
                cs.endText();
            }
            doc.save(file.toFile());
        }
    }
}
