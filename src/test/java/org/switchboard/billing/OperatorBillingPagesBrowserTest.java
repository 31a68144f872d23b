package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.billing.BillingStoryIntegrationTest.berlin;
import static org.switchboard.billing.BillingStoryIntegrationTest.call;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.billing.internal.SubscriptionTimelines;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.BrowserTestBase;

/** The operator's billing pages for what was API-only: tariff zones with unrated calls, invoices with filters, settings. */
class OperatorBillingPagesBrowserTest extends BrowserTestBase {

    @Autowired
    AccountFixtures accounts;
    @Autowired
    SubscriptionTimelines timelines;
    @Autowired
    InvoiceRun run;
    @Autowired
    CallRecording recording;

    @Test
    void anOperatorAddsAZoneForUnratedCallsRatesThemAgainAndChangesIt() {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Zone Partner"), "Satelliten GmbH", true);
        clock.set(berlin(2045, 3, 1, 9, 0));
        String instance = SubscriptionFixtures.subscribe(port, customer, "Zentrale", 5);
        Instant t = berlin(2045, 3, 1, 8, 0);
        String callId = "sat-" + System.nanoTime();
        Response batch = new Api(port).as(customer.email(), PASSWORD).post("/api/v1/instances/" + instance + "/cdrs",
                List.of(call(callId, "+88299123456", t, 60, "OUTBOUND", "platform")));
        assertThat(batch.json().path("unrated").asInt()).isEqualTo(1);

        logIn(OPERATOR_EMAIL, PASSWORD);
        open("/operator/billing/zones");
        assertThat(waitFor(By.id("unrated-calls")).getText()).contains("+88299123456");
        String zone = "Satellite " + System.nanoTime() % 100000;
        // A comma for the decimal point is refused beside the field; what was typed stays.
        type("name", zone);
        type("prefixes", "88299");
        type("pricePerMinute", "1,90");
        browser.findElement(By.id("save-zone")).click();
        assertThat(waitFor(By.id("error-pricePerMinute")).getText()).contains("decimal point");
        assertThat(browser.findElement(By.name("name")).getAttribute("value")).isEqualTo(zone);
        assertThat(browser.findElement(By.name("prefixes")).getAttribute("value")).isEqualTo("88299");

        type("pricePerMinute", "1.90");
        browser.findElement(By.id("save-zone")).click();
        waitForText(By.id("zone-message"), "was added");
        assertThat(browser.findElement(By.id("zones")).getText()).contains(zone).contains("1.9000 €");

        browser.findElement(By.id("rerate")).click();
        waitForText(By.id("zone-message"), "rated");
        assertThat(recording.unrated(10_000)).noneMatch(c -> c.callId().equals(callId));

        browser.findElement(By.cssSelector("a[aria-label='Change " + zone + "']")).click();
        assertThat(waitFor(By.name("pricePerMinute")).getAttribute("value")).isEqualTo("1.9000");
        type("pricePerMinute", "2.10");
        browser.findElement(By.id("save-zone")).click();
        waitForText(By.id("zone-message"), "was saved");
        assertThat(browser.findElement(By.id("zones")).getText()).contains("2.1000 €");
        screenshot("operator-zones");
    }

    @Test
    void anOperatorFiltersInvoicesAndChangesTheBillingSettings() {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Filter Partner"), "Filterbar GmbH", true);
        clock.set(berlin(2047, 1, 1, 0, 0));
        String instance = SubscriptionFixtures.subscribe(port, customer, "Zentrale", 10);
        SubscriptionFixtures.awaitTimeline(timelines, instance, 1);
        clock.set(berlin(2047, 2, 1, 1, 0));
        run.create(java.time.YearMonth.of(2047, 1), "operator");
        run.complete(java.time.YearMonth.of(2047, 1));

        logIn(OPERATOR_EMAIL, PASSWORD);
        open("/operator/billing/invoices");
        type("month", "2047/01");
        browser.findElement(By.id("filter")).click();
        assertThat(waitFor(By.id("error-month")).getText()).contains("2026-11");
        assertThat(browser.findElement(By.name("month")).getAttribute("value")).isEqualTo("2047/01");

        type("month", "2047-01");
        new Select(browser.findElement(By.id("customer"))).selectByVisibleText("Filterbar GmbH");
        new Select(browser.findElement(By.id("status"))).selectByValue("SUBMITTED");
        browser.findElement(By.id("filter")).click();
        // 10 x 8.90 for January and for February in advance, + 19%: 211.82
        assertThat(waitFor(By.id("invoice-list")).getText()).contains("Filterbar GmbH").contains("211.82 €")
                .contains("direct debit submitted");
        assertThat(browser.findElement(By.id("invoice-count")).getText()).startsWith("Matching: 1,");
        type("min", "300");
        browser.findElement(By.id("filter")).click();
        assertThat(waitFor(By.id("no-invoices")).getText()).contains("No invoice matches");
        type("min", "");
        type("q", "filterbar");
        browser.findElement(By.id("filter")).click();
        assertThat(waitFor(By.id("invoice-list")).getText()).contains("Filterbar GmbH");
        screenshot("operator-invoices");

        open("/operator/billing/settings");
        String days = waitFor(By.name("daysUntilDue")).getAttribute("value");
        type("daysUntilDue", "40");
        browser.findElement(By.id("save-settings")).click();
        assertThat(waitFor(By.id("error-daysUntilDue")).getText()).contains("between 2 and 30");
        String street = browser.findElement(By.name("street")).getAttribute("value");
        type("daysUntilDue", "7");
        browser.findElement(By.id("save-settings")).click();
        waitForText(By.id("settings-message"), "were saved");
        assertThat(browser.findElement(By.name("daysUntilDue")).getAttribute("value")).isEqualTo("7");
        assertThat(browser.findElement(By.name("street")).getAttribute("value")).isEqualTo(street);
        assertThat(new Api(port).as(OPERATOR_EMAIL, PASSWORD).get("/api/v1/settings/billing").json().path("daysUntilDue").asInt())
                .isEqualTo(7);
        type("daysUntilDue", days); // as other tests expect it
        browser.findElement(By.id("save-settings")).click();
        waitForText(By.id("settings-message"), "were saved");
    }
}
