package dev.canship.report;

import dev.canship.cli.TestReports;
import dev.canship.identify.Identification;
import dev.canship.identify.KnowledgeBase;
import dev.canship.identify.LicenseMatch;
import dev.canship.rules.RuleCatalog;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML report as a document: self-contained, escaped, deterministic, complete. The browser tests show it. */
class HtmlReporterTest {

    static final Path SCOUT = Path.of("samples/repos/llama4-scout-instruct");
    static final Path FAIL = Path.of("samples/deployments/weights-release-fail.yaml");
    static final Clock FIXED = Clock.fixed(Instant.parse("2026-03-14T09:30:00Z"), ZoneOffset.UTC);

    static HtmlReporter reporter(Clock clock) {
        return new HtmlReporter(RuleCatalog.bundled(), KnowledgeBase.bundled(), clock);
    }

    @Test
    void theSamePageForTheSameInputAndTheDateOnlyFromTheClock() {
        RepositoryReport r = TestReports.check(SCOUT, FAIL);
        String a = reporter(null).render(List.of(r));
        String b = reporter(null).render(List.of(TestReports.check(SCOUT, FAIL)));
        assertThat(a).isEqualTo(b).doesNotContain("Report date");
        String dated = reporter(FIXED).render(List.of(r));
        assertThat(dated).contains("Report date: 2026-03-14");
        assertThat(Jsoup.parse(dated).select("main > header .meta").text()).isEqualTo("Report date: 2026-03-14");
    }

    @Test
    void fetchesNothingAndRunsNothing() {
        Document doc = Jsoup.parse(reporter(FIXED).render(List.of(TestReports.check(SCOUT, FAIL))));
        assertThat(doc.select("script, link, img, iframe, object, embed, a, form, base")).isEmpty();
        assertThat(doc.getAllElements()).allSatisfy(e -> {
            assertThat(e.attributes().asList()).noneSatisfy(a -> assertThat(a.getKey()).startsWith("on"));
            assertThat(e.attr("src")).isEmpty();
            assertThat(e.attr("href")).isEmpty();
        });
        String css = doc.select("head style").html();
        assertThat(css).contains("@media print").doesNotContain("url(").doesNotContain("@import");
        assertThat(doc.select("meta[http-equiv=Content-Security-Policy]").attr("content")).startsWith("default-src 'none'");
        // The only namespace URI on the page is the SVG one, an identifier that is never fetched.
        assertThat(doc.outerHtml().replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:").doesNotContain("https:");
    }

    @Test
    void theVerdictComesFirstThenTheDeclaredDeploymentTheLicenseAndTheFindings() {
        Document doc = Jsoup.parse(reporter(null).render(List.of(TestReports.check(SCOUT, FAIL))));
        Element article = doc.selectFirst("article.repository");
        assertThat(article.child(0).attr("data-verdict")).isEqualTo("fail");
        assertThat(article.child(0).text()).startsWith("Cannot ship as described");
        assertThat(article.select("> section").eachAttr("class")).containsExactly(
                "card deployment", "card license", "card findings", "card obligations", "card model", "card memory", "card files");
        assertThat(doc.select(".deployment").text()).contains("Acme-Support-8B").contains("weights").contains("250,000");
        assertThat(doc.select(".license").text()).contains("Llama 4 Community License Agreement").contains("LICENSE:1");
        assertThat(doc.select(".finding").eachAttr("data-rule"))
                .containsExactly("ATTRIBUTION", "DERIVATIVE-NAMING", "HARDWARE-FIT", "LICENSE-COPY", "NOTICE-FILE", "USE-POLICY-REVIEW");
        // The rule catalogue explains why each finding matters.
        assertThat(doc.selectFirst(".finding[data-rule=NOTICE-FILE]").text())
                .contains("Why it matters").contains(RuleCatalog.bundled().entry("NOTICE-FILE").orElseThrow().why());
        assertThat(doc.select(".model").text()).contains("109B total").contains("17B active").contains("16 routed, 1 per token")
                .contains("48").contains("bf16").contains("image-text-to-text");
    }

    @Test
    void theMemoryChartStacksWeightsKvAndOverheadAgainstTheAvailableLine() {
        RepositoryReport r = TestReports.check(SCOUT, FAIL);
        MemoryBudget b = MemoryBudget.of(r).orElseThrow();
        assertThat(b.availableBytes()).isEqualTo(24L << 30);
        assertThat(b.totalBytes()).isEqualTo(b.weightsBytes() + b.kvCacheBytes() + b.overheadBytes());
        Document doc = Jsoup.parse(reporter(null).render(List.of(r)));
        Element svg = doc.selectFirst("svg.memory-chart");
        assertThat(svg).isNotNull();
        double weights = Double.parseDouble(svg.selectFirst("rect.seg-weights").attr("width"));
        double kv = Double.parseDouble(svg.selectFirst("rect.seg-kv").attr("width"));
        double line = Double.parseDouble(svg.selectFirst("line.available").attr("x1"));
        assertThat(weights / kv).isCloseTo((double) b.weightsBytes() / b.kvCacheBytes(), org.assertj.core.data.Percentage.withPercentage(2));
        // 24 GiB of 219 GiB: the line stands near the start of the bar.
        assertThat(line).isLessThan(weights / 4);
        assertThat(doc.select(".memory .fit-line").text()).startsWith("Does not fit");
    }

    @Test
    void waiversShowReasonAndExpiryAndExpiredOnesAreFlagged(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                canship_policy: 1
                waivers:
                  - rule: NOTICE-FILE
                    reason: pending-fix
                    comment: Notice file lands with release 2.1
                    expires: 2099-12-31
                  - rule: LICENSE-COPY
                    reason: legal-reviewed
                    expires: 2020-01-01
                """);
        RepositoryReport r = TestReports.check(SCOUT, FAIL, policy);
        Document doc = Jsoup.parse(reporter(null).render(List.of(r)));
        Element waivers = doc.selectFirst("section.waivers");
        assertThat(waivers).isNotNull();
        assertThat(waivers.select("tbody tr")).hasSize(2);
        assertThat(waivers.text()).contains("pending-fix").contains("Notice file lands with release 2.1").contains("2099-12-31")
                .contains("2020-01-01").contains("expired");
        assertThat(waivers.select(".badge.expired")).hasSize(1);
        assertThat(doc.selectFirst(".obligations tr[data-term=notice]").attr("data-status")).isEqualTo("waived");
        assertThat(doc.selectFirst(".obligations tr[data-term=license_copy]").attr("data-status")).isEqualTo("not-met");
        assertThat(doc.selectFirst(".finding[data-rule=LICENSE-COPY]").text()).contains("EXPIRED");
    }

    @Test
    void aHostileCardIsTextInTheDocument(@TempDir Path dir) throws Exception {
        Path repo = HostileRepo.write(dir);
        String html = reporter(null).render(List.of(TestReports.check(repo, HostileRepo.deployment(dir))));
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script, img, iframe, a, svg[onload]")).isEmpty();
        assertThat(doc.getAllElements()).allSatisfy(e ->
                assertThat(e.attributes().asList()).noneSatisfy(a -> assertThat(a.getKey()).startsWith("on")));
        assertThat(doc.body().text()).contains(HostileRepo.MODEL_NAME).contains(HostileRepo.LICENSE_START.substring(0, 40));
        assertThat(html).contains("&lt;script&gt;window.__pwned='license'&lt;/script&gt;");
    }

    @Test
    void alteredPassagesStandSideBySideWithTheReference() {
        RepositoryReport r = TestReports.check(SCOUT, FAIL);
        LicenseMatch original = r.identification().license();
        LicenseMatch altered = new LicenseMatch(original.id(), original.version(), original.document(), original.source(),
                original.file(), original.line(), original.confidence(), true, List.of(
                new LicenseMatch.Alteration("changed", "§2", "in the preceding calendar month, greater than", "7 billion <b>users</b>", "700 million", true),
                new LicenseMatch.Alteration("deleted", null, "You must", "", null, true)));
        Identification id = r.identification();
        RepositoryReport withAlteration = new RepositoryReport(r.path(), r.name(), r.files(),
                new Identification(List.of(altered), altered, id.usePolicy(), id.terms(), id.baseModels(), id.issues()),
                r.model(), r.fit(), r.deployment(), r.findings(), r.diagnostics(), r.card());
        Document doc = Jsoup.parse(reporter(null).render(List.of(withAlteration)));
        Element table = doc.selectFirst("table.alteration");
        assertThat(table.select("th").eachText()).containsExactly("Where", "The repository's file says", "The reference has");
        Element first = table.select("tbody tr").get(0);
        assertThat(first.child(0).text()).isEqualTo("changed §2");
        assertThat(first.selectFirst("td.found strong").text()).isEqualTo("7 billion <b>users</b>");
        assertThat(first.selectFirst("td.found .context").text()).contains("greater than");
        assertThat(first.selectFirst("td.expected strong").text()).isEqualTo("700 million");
        assertThat(first.selectFirst("td.expected").text()).isEqualTo("700 million the publisher's term here, as canship reads it");
        Element second = table.select("tbody tr").get(1);
        assertThat(second.selectFirst("td.found strong").text()).isEqualTo("(deleted)");
        // The texts are never bundled: the cell says so and where the publisher's text is named.
        assertThat(second.selectFirst("td.expected").text()).isEqualTo("The reference passage is not bundled with canship, which keeps only a fingerprint of "
                + "the Llama 4 Community License Agreement text. Read the passage in the publisher's text: canship licenses show llama4 names its source.");
        assertThat(second.selectFirst("td.expected code").text()).isEqualTo("canship licenses show llama4");
        assertThat(doc.select(".evidence tr.row-not-met")).hasSize(1);
    }

    @Test
    void aScanHasNoVerdictButTheEvidenceAndTheFiles() {
        Document doc = Jsoup.parse(reporter(null).render(List.of(TestReports.scan(SCOUT))));
        assertThat(doc.selectFirst("[data-verdict]").attr("data-verdict")).isEqualTo("scan");
        assertThat(doc.select("section.findings, section.obligations, section.deployment")).isEmpty();
        assertThat(doc.select("section.files td").eachText()).contains("LICENSE", "config.json");
    }
}
