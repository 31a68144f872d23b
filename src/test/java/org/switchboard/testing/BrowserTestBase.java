package org.switchboard.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Pages in a real Chromium, driven by Selenium. Without the Debian packages chromium and
 * chromium-driver the browser tests are skipped, and say so on the console.
 */
public abstract class BrowserTestBase extends IntegrationTestBase {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    protected static WebDriver browser;

    @BeforeAll
    static void startBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            System.err.println("[browser tests] SKIPPED: Chromium not found at " + CHROMIUM + " / " + CHROMEDRIVER
                    + ". Install it with: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(present,
                "Browser tests need Chromium: apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    protected void open(String path) {
        browser.get(url(path));
    }

    protected WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    protected void waitForText(By by, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    protected void type(String name, String value) {
        WebElement field = waitFor(By.name(name));
        field.clear();
        field.sendKeys(value);
    }

    /**
     * Keeps a picture of the page as it is now in {@code target/screenshots/<name>.png}, a build
     * artefact of the browser tests (not committed).
     */
    protected void screenshot(String name) {
        try {
            Path folder = Path.of("target", "screenshots");
            Files.createDirectories(folder);
            byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Files.write(folder.resolve(name + ".png"), png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The window as wide as a phone (360 px) or as a desktop (1280 px). */
    protected void phoneWidth(boolean phone) {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(phone ? 360 : 1280, phone ? 780 : 1000));
    }

    /** True when the page is wider than the window: it would scroll sideways. */
    protected boolean scrollsSideways() {
        Object wider = ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
        return Boolean.TRUE.equals(wider);
    }

    /** The innermost elements that reach past the window's right edge, to say what makes a page scroll sideways. */
    @SuppressWarnings("unchecked")
    protected java.util.List<String> pastTheRightEdge() {
        return (java.util.List<String>) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                var edge = document.documentElement.clientWidth + 1, found = [];
                document.querySelectorAll('body *').forEach(function (e) {
                  var r = e.getBoundingClientRect();
                  if (r.right > edge && r.width > 0 && ![].some.call(e.children, function (c) {
                        return c.getBoundingClientRect().right > edge; })) {
                    var inScroller = false;
                    for (var p = e.parentElement; p; p = p.parentElement) {
                      var o = getComputedStyle(p).overflowX;
                      if (o === 'auto' || o === 'scroll' || o === 'hidden') { inScroller = true; break; }
                    }
                    if (!inScroller) {
                      found.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined
                          ? '.' + String(e.className).trim().replace(/\s+/g, '.') : '') + ' to ' + Math.round(r.right) + ' px');
                    }
                  }
                });
                return found.slice(0, 5);
                """);
    }

    /** axe-core, installed by the front-end build (npm) as a development package, never served by the application. */
    static final Path AXE = Path.of("src", "main", "frontend", "node_modules", "axe-core", "axe.min.js");

    /**
     * The accessibility problems of the page as it is now, as axe-core finds them (WCAG 2 A and AA
     * rules), serious and critical only: one line each, with the elements at fault. Empty when none.
     */
    protected java.util.List<String> seriousAccessibilityProblems() {
        try {
            org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
            // WebDriver's scripts are not the page's: the Content-Security-Policy does not stop them.
            js.executeScript(Files.readString(AXE));
            browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            Object found = js.executeAsyncScript("""
                    var done = arguments[arguments.length - 1];
                    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                                        resultTypes: ['violations'] })
                      .then(function (r) {
                        done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                          .map(function (v) { return v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(function (n) {
                            return n.target.join(' '); }).join(', '); }));
                      }, function (e) { done(['axe failed: ' + e]); });
                    """);
            @SuppressWarnings("unchecked")
            java.util.List<String> problems = (java.util.List<String>) found;
            return problems;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("axe-core is missing: run the build (npm ci in src/main/frontend)", e);
        }
    }

    /**
     * The page as it stands (what was typed and the messages shown stay) narrowed to 360 px: a
     * screenshot {@code <name>-phone}, then the serious accessibility problems and, if it scrolls
     * sideways, what reaches past the edge; back at the desktop width after. Empty when all is well.
     */
    protected java.util.List<String> problemsOnAPhone(String name) {
        phoneWidth(true);
        try {
            waitFor(By.tagName("main"));
            screenshot(name + "-phone");
            java.util.List<String> found = new java.util.ArrayList<>(seriousAccessibilityProblems());
            if (scrollsSideways()) {
                found.add("scrolls sideways at 360 px: " + pastTheRightEdge());
            }
            return found;
        } finally {
            phoneWidth(false);
        }
    }

    protected void logIn(String email, String password) {
        browser.manage().deleteAllCookies();
        open("/login");
        type("email", email);
        type("password", password);
        browser.findElement(By.cssSelector("form#login button[type=submit]")).click();
        waitFor(By.id("logout"));
    }
}
