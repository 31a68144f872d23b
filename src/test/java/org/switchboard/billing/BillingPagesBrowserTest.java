package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.billing.BillingStoryIntegrationTest.berlin;


import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.billing.internal.SubscriptionTimelines;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.BrowserTestBase;

/** The operator runs a month on the billing page; the customer reads the invoice, the partner its total. */
class BillingPagesBrowserTest extends BrowserTestBase {

    @Autowired
    AccountFixtures accounts;
    @Autowired
    SubscriptionTimelines timelines;
    @Autowired
    InvoiceRun run;
    @Autowired
    org.switchboard.partners.MembershipManagement membership;

    @Test
    void anOperatorRunsAMonthAndTheCustomerAndPartnerSeeTheInvoice() {
        // The login page belongs to the accounts pages; without it no browser can sign in.
        Response login = new Api(port).get("/login");
        Assumptions.assumeTrue(login.status() == 200 && login.body().contains("id=\"login\""),
                "no login page in this build");
        PartnerAccount partner = accounts.verifiedPartner("Pages Partner");
        CustomerAccount customer = accounts.invitedCustomer(partner, "Pages Kunde GmbH", true);
        clock.set(berlin(2033, 1, 1, 0, 0));
        String instance = SubscriptionFixtures.subscribe(port, customer, "Zentrale", 10);
        SubscriptionFixtures.awaitTimeline(timelines, instance, 1);
        clock.set(berlin(2033, 2, 1, 1, 0));

        logIn(OPERATOR_EMAIL, PASSWORD);
        open("/operator/billing");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('month').value = '2033-01'");
        browser.findElement(By.cssSelector("#start-run button")).click();
        waitForText(By.id("run-message"), "The invoice run of 2033-01 is running.");
        waitForText(By.id("runs"), "finished");
        assertThat(browser.findElement(By.id("runs")).getText()).contains("2033-01");
        browser.findElement(By.id("tab-zones")).click();
        assertThat(waitFor(By.id("zones")).getText()).contains("German mobile");

        logIn(customer.email(), PASSWORD);
        open("/customer/invoices");
        browser.findElement(By.cssSelector("#invoices a")).click();
        waitFor(By.id("invoice-number"));
        // January from its first minute: 10 x 8.90 = 89.00; February in advance 89.00; 178.00 + 19% = 211.82
        assertThat(browser.findElement(By.id("lines")).getText()).contains("first month from activation")
                .contains("February 2033 in advance");
        assertThat(browser.findElement(By.id("gross")).getText()).isEqualTo("211.82 €");
        assertThat(browser.findElement(By.id("payment-status")).getText()).isEqualTo("direct debit submitted");

        logIn(partner.email(), PASSWORD);
        open("/partner/invoices");
        assertThat(waitFor(By.id("invoices")).getText()).contains("Pages Kunde GmbH").contains("211.82 €");
        browser.findElement(By.cssSelector("#invoices a")).click();
        waitFor(By.id("totals"));
        assertThat(browser.findElements(By.id("lines"))).isEmpty();
        assertThat(browser.findElements(By.id("calls"))).isEmpty();
    }

    @Test
    void anOperatorIssuesACreditNoteOnTheInvoicesPageAndTheCustomerSeesIt() {
        Response login = new Api(port).get("/login");
        Assumptions.assumeTrue(login.status() == 200 && login.body().contains("id=\"login\""),
                "no login page in this build");
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Pages Partner"), "Korrektur GmbH", true);
        clock.set(berlin(2037, 1, 1, 0, 0));
        String instance = SubscriptionFixtures.subscribe(port, customer, "Zentrale", 10);
        SubscriptionFixtures.awaitTimeline(timelines, instance, 1);
        clock.set(berlin(2037, 2, 1, 1, 0));
        run.create(java.time.YearMonth.of(2037, 1), "operator");
        run.complete(java.time.YearMonth.of(2037, 1));
        String invoiceId = new Api(port).as(customer.email(), PASSWORD).get("/api/v1/invoices").json().get(0)
                .path("id").asString();

        logIn(OPERATOR_EMAIL, PASSWORD);
        open("/invoices/" + invoiceId);
        // January 89.00 and February in advance 89.00: more than a line holds is refused, with the limit.
        type("reason", "Outage of three days");
        type("amount2", "100");
        browser.findElement(By.id("issue-credit-note")).click();
        waitForText(By.id("invoice-error"), "No credit note was issued: Line 2 of invoice");
        assertThat(browser.findElement(By.id("invoice-error")).getText()).contains("at most 89.00 EUR");
        type("reason", "Outage of three days");
        type("amount2", "20.00");
        browser.findElement(By.id("issue-credit-note")).click();
        waitForText(By.id("invoice-message"), "was issued.");
        assertThat(browser.findElement(By.id("corrected-invoice")).getText()).matches("2037-\\d{6}");
        // -20.00 net + 19% VAT = -23.80
        assertThat(browser.findElement(By.id("gross")).getText()).isEqualTo("-23.80 €");
        assertThat(browser.findElement(By.id("settlement")).getText()).contains("refund the credited 23.80 EUR by bank transfer");

        logIn(customer.email(), PASSWORD);
        open("/customer/invoices");
        assertThat(waitFor(By.id("invoices")).getText()).contains("credit note").contains("-23.80 €");
    }

    @Test
    void aCspPartnerReadsItsWholesaleInvoiceAndItsCustomerIsToldWhoInvoicesIt() {
        clock.set(berlin(2039, 1, 1, 0, 0));
        PartnerAccount partner = accounts.verifiedPartner("Pages CSP Partner");
        membership.switchCsp(partner.admin(), partner.id(), true);
        CustomerAccount customer = accounts.invitedCustomer(partner, "Pages CSP Kunde", true);
        String instance = SubscriptionFixtures.subscribe(port, customer, "Zentrale", 10);
        SubscriptionFixtures.awaitTimeline(timelines, instance, 1);
        clock.set(berlin(2039, 2, 1, 1, 0));
        run.create(java.time.YearMonth.of(2039, 1), "operator");
        run.complete(java.time.YearMonth.of(2039, 1));

        logIn(customer.email(), PASSWORD);
        open("/customer/invoices");
        assertThat(waitFor(By.id("invoicing-partner")).getText()).contains("Pages CSP Partner")
                .contains("the platform sends you no invoices");
        assertThat(browser.findElements(By.id("invoices"))).isEmpty();

        // January from its first minute 89.00 and February in advance 89.00, each less the partner's 10%:
        // 80.10 + 80.10 = 160.20; the partner is in Germany: 19% VAT 30.44; 190.64.
        logIn(partner.email(), PASSWORD);
        open("/partner/invoices");
        assertThat(waitFor(By.id("invoices")).getText()).contains("to you").contains("190.64 €");
        browser.findElement(By.cssSelector("#invoices a")).click();
        waitFor(By.id("totals"));
        assertThat(browser.findElement(By.id("lines")).getText()).contains("Pages CSP Kunde")
                .contains("retail 89.00 EUR less 10%").contains("80.10");
        assertThat(browser.findElement(By.id("gross")).getText()).isEqualTo("190.64 €");
        assertThat(browser.findElements(By.id("calls"))).isEmpty();
    }
}
