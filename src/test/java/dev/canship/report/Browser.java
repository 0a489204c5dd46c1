package dev.canship.report;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Headless Chromium for the browser tests of the HTML report, driven through the Debian {@code chromium} and
 * {@code chromium-driver} packages at fixed paths. Both paths are given explicitly, so Selenium Manager is never
 * asked to find or download a browser or driver; where either is missing the calling test is skipped with a
 * message saying what to install. Each browser gets a fresh profile folder, removed on close.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("canship.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("canship.chromedriver", "/usr/bin/chromedriver"));

    /**
     * Selenium looks for DevTools bindings of this exact Chromium release and warns when it has none; the tests only
     * send raw DevTools commands through chromedriver, which need no bindings. Held here so the level sticks.
     */
    private static final java.util.logging.Logger CDP_FINDER_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the test unless both the browser and its driver are installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless browser tests skipped: " + CHROMIUM + " and " + CHROMEDRIVER
                        + " are needed (Debian: apt-get install chromium chromium-driver; .ci/run installs them)");
    }

    /** A fresh headless browser with a window wide enough for the report's desktop layout. */
    static Browser open() {
        assumeInstalled();
        try {
            Path profile = Files.createTempDirectory("canship-chromium-");
            CDP_FINDER_LOG.setLevel(java.util.logging.Level.SEVERE);
            // The driver path as a system property as well as in the service: either one makes Selenium skip its manager.
            System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--no-default-browser-check", "--hide-scrollbars", "--window-size=1280,1000",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a local file. */
    void open(Path file) {
        driver.get(file.toAbsolutePath().toUri().toString());
    }

    /** A PNG of the whole page, not only the window (Chrome DevTools, capturing beyond the viewport). */
    byte[] fullPageScreenshot() {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = ((Number) size.get("height")).doubleValue();
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        return Base64.getDecoder().decode((String) shot.get("data"));
    }

    /** The page printed to PDF as Chrome prints it (print stylesheet, A4 from the page's CSS, backgrounds kept). */
    byte[] printToPdf() {
        Map<String, Object> pdf = driver.executeCdpCommand("Page.printToPDF", Map.of(
                "printBackground", true,
                "preferCSSPageSize", true));
        return Base64.getDecoder().decode((String) pdf.get("data"));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // A leftover temporary profile is harmless.
            }
        }
    }
}
