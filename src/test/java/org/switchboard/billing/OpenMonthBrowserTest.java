package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.billing.BillingStoryIntegrationTest.berlin;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.billing.internal.SubscriptionTimelines;
import org.switchboard.testing.Api;
import org.switchboard.testing.BrowserTestBase;

/**
 * A customer sees its charges from the first day: the open month on the invoices page before any
 * invoice exists; then the invoice with its PDF and XRechnung.
 */
class OpenMonthBrowserTest extends BrowserTestBase {

    @Autowired
    AccountFixtures accounts;
    @Autowired
    SubscriptionTimelines timelines;
    @Autowired
    InvoiceRun run;

    @Test
    void theOpenMonthIsShownFromTheFirstDayAndTheInvoiceHasItsDocuments() {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Open Month Partner"), "Frühstart GmbH", true);
        logIn(customer.email(), PASSWORD);
        open("/customer/invoices");
        // No phone system yet: the page says what to do next.
        assertThat(waitFor(By.id("open-month-empty")).getText()).contains("Create your first phone system");

        clock.set(berlin(2043, 1, 10, 12, 0));
        String instance = SubscriptionFixtures.subscribe(port, customer, "Zentrale", 10);
        SubscriptionFixtures.awaitTimeline(timelines, instance, 1);
        BigDecimal gross = new BigDecimal(new Api(port).as(customer.email(), PASSWORD)
                .get("/api/v1/instances/" + instance + "/invoice-preview").json().path("totals").path("gross").toString());

        open("/customer/invoices");
        assertThat(waitFor(By.id("open-month-lines")).getText()).contains("Zentrale").contains("February 2043 in advance");
        assertThat(browser.findElement(By.id("no-invoices")).getText()).contains("No invoices yet");
        // January from the 10th pro rata and February in advance (89.00): more than one month, less than two.
        String shown = browser.findElement(By.id("open-month-gross")).getText();
        assertThat(shown).isEqualTo(String.format(java.util.Locale.ENGLISH, "%,.2f €", gross));
        assertThat(gross).isBetween(new BigDecimal("105.91"), new BigDecimal("211.82"));
        screenshot("customer-invoices-open-month");

        clock.set(berlin(2043, 2, 1, 1, 0));
        run.create(java.time.YearMonth.of(2043, 1), "operator");
        run.complete(java.time.YearMonth.of(2043, 1));
        open("/customer/invoices");
        browser.findElement(By.cssSelector("#invoices a")).click();
        String number = waitFor(By.id("invoice-number")).getText();
        assertThat(browser.findElement(By.id("gross")).getText()).isEqualTo(shown);
        Object xml = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[0]; fetch(document.getElementById('xrechnung-link').href)"
                        + ".then(function (r) { return r.text(); }).then(done);");
        assertThat((String) xml).contains("CrossIndustryInvoice").contains(number);
        Object pdf = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[0]; fetch(document.getElementById('pdf-link').href)"
                        + ".then(function (r) { return r.text(); }).then(function (t) { done(t.substring(0, 5)); });");
        assertThat((String) pdf).isEqualTo("%PDF-");
    }
}
