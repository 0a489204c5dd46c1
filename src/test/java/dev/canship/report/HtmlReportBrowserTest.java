package dev.canship.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canship.cli.Main;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTML report in a real browser (headless Chromium through Selenium): what a reviewer sees is there and
 * visible, the page prints to PDF, and a hostile repository runs nothing. Screenshots, PDFs and the HTML land
 * in {@code target/report-screenshots/} for a person to look at. Skipped, with a message, where chromium or
 * chromedriver is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlReportBrowserTest {

    static final Path OUT = Path.of("target/report-screenshots");
    static final String SCOUT = "samples/repos/llama4-scout-instruct";

    private Browser browser;

    /** Per test, so that each test is reported as skipped, with the message, where the browser is missing. */
    @BeforeEach
    void start() throws IOException {
        Browser.assumeInstalled();
        Files.createDirectories(OUT);
        if (browser == null) {
            // One browser for the class: starting Chromium is the slow part, and the tests only open local files.
            browser = Browser.open();
        }
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aFailingCheckShowsTheVerdictAndEveryFindingAndPrints() throws Exception {
        String deployment = "samples/deployments/weights-release-fail.yaml";
        Path html = report("llama4-scout-instruct-weights-release-fail", "check", SCOUT, "-d", deployment);
        browser.open(html);

        WebElement verdict = browser.driver.findElement(By.cssSelector("[data-verdict]"));
        assertThat(verdict.isDisplayed()).isTrue();
        assertThat(verdict.getAttribute("data-verdict")).isEqualTo("fail");
        assertThat(verdict.getText()).contains("Cannot ship as described").contains("5 errors").contains("1 warning");
        // The verdict comes first: nothing of the report is above it.
        assertThat(verdict.getRect().getY()).isLessThan(120);

        JsonNode json = new ObjectMapper().readTree(cli("check", SCOUT, "-d", deployment, "--format", "json"));
        List<WebElement> shown = browser.driver.findElements(By.cssSelector(".finding"));
        assertThat(shown).hasSize(json.path("findings").size());
        for (JsonNode f : json.path("findings")) {
            WebElement el = browser.driver.findElement(By.cssSelector(".finding[data-rule='" + f.path("rule").asText() + "']"));
            assertThat(el.isDisplayed()).as(f.path("rule").asText()).isTrue();
            assertThat(el.getText()).contains(f.path("message").asText()).contains(f.path("remediation").asText());
        }
        assertThat(browser.driver.findElement(By.cssSelector(".finding[data-rule='NOTICE-FILE']")).getText())
                .contains("Why it matters").contains("Remedy").contains("§1.b.iii");

        WebElement notice = browser.driver.findElement(By.cssSelector(".obligations tr[data-term='notice']"));
        assertThat(notice.isDisplayed()).isTrue();
        assertThat(notice.getAttribute("data-status")).isEqualTo("not-met");
        assertThat(browser.driver.findElement(By.cssSelector(".obligations tr[data-term='mau']")).getAttribute("data-status")).isEqualTo("met");

        WebElement chart = browser.driver.findElement(By.cssSelector("svg.memory-chart"));
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(chart.getSize().getWidth()).isGreaterThan(400);
        assertThat(browser.driver.findElements(By.cssSelector("svg.memory-chart line.available"))).hasSize(1);
        assertNoHorizontalOverflow();

        Files.write(OUT.resolve("llama4-scout-instruct-weights-release-fail.png"), browser.fullPageScreenshot());
        byte[] pdf = browser.printToPdf();
        Path pdfFile = Files.write(OUT.resolve("llama4-scout-instruct-weights-release-fail.pdf"), pdf);
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdfFile.toFile())) {
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aPassingCheckHasAGreenVerdictAndObligationsMarkedNotApplicable() throws Exception {
        Path html = report("llama4-scout-instruct-us-assistant-pass", "check", SCOUT, "-d", "samples/deployments/us-assistant-pass.yaml");
        browser.open(html);
        WebElement verdict = browser.driver.findElement(By.cssSelector("[data-verdict]"));
        assertThat(verdict.isDisplayed()).isTrue();
        assertThat(verdict.getAttribute("data-verdict")).isIn("pass", "review");
        assertThat(verdict.getCssValue("background-color")).isNotEqualTo(failBackground());
        // Hosted, not handed out: the Notice file and the license copy do not apply.
        assertThat(browser.driver.findElement(By.cssSelector(".obligations tr[data-term='notice']")).getAttribute("data-status"))
                .isEqualTo("not-applicable");
        assertNoHorizontalOverflow();
        Files.write(OUT.resolve("llama4-scout-instruct-us-assistant-pass.png"), browser.fullPageScreenshot());
    }

    @Test
    void aHostileRepositoryRunsNothing(@TempDir Path dir) throws Exception {
        Path repo = HostileRepo.write(dir);
        Path html = report("hostile-card", "check", repo.toString(), "-d", HostileRepo.deployment(dir).toString());
        browser.open(html);

        assertThat((Boolean) browser.driver.executeScript("return window.__pwned === undefined")).isTrue();
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.driver.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.driver.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.driver.findElements(By.tagName("iframe"))).isEmpty();
        assertThat(browser.driver.findElements(By.tagName("a"))).isEmpty();
        Long handlers = (Long) browser.driver.executeScript(
                "return Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length");
        assertThat(handlers).isZero();

        // The payloads are shown as what they are: text.
        String text = browser.driver.findElement(By.tagName("body")).getText();
        assertThat(text).contains(HostileRepo.MODEL_NAME).contains("<script>window.__pwned='license'</script>");
        assertThat(browser.driver.findElement(By.cssSelector("[data-verdict]")).isDisplayed()).isTrue();
        Files.write(OUT.resolve("hostile-card.png"), browser.fullPageScreenshot());
    }

    /** No element is wider than the window: long names and paths wrap instead of pushing the page sideways. */
    private void assertNoHorizontalOverflow() {
        Boolean fits = (Boolean) browser.driver.executeScript(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth");
        assertThat(fits).isTrue();
    }

    private String failBackground() {
        return "rgba(253, 233, 231, 1)";
    }

    /** Writes the HTML report of a CLI run to target/report-screenshots and returns its path. */
    static Path report(String name, String... args) throws IOException {
        Files.createDirectories(OUT);
        Path file = OUT.resolve(name + ".html");
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--format";
        all[args.length + 1] = "html";
        all[args.length + 2] = "--output";
        all[args.length + 3] = file.toString();
        cli(all);
        assertThat(file).exists();
        return file;
    }

    static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as("exit code of canship %s; stderr: %s", String.join(" ", args), err).isIn(0, 1);
        return out.toString();
    }
}
