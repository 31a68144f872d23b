package org.switchboard.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicensingFixtures.Connector;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.BrowserTestBase;

/**
 * The licence charts as a customer reads them, at a desktop and a phone width: drawn by the
 * charting library with their series (in use, peaks, refusals, the licensed line), a legend that
 * names them and hides one on a click, tooltips with the figures and times in the business time
 * zone, the table and sentence that stand for each chart, the three ranges, no serious
 * accessibility problem and no sideways scrolling.
 */
class LicenceChartsBrowserTest extends BrowserTestBase {

    static final int[] IN_USE = { 0x1f, 0x6f, 0xeb };
    static final int[] PEAK = { 0x4f, 0x7f, 0xc9 };
    static final int[] REFUSALS = { 0xc6, 0x28, 0x28 };
    static final int[] LICENSED = { 0x7a, 0x3f, 0xb0 };
    static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    @Autowired
    LicensingFixtures fixtures;

    @Test
    void theChartsShowInUseRefusalsAndTheLicensedLineAtEveryRangeOnADesktopAndAPhone() {
        Setup setup = fixtures.subscribed(2, 4, 1);
        Connector pbx = new Connector(port, setup);
        Instant taken = clock.instant();
        pbx.send("MOBILE_PAIRED", "100", "m-100");
        pbx.send("MOBILE_PAIRED", "101", "m-101");
        pbx.send("OUTBOUND_CALL_STARTED", "900", "c-1", "+4930123"); // both licences taken: refused
        clock.advance(Duration.ofMinutes(90)); // both held since, an hour and a half
        String page = "/licensing/instances/" + setup.instance().value();
        logIn(setup.customer().email(), PASSWORD);
        open(page);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            d.navigate().refresh();
            return d.findElement(By.id("chart-hours-summary")).getText().contains("1 refusal");
        });
        ZoneId zone = clock.getZone();
        java.time.ZonedDateTime start = taken.atZone(zone).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        String hour = DAY_TIME.format(start) + " to " + DateTimeFormatter.ofPattern("HH:mm").format(start.plusHours(1));

        for (boolean phone : new boolean[] { false, true }) {
            phoneWidth(phone);
            String width = phone ? "360" : "1280";
            try {
                open(page);
                Instant now = clock.instant();
                WebElement occupancy = drawn("chart-24h");
                WebElement hours = drawn("chart-hours");
                assertThat(legend(occupancy)).containsExactly("In use", "Licensed");
                assertThat(legend(hours)).containsExactly("Peak in use", "Refusals", "Licensed");
                assertThat(pixels(occupancy, IN_USE)).as("the in-use line is drawn").isPositive();
                assertThat(pixels(occupancy, LICENSED)).as("the licensed line is drawn").isPositive();
                assertThat(pixels(hours, PEAK)).as("the peak bars are drawn").isPositive();
                assertThat(pixels(hours, REFUSALS)).as("the refusal is a bar of its own").isPositive();

                // Half a day ago nothing was in use: there the line lies on the axis, twice as far under the licensed
                // line (2) as that is under the top of the scale (3).
                Map<String, Number> middle = firstRows(occupancy, 0.5);
                double top = middle.get("grid").doubleValue();
                double licensedAt = middle.get("licensed").doubleValue();
                assertThat(middle.get("inUse").doubleValue() - licensedAt).as("the in-use line at 0, pixel rows " + middle)
                        .isCloseTo(2 * (licensedAt - top), org.assertj.core.data.Offset.offset(4.0));
                assertThat(hoverAt(occupancy, 0.5)).endsWith("In use: 0");

                // The tooltip at the refusal's bar: that hour's figures, the hour written in the business time zone.
                String tip = hover(hours, REFUSALS);
                assertThat(tip).contains(hour, "Peak in use: 2", "Refusals: 1", "Licensed: 2");
                // Near the right end of the occupancy line: a few minutes ago, in the business time zone, and what was in use.
                String last = hoverAt(occupancy, 0.99);
                assertThat(last).endsWith("In use: 2");
                Instant pointed = java.time.LocalDateTime.parse(last.replace(" In use: 2", ""), DAY_TIME).atZone(zone).toInstant();
                assertThat(pointed).as("the time pointed at, read in " + zone + ": " + last)
                        .isBetween(now.minus(Duration.ofMinutes(40)), now);

                // For those who do not see the chart: a sentence each, and the table with every hour.
                assertThat(browser.findElement(By.id("chart-24h-summary")).getText())
                        .contains("at most 2 in use", "of 2 licensed", "2 in use now");
                assertThat(browser.findElement(By.id("chart-hours-summary")).getText()).contains("1 refusal");
                List<String> rows = browser.findElements(By.cssSelector("#chart-hours-table tbody tr")).stream()
                        .map(r -> r.getAttribute("textContent").replaceAll("\\s+", " ").trim()).toList();
                assertThat(rows).hasSize(24).contains(hour + " 2 1 2");
                assertThat(browser.findElement(By.cssSelector("#chart-hours canvas")).getAttribute("aria-describedby"))
                        .isEqualTo("chart-hours-summary");

                // The legend hides a series and shows it again.
                WebElement refusals = browser.findElement(By.xpath("//*[@id='chart-hours']//button[normalize-space()='Refusals']"));
                refusals.click();
                assertThat(refusals.getAttribute("aria-pressed")).isEqualTo("false");
                assertThat(pixels(hours, REFUSALS)).as("refusals hidden").isZero();
                browser.findElement(By.xpath("//*[@id='chart-hours']//button[normalize-space()='Refusals']")).click();
                assertThat(pixels(hours, REFUSALS)).as("refusals shown again").isPositive();

                check("licence-charts-24h-" + width, phone);

                for (String range : List.of("7d", "30d")) {
                    browser.findElement(By.id("range-" + range)).click();
                    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("range=" + range));
                    WebElement days = drawn("chart-days");
                    assertThat(browser.findElements(By.id("chart-24h"))).isEmpty();
                    assertThat(browser.findElement(By.id("range-" + range)).getAttribute("aria-current")).isEqualTo("page");
                    assertThat(legend(days)).containsExactly("Peak in use", "Refusals", "Licensed");
                    assertThat(pixels(days, REFUSALS)).as("today's refusal over " + range).isPositive();
                    assertThat(pixels(days, LICENSED)).isPositive();
                    assertThat(browser.findElements(By.cssSelector("#chart-days-table tbody tr")))
                            .hasSize(range.equals("7d") ? 7 : 30);
                    assertThat(hover(days, REFUSALS)).contains(DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH)
                            .format(taken.atZone(zone)), "Refusals: 1");
                    check("licence-charts-" + range + "-" + width, phone);
                }
            } finally {
                phoneWidth(false);
            }
        }
    }

    /** The chart's figure once the library has drawn it. */
    private WebElement drawn(String id) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("figure#" + id + ".drawn")).stream().findFirst().orElse(null));
    }

    private List<String> legend(WebElement figure) {
        return figure.findElements(By.cssSelector(".chart-legend button")).stream().map(WebElement::getText).toList();
    }

    /** How many pixels of the canvas have the colour (what the library drew of a series). */
    private long pixels(WebElement figure, int[] rgb) {
        return ((Number) js().executeScript("""
                var c = arguments[0], d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;
                for (var i = 0; i < d.length; i += 4) {
                  if (Math.abs(d[i] - arguments[1]) < 6 && Math.abs(d[i + 1] - arguments[2]) < 6
                      && Math.abs(d[i + 2] - arguments[3]) < 6 && d[i + 3] > 250) n++;
                }
                return n;
                """, canvas(figure), rgb[0], rgb[1], rgb[2])).longValue();
    }

    /**
     * In the canvas's column at a share of its width, the first pixel row (CSS pixels) of the top
     * grid line, of the licensed line and of the in-use line.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Number> firstRows(WebElement figure, double share) {
        return (Map<String, Number>) js().executeScript("""
                var c = arguments[0], x = Math.round(c.width * arguments[1]), scale = c.width / c.clientWidth;
                var d = c.getContext('2d').getImageData(x, 0, 1, c.height).data, found = {};
                var colours = { grid: [0xe3, 0xe7, 0xec], licensed: arguments[2], inUse: arguments[3] };
                for (var y = 0; y < c.height; y++) {
                  for (var name in colours) {
                    var k = colours[name];
                    if (found[name] === undefined && Math.abs(d[y * 4] - k[0]) < 12 && Math.abs(d[y * 4 + 1] - k[1]) < 12
                        && Math.abs(d[y * 4 + 2] - k[2]) < 12) found[name] = y / scale;
                  }
                }
                return found;
                """, canvas(figure), share, List.of(LICENSED[0], LICENSED[1], LICENSED[2]),
                List.of(IN_USE[0], IN_USE[1], IN_USE[2]));
    }

    /** Points at the last part of the canvas in the colour, and answers the tooltip's text. */
    @SuppressWarnings("unchecked")
    private String hover(WebElement figure, int[] rgb) {
        Map<String, Number> at = (Map<String, Number>) js().executeScript("""
                var c = arguments[0], w = c.width, d = c.getContext('2d').getImageData(0, 0, w, c.height).data;
                for (var i = d.length - 4; i >= 0; i -= 4) {
                  if (Math.abs(d[i] - arguments[1]) < 6 && Math.abs(d[i + 1] - arguments[2]) < 6
                      && Math.abs(d[i + 2] - arguments[3]) < 6) {
                    var p = i / 4, scale = c.width / c.clientWidth;
                    return { x: (p % w) / scale - 1, y: Math.floor(p / w) / scale - 2 };
                  }
                }
                return null;
                """, canvas(figure), rgb[0], rgb[1], rgb[2]);
        assertThat(at).as("the colour is on the canvas").isNotNull();
        return pointAt(figure, at.get("x").doubleValue(), at.get("y").doubleValue());
    }

    /** Points at the chart area at a share of the canvas's width, halfway down. */
    private String hoverAt(WebElement figure, double share) {
        WebElement c = canvas(figure);
        return pointAt(figure, c.getSize().getWidth() * share, c.getSize().getHeight() / 2.0);
    }

    private String pointAt(WebElement figure, double x, double y) {
        WebElement c = canvas(figure);
        new Actions(browser).moveToElement(c, (int) Math.round(x - c.getSize().getWidth() / 2.0),
                (int) Math.round(y - c.getSize().getHeight() / 2.0)).perform();
        WebElement tip = new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(d -> figure.findElements(By.cssSelector(".chart-tooltip")).stream().filter(WebElement::isDisplayed)
                        .findFirst().orElse(null));
        return tip.getText().replace('\n', ' ');
    }

    private WebElement canvas(WebElement figure) {
        return figure.findElement(By.tagName("canvas"));
    }

    /** A screenshot, no serious accessibility problem, and on a phone no sideways scrolling. */
    private void check(String name, boolean phone) {
        WebElement charts = browser.findElement(By.id("charts"));
        new Actions(browser).moveToElement(charts).perform(); // off the charts: no tooltip in the picture
        js().executeScript("arguments[0].scrollIntoView(true)", charts);
        screenshot(name);
        assertThat(seriousAccessibilityProblems()).as("accessibility of " + name).isEmpty();
        if (phone) {
            assertThat(scrollsSideways()).as(name + " scrolls sideways: " + pastTheRightEdge()).isFalse();
        }
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }
}
