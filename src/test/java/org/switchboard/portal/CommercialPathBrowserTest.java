package org.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.billing.InvoiceRun;
import org.switchboard.testing.BrowserTestBase;
import org.switchboard.testing.Mailbox;

/**
 * The commercial path a buyer walks, on a desktop and on a phone (360 px): the partner's
 * invitation, the trial, subscribing with the price in front of it, an upgrade, the open month's
 * charges, and the first invoice with its PDF. Every page on the way passes the accessibility check,
 * fits the phone's width, and is kept as a screenshot under target/screenshots.
 */
class CommercialPathBrowserTest extends BrowserTestBase {

    @Autowired
    AccountFixtures accounts;

    @Autowired
    InvoiceRun run;

    private final List<String> problems = new ArrayList<>();

    @Test
    void onADesktopABuyerGoesFromTheInvitationToItsFirstInvoice() {
        walk(false, 2044);
    }

    @Test
    void onAPhoneABuyerGoesFromTheInvitationToItsFirstInvoice() {
        walk(true, 2046);
    }

    /** Each width in a year of its own: the run of a month invoices every customer subscribed in it. */
    private void walk(boolean phone, int year) {
        String width = phone ? "phone" : "desktop";
        clock.set(LocalDateTime.of(year, 3, 10, 9, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant());
        PartnerAccount partner = accounts.verifiedPartner("Weg Partner");
        String company = AccountFixtures.uniqueCompany("Weg GmbH");
        String email = AccountFixtures.uniqueEmail("buyer");
        try {
            phoneWidth(phone);

            // The partner invites the buyer.
            logIn(partner.email(), PASSWORD);
            open("/partner/customers");
            type("companyName", company);
            type("email", email);
            browser.findElement(By.cssSelector("#invite-customer button[type=submit]")).click();
            assertThat(waitFor(By.id("invited")).getText()).contains(company);
            step(width, "invited");

            // The buyer accepts, and is told that subscribing will need the billing address.
            String link = Mailbox.awaitLink(MAIL, email, "/invitations/");
            browser.manage().deleteAllCookies();
            browser.get(link);
            assertThat(waitFor(By.id("invited-company")).getText()).isEqualTo(company);
            assertThat(browser.findElement(By.tagName("main")).getText()).containsIgnoringCase("billing address");
            step(width, "invitation");
            type("adminName", "Wanda Weg");
            new Select(browser.findElement(By.id("country"))).selectByValue("DE");
            type("password", PASSWORD);
            browser.findElement(By.cssSelector("#accept-invitation button[type=submit]")).click();
            waitFor(By.id("invitation-accepted"));
            logIn(email, PASSWORD);
            assertThat(waitFor(By.id("first-system")).getText()).contains("Try it free for 30 days");
            step(width, "dashboard-empty");

            // A trial of its own, without bank details.
            open("/instances");
            type("name", "Zentrale");
            type("subdomain", "weg-" + System.nanoTime() % 100000);
            browser.findElement(By.id("start-trial")).click();
            browser.findElement(By.id("create-instance")).click();
            waitForText(By.id("status"), "in trial");
            String instance = browser.getCurrentUrl().replaceFirst("^https?://[^/]+", "");

            // Subscribing shows the price before it commits: 10 x 8.90 = 89.00 a month, 19% VAT, a year.
            type("concurrentUsers", "10");
            waitForText(By.id("price-monthly"), "89.00 €");
            assertThat(browser.findElement(By.id("price-unit")).getText()).isEqualTo("8.90 €");
            assertThat(browser.findElement(By.id("price-annual")).getText()).isEqualTo("1,068.00 €");
            assertThat(browser.findElement(By.id("price-vat")).getText()).contains("19%");
            assertThat(browser.findElement(By.id("price-term")).getText()).startsWith("one year,");
            step(width, "subscribe-price");
            type("street", "Torstraße 1");
            type("postcode", "10119");
            type("city", "Berlin");
            type("iban", "DE89 3704 0044 0532 0130 00");
            type("accountHolder", company);
            browser.findElement(By.id("mandateAccepted")).click();
            browser.findElement(By.id("subscribe-button")).click();
            waitForText(By.id("status"), "subscribed");
            assertThat(browser.findElement(By.id("monthly-net")).getText()).isEqualTo("89.00 €");

            // An hour later, an upgrade by two, priced before it is confirmed: 12 x 8.01 = 96.12 (the tier of 11 to 25).
            clock.advance(Duration.ofHours(1));
            open(instance);
            browser.findElement(By.id("plus")).click();
            browser.findElement(By.id("plus")).click();
            waitForText(By.id("preview-text"), "12 concurrent users");
            assertThat(browser.findElement(By.id("preview-monthly")).getText()).isEqualTo("96.12 €");
            step(width, "upgrade-price");
            browser.findElement(By.id("confirm-change")).click();
            waitForText(By.id("notice"), "Upgraded");
            assertThat(browser.findElement(By.id("monthly-net")).getText()).isEqualTo("96.12 €");

            // The open month's charges so far, on the invoices page and the dashboard.
            open("/customer/invoices");
            assertThat(waitFor(By.id("open-month-lines")).getText()).contains("April " + year);
            String openGross = browser.findElement(By.id("open-month-gross")).getText();
            assertThat(openGross).matches("[\\d,]+\\.\\d\\d €");
            step(width, "open-month");
            open("/dashboard");
            assertThat(waitFor(By.id("next-invoice-gross")).getText()).isEqualTo(openGross);
            step(width, "dashboard");

            // March is invoiced on the 1st of April: the invoice, its PDF.
            clock.set(LocalDateTime.of(year, 4, 1, 1, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant());
            run.create(YearMonth.of(year, 3), "operator");
            run.complete(YearMonth.of(year, 3));
            open("/customer/invoices");
            browser.findElement(By.cssSelector("#invoices a")).click();
            waitFor(By.id("invoice-number"));
            assertThat(browser.findElement(By.id("lines")).getText()).contains("April " + year + " in advance");
            assertThat(browser.findElement(By.id("gross")).getText()).isEqualTo(openGross);
            step(width, "invoice");
            String pdf = (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                    var done = arguments[arguments.length - 1];
                    var link = document.getElementById('pdf-link');
                    fetch(link.href).then(function (r) { return r.text().then(function (t) {
                      done(r.headers.get('Content-Type') + ' ' + t.substring(0, 5)); }); });
                    """);
            assertThat(pdf).startsWith("application/pdf").endsWith("%PDF-");
            assertThat(instance).startsWith("/instances/");
        } finally {
            phoneWidth(false);
        }
        assertThat(problems).as("accessibility problems and sideways scrolling on the way").isEmpty();
    }

    /** Keeps a picture of the page and checks it: no serious accessibility problem, no sideways scrolling. */
    private void step(String width, String name) {
        screenshot("commercial-" + name + "-" + width);
        String path = browser.getCurrentUrl().replaceFirst("^https?://[^/]+", "");
        seriousAccessibilityProblems().forEach(p -> problems.add(width + " " + path + ": " + p));
        if (scrollsSideways()) {
            problems.add(width + " " + path + ": scrolls sideways: " + pastTheRightEdge());
        }
    }
}
