package dev.canship.identify.fingerprint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Re-presentations of a text that must not change what it is: reflow, HTML, PDF round trip, model-card YAML. */
final class Presentations {

    /**
     * A named presentation.
     *
     * @param name  short name for tables
     * @param apply text to candidate text
     */
    record Presentation(String name, UnaryOperator<String> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Presentation> ALL = List.of(
            new Presentation("as-is", t -> t),
            new Presentation("reflow-50", t -> reflow(t, 50)),
            new Presentation("reflow-120", t -> reflow(t, 120)),
            new Presentation("html", t -> html(t)),
            new Presentation("markdown-html", t -> markdownHtml(t)),
            new Presentation("pdf", t -> pdfRoundTrip(t, false)),
            new Presentation("pdf-page-of", t -> pdfRoundTrip(t, true)),
            new Presentation("card-yaml", t -> cardExtraction(card(t))),
            new Presentation("card-raw", t -> card(t)));

    private Presentations() {
    }

    /** Paragraphs (blank-line separated) with their lines joined and re-wrapped greedily at {@code width} columns. */
    static String reflow(String text, int width) {
        StringBuilder out = new StringBuilder();
        for (String para : text.replace("\r\n", "\n").split("\n\\s*\n")) {
            String[] words = para.strip().split("\\s+");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            int col = 0;
            for (String w : words) {
                if (col > 0 && col + 1 + w.length() > width) {
                    out.append('\n');
                    col = 0;
                } else if (col > 0) {
                    out.append(' ');
                    col++;
                }
                out.append(w);
                col += w.length();
            }
            out.append("\n\n");
        }
        return out.toString();
    }

    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9]*(\\s[^<>]*)?/?>");

    /** An HTML page: a heading, one {@code <p>} per paragraph, entities for quotes; tags already in the text pass through. */
    static String html(String text) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Terms</title></head>\n<body>\n");
        out.append("<h1>Terms of the model</h1>\n");
        for (String para : text.replace("\r\n", "\n").split("\n\\s*\n")) {
            if (para.isBlank()) {
                continue;
            }
            out.append("<p>");
            Matcher m = TAG.matcher(para);
            int last = 0;
            while (m.find()) {
                out.append(escape(para.substring(last, m.start()))).append(m.group());
                last = m.end();
            }
            out.append(escape(para.substring(last))).append("</p>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    private static final Pattern MD_LIST = Pattern.compile("^\\s*(?:\\d{1,3}[.)]|[*+-])\\s+(.*)$");
    private static final Pattern MD_HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");

    /**
     * The text rendered the way a Markdown renderer would: list items become {@code <li>} (so their numbers are gone),
     * headings {@code <h2>}, emphasis {@code <strong>}, links {@code <a>}.
     */
    static String markdownHtml(String text) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n");
        List<String> para = new ArrayList<>();
        boolean inList = false;
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            Matcher li = MD_LIST.matcher(line);
            Matcher h = MD_HEADING.matcher(line);
            if (line.isBlank() || li.matches() || h.matches()) {
                if (!para.isEmpty()) {
                    out.append("<p>").append(inline(String.join("\n", para))).append("</p>\n");
                    para.clear();
                }
            }
            if (line.isBlank()) {
                continue;
            }
            if (li.matches()) {
                if (!inList) {
                    out.append("<ol>\n");
                    inList = true;
                }
                out.append("<li>").append(inline(li.group(1))).append("</li>\n");
                continue;
            }
            if (inList && !Character.isWhitespace(line.charAt(0))) {
                out.append("</ol>\n");
                inList = false;
            }
            if (h.matches()) {
                out.append("<h2>").append(inline(h.group(1))).append("</h2>\n");
                continue;
            }
            para.add(line);
        }
        if (!para.isEmpty()) {
            out.append("<p>").append(inline(String.join("\n", para))).append("</p>\n");
        }
        if (inList) {
            out.append("</ol>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    private static String inline(String s) {
        StringBuilder b = new StringBuilder();
        Matcher m = TAG.matcher(s);
        int last = 0;
        while (m.find()) {
            b.append(escape(s.substring(last, m.start()))).append(m.group());
            last = m.end();
        }
        b.append(escape(s.substring(last)));
        String r = b.toString().replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>");
        return r.replaceAll("\\[([^\\]]*)\\]\\(([^)\\s]*)\\)", "<a href=\"$2\">$1</a>");
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\u201C' -> b.append("&ldquo;");
                case '\u201D' -> b.append("&rdquo;");
                case '\u2018' -> b.append("&lsquo;");
                case '\u2019' -> b.append("&rsquo;");
                case '\u00A0' -> b.append("&nbsp;");
                case '\u2013' -> b.append("&ndash;");
                case '\u00A9' -> b.append("&copy;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Renders to a multi-page A4 PDF (Helvetica 10pt, hyphenating long words, page numbers in the footer) and extracts the text with Tika. */
    static String pdfRoundTrip(String text, boolean pageOf) {
        return tikaText(pdf(text, pageOf));
    }

    static byte[] pdf(String text, boolean pageOf) {
        String t = text.replace("\uFEFF", "").replace("\u2028", "\n").replace("\r\n", "\n").replace("\t", "    ");
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            float size = 10;
            float leading = 13;
            float margin = 56;
            PDRectangle page = PDRectangle.A4;
            float width = page.getWidth() - 2 * margin;
            List<String> lines = new ArrayList<>();
            for (String src : t.split("\n", -1)) {
                wrap(src, font, size, width, lines);
            }
            int perPage = (int) ((page.getHeight() - 2 * margin - 2 * leading) / leading);
            List<List<String>> pages = new ArrayList<>();
            for (int i = 0; i < lines.size(); i += perPage) {
                pages.add(lines.subList(i, Math.min(lines.size(), i + perPage)));
            }
            for (int p = 0; p < pages.size(); p++) {
                PDPage pg = new PDPage(page);
                doc.addPage(pg);
                try (PDPageContentStream cs = new PDPageContentStream(doc, pg)) {
                    cs.beginText();
                    cs.setFont(font, size);
                    cs.newLineAtOffset(margin, page.getHeight() - margin);
                    for (String line : pages.get(p)) {
                        cs.showText(line);
                        cs.newLineAtOffset(0, -leading);
                    }
                    cs.endText();
                    String footer = pageOf ? "Page " + (p + 1) + " of " + pages.size() : String.valueOf(p + 1);
                    cs.beginText();
                    cs.setFont(font, 9);
                    cs.newLineAtOffset(page.getWidth() / 2 - 10, margin / 2);
                    cs.showText(footer);
                    cs.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void wrap(String src, PDType1Font font, float size, float width, List<String> out) throws IOException {
        if (src.isBlank()) {
            out.add("");
            return;
        }
        int indent = 0;
        while (indent < src.length() && src.charAt(indent) == ' ') {
            indent++;
        }
        String[] words = src.strip().split(" +");
        StringBuilder line = new StringBuilder(" ".repeat(Math.min(indent, 12)));
        boolean empty = true;
        for (String w : words) {
            String candidate = empty ? line + w : line + " " + w;
            if (width(font, size, candidate) <= width) {
                line.setLength(0);
                line.append(candidate);
                empty = false;
                continue;
            }
            // Hyphenate a long plain word across the line end, as typesetters do.
            if (w.length() >= 8 && w.matches("\\p{L}+")) {
                int cut = w.length() - 3;
                while (cut >= 3 && width(font, size, (empty ? line : line + " ") + w.substring(0, cut) + "-") > width) {
                    cut--;
                }
                if (cut >= 3) {
                    out.add((empty ? line : line + " ") + w.substring(0, cut) + "-");
                    line.setLength(0);
                    line.append(w.substring(cut));
                    empty = false;
                    continue;
                }
            }
            if (!empty) {
                out.add(line.toString());
            }
            line.setLength(0);
            line.append(w);
            empty = false;
        }
        out.add(line.toString());
    }

    private static float width(PDType1Font font, float size, CharSequence s) throws IOException {
        return font.getStringWidth(s.toString()) / 1000 * size;
    }

    /** Text of a document as Tika extracts it. */
    static String tikaText(byte[] bytes) {
        try {
            BodyContentHandler handler = new BodyContentHandler(-1);
            new AutoDetectParser().parse(new ByteArrayInputStream(bytes), handler, new Metadata(), new ParseContext());
            return handler.toString();
        } catch (Exception e) {
            throw new IllegalStateException("Tika could not read the PDF", e);
        }
    }

    /** A model card body with no license text in it (written for these tests). */
    static final String CARD_BODY = """
            # Example-7B-Instruct

            Example-7B-Instruct is a small instruction-tuned language model for chat and summarization.
            It was fine-tuned on a mix of public dialogue data and synthetic conversations.

            ## Usage

            ```python
            from transformers import AutoModelForCausalLM, AutoTokenizer
            tok = AutoTokenizer.from_pretrained("example/Example-7B-Instruct")
            model = AutoModelForCausalLM.from_pretrained("example/Example-7B-Instruct", device_map="auto")
            ```

            ## Evaluation

            | Benchmark | Score |
            |-----------|-------|
            | MMLU      | 61.2  |
            | GSM8K     | 48.9  |

            ## Limitations

            The model can produce inaccurate or biased output. Review generated text before relying on it,
            and do not deploy it for decisions about people without human oversight.

            ## Citation

            Please cite the technical report if you use this model in your research.
            """;

    /** A Hugging Face style README: the text in an {@code extra_gated_prompt: >-} folded block, then the card body. */
    static String card(String text) {
        return card(List.of(text));
    }

    /** A README whose folded {@code extra_gated_prompt} holds several texts, one after the other. */
    static String card(List<String> texts) {
        StringBuilder y = new StringBuilder("---\nlicense: other\nlicense_name: example-license\nlibrary_name: transformers\n");
        y.append("tags:\n- text-generation\nextra_gated_prompt: >-\n");
        boolean first = true;
        for (String text : texts) {
            String t = text.replace("\uFEFF", "").replace("\u2028", "\n").replace("\r\n", "\n");
            List<String> lines = new ArrayList<>(List.of(t.split("\n", -1)));
            if (!first) {
                y.append("\n");
            }
            for (String line : lines) {
                if (first) {
                    if (line.isBlank()) {
                        continue;
                    }
                    line = line.strip(); // the first line sets the block's indentation
                    first = false;
                }
                int tabs = 0;
                while (tabs < line.length() && line.charAt(tabs) == '\t') {
                    tabs++;
                }
                line = "    ".repeat(tabs) + line.substring(tabs);
                y.append(line.isBlank() ? "" : "  " + line.stripTrailing()).append('\n');
            }
        }
        y.append("extra_gated_fields:\n  First Name: text\n  I accept the terms: checkbox\n---\n\n");
        return y + CARD_BODY;
    }

    /** What card extraction does: the YAML front matter parsed with Jackson, the prompt text, then the Markdown body. */
    static String cardExtraction(String readme) {
        int end = readme.indexOf("\n---\n", 4);
        String front = readme.substring(4, end + 1);
        String body = readme.substring(end + 5);
        try {
            JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(front);
            return node.get("extra_gated_prompt").asText() + "\n\n" + body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
