package dev.canship.extract;

import dev.canship.inventory.ScanLimits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The formats read through Tika still read after the jar left out the libraries of the others (a Word document
 * needs only POI's lite schema set), and a document of another type says it was not read instead of passing empty.
 */
class DocumentFormatsTest {

    private final DocumentTextReader reader = new DocumentTextReader(ScanLimits.DEFAULTS);

    @Test
    void aWordDocumentIsReadAsText() throws IOException {
        String text = reader.text("LICENSE.docx", docx("Example Model License", "You may use the model for research."));
        assertThat(text).contains("Example Model License").contains("You may use the model for research.");
    }

    @Test
    void anRtfDocumentIsReadAsText() throws IOException {
        byte[] rtf = "{\\rtf1\\ansi{\\fonttbl\\f0\\fswiss Helvetica;}\\f0\\pard Example Model License\\par You may not redistribute it.\\par}"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(reader.text("LICENSE.rtf", rtf)).contains("Example Model License").contains("You may not redistribute it.");
    }

    @Test
    void aSpreadsheetIsNotReadAndSaysSo() throws IOException {
        byte[] xlsx = zip(Map.of(
                "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>",
                "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
                "xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"));
        assertThatThrownBy(() -> reader.text("LICENSE.xlsx", xlsx))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("documents of type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet are not read");
    }

    @Test
    void aBrokenDocumentSaysWhyWithoutJavaNames() {
        byte[] broken = "PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> reader.text("LICENSE.docx", broken))
                .isInstanceOf(IOException.class)
                .hasMessageNotContaining("org.apache").hasMessageNotContaining("TIKA-");
    }

    /** A minimal Word 2007+ document: content types, the package relationship and one body with a paragraph per line. */
    static byte[] docx(String... paragraphs) throws IOException {
        StringBuilder body = new StringBuilder();
        for (String p : paragraphs) {
            body.append("<w:p><w:r><w:t>").append(p).append("</w:t></w:r></w:p>");
        }
        return zip(Map.of(
                "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
                "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>",
                "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                        + body + "</w:body></w:document>"));
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : new java.util.TreeMap<>(entries).keySet()) {
                z.putNextEntry(new ZipEntry(name));
                z.write(entries.get(name).getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
