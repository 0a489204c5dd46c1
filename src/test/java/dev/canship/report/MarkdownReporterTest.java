package dev.canship.report;

import dev.canship.cli.TestReports;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pull-request comment, rendered as a GitHub-like Markdown renderer would (tables, autolinks) and read back
 * as HTML: a summary table, collapsible details, one row per obligation, nothing a card could turn into a link,
 * an image, a script or a mention.
 */
class MarkdownReporterTest {

    static final Path SCOUT = Path.of("samples/repos/llama4-scout-instruct");
    static final Path QWEN = Path.of("samples/repos/qwen3-30b-a3b");
    static final Path FAIL = Path.of("samples/deployments/weights-release-fail.yaml");

    static Document rendered(String markdown) {
        List<Extension> ext = List.of(TablesExtension.create(), AutolinkExtension.create());
        String html = HtmlRenderer.builder().extensions(ext).build().render(Parser.builder().extensions(ext).build().parse(markdown));
        return Jsoup.parse(html);
    }

    @Test
    void aSummaryTableThenCollapsibleDetailsWithALinePerObligation() {
        String md = new MarkdownReporter().render(List.of(TestReports.check(SCOUT, FAIL), TestReports.check(QWEN, FAIL)));
        Document doc = rendered(md);
        assertThat(doc.select("table").first().select("tbody tr")).hasSize(2);
        assertThat(doc.select("table").first().select("tbody tr").first().text())
                .contains("llama4-scout-instruct").contains("llama4").contains("cannot ship as described");
        assertThat(md).contains("<details open><summary><b>5 errors</b></summary>")
                .contains("<summary><b>Obligations: 4 not met, 1 needs review, 3 met, 1 not applicable</b></summary>");
        // The obligations table of the Scout check: one row per term checked.
        assertThat(md).contains("| §1.b.iii | Ship a \"Notice\" file with every copy handed out | :x: not met | finding: NOTICE-FILE |");
        assertThat(md).contains("**Why:** ").contains("**Fix:** ").contains(":x: does not fit: 219.0 GiB needed");
        // Code spans are literal: no backslash escapes leak into them.
        assertThat(md).contains("`USE_POLICY.md:1`").doesNotContain("USE\\_POLICY");
    }

    @Test
    void waiversAreListedWithReasonAndExpiryAndExpiredOnesFlagged(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                canship_policy: 1
                waivers:
                  - rule: NOTICE-FILE
                    reason: pending-fix
                    comment: "Notice ships with 2.1, see @legal-team and #42 at https://example.com/x or www.example.com"
                    expires: 2099-12-31
                  - rule: LICENSE-COPY
                    reason: legal-reviewed
                    expires: 2020-01-01
                """);
        String md = new MarkdownReporter().render(List.of(TestReports.check(SCOUT, FAIL, policy)));
        assertThat(md).contains("<summary><b>2 waivers (1 expired)</b></summary>").contains(":x: **expired**, no longer waives")
                .contains("| `NOTICE-FILE` | pending-fix |");
        // A zero-width space keeps the mention, the issue reference and the addresses from being linked.
        assertThat(md).contains("@\u200Blegal-team").contains("\\#\u200B42").contains("https:\u200B//example.com")
                .contains("www\u200B.example.com").doesNotContain("@legal-team");
        Document doc = rendered(md);
        assertThat(doc.select("a")).isEmpty();
    }

    @Test
    void aHostileCardIsTextAndLinksFree(@TempDir Path dir) throws Exception {
        Path repo = HostileRepo.write(dir);
        String md = new MarkdownReporter().render(List.of(TestReports.check(repo, HostileRepo.deployment(dir))));
        Document doc = rendered(md);
        assertThat(doc.select("script, img, iframe, a, svg")).isEmpty();
        assertThat(doc.getAllElements()).allSatisfy(e ->
                assertThat(e.attributes().asList()).noneSatisfy(a -> assertThat(a.getKey()).startsWith("on")));
        assertThat(doc.text()).contains("<script>window.__pwned='license'</script>");
    }
}
