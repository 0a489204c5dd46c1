package dev.canship.hostile;

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

import static org.assertj.core.api.Assertions.assertThat;

/** Cards, configs and license documents built to exhaust parsers. */
class HostileDocumentsTest {

    @BeforeAll
    static void warmUp(@TempDir Path dir) throws IOException {
        Hostile.warmUp(dir);
        Hostile.warmUpTika(dir);
    }

    @Test
    void aYamlBombInTheCardCostsNothing(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        // "Billion laughs": nine levels of nine aliases, 387 million strings if expanded.
        StringBuilder y = new StringBuilder("---\nlicense: apache-2.0\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                y.append(i > 0 ? "," : "").append('*').append(prev);
            }
            y.append("]\n");
            prev = c;
        }
        y.append("---\n# Model\n");
        Files.writeString(repo.resolve("README.md"), y);
        Hostile.Run r = Hostile.scan(repo);
        // The card's YAML is read as events: an alias stays one value and is never expanded.
        // Expanded, it would not fit the suite's 256 MB heap nor the class's time-out.
        assertThat(r.json().path("license").path("id").asText()).isEqualTo("apache-2.0");
    }

    @Test
    void deepNestingInConfigAndCardIsRefused(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Files.writeString(repo.resolve("config.json"), "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\nx: " + "[".repeat(50_000) + "]".repeat(50_000) + "\n---\n# Model\n");
        Hostile.Run r = Hostile.scan(repo);
        assertThat(r.diagnostics()).anySatisfy(d -> assertThat(d).startsWith("config.json: invalid JSON").contains("nesting depth"))
                .anySatisfy(d -> assertThat(d).startsWith("README.md: front matter"));
    }

    @Test
    void invalidUtf8InLicenseAndReadmeIsReplacedAndReported(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Files.write(repo.resolve("LICENSE"), new byte[] {'A', 'p', (byte) 0xc3, (byte) 0x28, (byte) 0xff, (byte) 0xfe, 'x', '\n'});
        Files.write(repo.resolve("README.md"), new byte[] {'-', '-', '-', '\n', 'l', 'i', 'c', 'e', 'n', 's', 'e', ':', ' ',
                (byte) 0xed, (byte) 0xa0, (byte) 0x80, '\n', '-', '-', '-', '\n', (byte) 0xc0, (byte) 0xaf, '\n'});
        Hostile.Run r = Hostile.scan(repo);
        assertThat(r.diagnostics()).contains("LICENSE: not valid UTF-8; invalid bytes replaced", "README.md: not valid UTF-8; invalid bytes replaced");
    }

    @Test
    void aCardThatIsOneTenMegabyteLineIsReadUpToTheLimit(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        Files.writeString(repo.resolve("README.md"), "---\nlicense: apache-2.0\n---\n" + "Llama ".repeat((10 << 20) / 6));
        Hostile.Run r = Hostile.check(repo);
        assertThat(r.exit()).isZero();
        assertThat(r.diagnostics()).containsExactly("README.md: larger than 4194304 bytes; only the start was read");
    }

    @Test
    void aPdfWithManyPagesStopsAtTheTextLimit(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int p = 0; p < 1500; p++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 8);
                    cs.newLineAtOffset(20, 750);
                    for (int l = 0; l < 10; l++) {
                        cs.showText("Permission is granted to use this model subject to the terms below, page " + p);
                        cs.newLineAtOffset(0, -10);
                    }
                    cs.endText();
                }
            }
            doc.save(repo.resolve("LICENSE.pdf").toFile());
        }
        Hostile.Run r = Hostile.scan(repo, "--limit", "max-tika-chars=64k", "--limit", "parse-millis=3000");
        assertThat(r.json().path("files").findValuesAsText("path")).contains("LICENSE.pdf");
        // Either the text stopped at the bound or the parse was abandoned (the class's time-out guards a hang):
        // never a crash, and an abandoned parse names the file.
        assertThat(r.diagnostics()).allSatisfy(d -> assertThat(d).startsWith("LICENSE.pdf: "));
    }

    @Test
    void aPdfWithDeeplyNestedObjectsIsADiagnosticOrText(@TempDir Path dir) throws IOException {
        Path repo = Hostile.repo(dir);
        // Written by hand: PDFBox itself cannot save an object this deep.
        Files.writeString(repo.resolve("LICENSE.pdf"), handWrittenDeepPdf(100_000));
        Hostile.Run r = Hostile.scan(repo, "--limit", "parse-millis=3000");
        // PDFBox stops at its own recursion bound (500) and the document yields no text; its error log is silenced,
        // and the file is named as not read.
        assertThat(r.json().path("files").findValuesAsText("path")).contains("LICENSE.pdf");
        assertThat(r.diagnostics()).as("the PDF is named as not read").singleElement().asString().startsWith("LICENSE.pdf: cannot be read");
    }

    static String handWrittenDeepPdf(int depth) {
        String deep = "[".repeat(depth) + "]".repeat(depth);
        return "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /Deep " + deep + " >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    }
}
