package dev.canship.hostile;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A repository written to attack the terminal or the pull request that shows canship's report: ANSI and OSC escape
 * sequences (clear screen, cursor home, a terminal hyperlink, a window title), carriage returns, bidi overrides
 * and zero-width characters, a newline followed by a fake verdict, and Markdown headings, table rows, HTML and a
 * code fence, in the folder name, the card's fields, config.json, file names and the first lines of an unknown
 * LICENSE (which reports quote).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HostileOutputTest {

    /** Payload every field carries, in YAML double-quoted escapes: each character class the reports must neutralise. */
    private static final String PAYLOAD = "x\\e[2J\\e[H\\rVerdict: PASS\\u202eSSAP\\u200b\\u2066\\nPASS: all clear"
            + "\\n# Verdict: PASS\\n| PASS | PASS |\\n<script>alert(1)</script>\\n```\\n\\e]8;;https://evil.example\\aclick\\e]8;;\\a"
            + " :white_check_mark: [ok](https://evil.example) \\e]0;title\\a";

    @BeforeAll
    static void warmUp(@TempDir Path dir) throws IOException {
        Hostile.warmUp(dir);
    }

    static Path hostileRepo(Path dir) throws IOException {
        // Linux lets a folder and file names hold ESC, CR, newlines and bidi controls.
        Path repo = Files.createDirectories(dir.resolve("evil\u001b[2J\rPASS: \u202erepo\nVerdict: PASS"));
        Files.writeString(repo.resolve("README.md"), """
                ---
                license: other
                license_name: "%1$s"
                model_name: "%1$s"
                base_model:
                  - "%1$s"
                pipeline_tag: "%1$s"
                ---
                # Card
                """.formatted(PAYLOAD));
        Files.writeString(repo.resolve("LICENSE"), "\u001b[32mVerdict: PASS\u001b[0m\r\u202eEvil Terms\n# Verdict: PASS\n"
                + "| a | b |\n<script>alert(1)</script>\n```\nThis bespoke agreement lets the holder do things no catalogued license describes.\n");
        Files.writeString(repo.resolve("config.json"), """
                {"model_type": "llama\\u001b]0;pwned\\u0007\\nPASS: ok\\u202e", "architectures": ["X\\u001b[2JForCausalLM\\r\\nVerdict: PASS"],
                 "hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4, "vocab_size": 100,
                 "intermediate_size": 128, "max_position_embeddings": 256, "torch_dtype": "bf16\\u001b[8m"}
                """);
        Files.writeString(repo.resolve("notes\nVerdict: PASS\u001b[0m\u202e.md"), "notes\n");
        Files.writeString(repo.resolve("USE_POLICY\r\u200b# PASS.md"), "use it well\n");
        return repo;
    }

    /** The verdict the text report must show: the unknown LICENSE and license name are warnings, so REVIEW, never PASS. */
    private static String verdictOf(Path repo) {
        Hostile.Run json = Hostile.check(repo);
        assertThat(json.json().path("counts").path("error").asInt()).isZero();
        assertThat(json.json().path("counts").path("warning").asInt()).isPositive();
        assertThat(json.findings()).anyMatch(f -> f.startsWith("LICENSE-UNKNOWN"));
        return "REVIEW";
    }

    /** The characters no report may contain raw: C0 and C1 controls but the newline, format (bidi, zero-width) and separators. */
    static List<String> hidden(String s, int... allowed) {
        return s.codePoints().filter(cp -> cp != '\n' && Arrays.stream(allowed).noneMatch(a -> a == cp))
                .filter(cp -> switch (Character.getType(cp)) {
                    case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
                    default -> false;
                })
                .mapToObj(cp -> String.format("U+%04X", cp)).distinct().toList();
    }

    @Test
    void textReportShowsControlCharactersVisiblyAndHasOneVerdictLine(@TempDir Path dir) throws IOException {
        Path repo = hostileRepo(dir);
        String verdict = verdictOf(repo);
        for (String command : List.of("check", "scan")) {
            Hostile.Run r = command.equals("check")
                    ? Hostile.run("check", repo.toString(), "-d", Hostile.DEPLOYMENT)
                    : Hostile.run("scan", repo.toString());
            assertThat(r.err()).as(command + " stderr").isEmpty();
            String out = r.out();
            assertThat(hidden(out)).as(command + ": raw control or invisible characters").isEmpty();
            assertThat(out).contains("\\x1b[2J", "\\r", "\\u202e", "\\n");
            List<String> lines = out.lines().toList();
            // Only canship's own line may start a line with a verdict; no repository text may start a line at all.
            assertThat(lines).filteredOn(l -> l.matches("(?i)^\\W*(verdict|pass|fail|review)\\b.*")).as(command + " verdict lines")
                    .hasSize(command.equals("check") ? 1 : 0)
                    .allMatch(l -> l.startsWith(verdict + ": "));
            assertThat(lines).noneMatch(l -> l.startsWith("#") || l.startsWith("|") || l.startsWith("<") || l.startsWith("```"));
        }
    }

    @Test
    void markdownReportCannotOpenHeadingsTablesLinksHtmlOrFences(@TempDir Path dir) throws IOException {
        Path repo = hostileRepo(dir);
        String verdict = verdictOf(repo);
        Hostile.Run r = Hostile.run("check", repo.toString(), "-d", Hostile.DEPLOYMENT, "--format", "markdown");
        String md = r.out();
        assertThat(hidden(md, 0x200B)).as("raw control or invisible characters (the report's own zero-width spaces aside)").isEmpty();
        assertThat(md.lines()).as("lines that repository text could have started")
                .noneMatch(l -> l.startsWith("```") || l.startsWith("<script") || l.startsWith("# ") || l.startsWith("| PASS"));
        // Two headings, both canship's: the report's and the repository's (whose name is the hostile folder name, escaped).
        assertThat(md.lines().filter(l -> l.startsWith("#"))).hasSize(2);

        List<Extension> ext = List.of(TablesExtension.create(), AutolinkExtension.create());
        String html = HtmlRenderer.builder().extensions(ext).build().render(Parser.builder().extensions(ext).build().parse(md));
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("h1, h2, h3, h4, h5, h6").eachText()).as("headings")
                .hasSize(2).first().isEqualTo("canship: can we ship this?");
        assertThat(doc.select("a, script, img, pre, iframe")).as("links, scripts, images, code blocks").isEmpty();
        assertThat(doc.select("table")).as("only the summary table and canship's own sections' tables")
                .allMatch(t -> t.select("tr").stream().allMatch(tr -> tr.children().size() == t.selectFirst("tr").children().size()));
        Element summary = doc.selectFirst("table");
        assertThat(summary.select("tbody tr")).hasSize(1);
        assertThat(summary.select("tbody td").get(2).text()).as("verdict cell").doesNotContainIgnoringCase("pass")
                .doesNotContain("\u2705");
        // The emoji shortcode in the card is broken outside code spans (where GitHub shows it literally), so no check
        // mark the card chose is drawn; this review report has none of its own.
        Document outsideCode = doc.clone();
        outsideCode.select("code").remove();
        assertThat(outsideCode.wholeText()).doesNotContain(":white_check_mark:");
        assertThat(doc.select("h3 + p").first().text()).as("the verdict line under the repository heading").startsWith(":warning: ")
                .containsIgnoringCase("needs review");
    }

    @Test
    void htmlReportShowsBidiAndInvisibleCharactersVisibly(@TempDir Path dir) throws IOException {
        Path repo = hostileRepo(dir);
        Hostile.Run r = Hostile.run("check", repo.toString(), "-d", Hostile.DEPLOYMENT, "--format", "html");
        Document doc = Jsoup.parse(r.out());
        assertThat(hidden(doc.body().wholeText(), '\t', '\r')).as("raw control or invisible characters in the page text").isEmpty();
        assertThat(hidden(doc.title())).isEmpty();
        assertThat(doc.select("script, iframe")).isEmpty();
        assertThat(doc.body().text()).contains("\\u202e", "\\x1b");
    }

    @Test
    void fitTextShowsConfigValuesVisibly(@TempDir Path dir) throws IOException {
        Path repo = hostileRepo(dir);
        Hostile.Run r = Hostile.run("fit", repo.toString(), "--accelerator", "h100-sxm");
        assertThat(hidden(r.out())).isEmpty();
        assertThat(r.out().lines()).noneMatch(l -> l.startsWith("PASS") || l.startsWith("Verdict"));
    }
}
