package org.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.testing.BrowserTestBase;

/** Each role's dashboard answers "what needs me today", empty and with something to do, on a desktop and a phone. */
class DashboardBrowserTest extends BrowserTestBase {

    @Autowired
    AccountFixtures accounts;

    @Test
    void aNewCustomerIsLedToItsFirstPhoneSystemAndThenSeesItsTrialLicencesAndNextInvoice() {
        PartnerAccount partner = accounts.verifiedPartner("Dashboard Partner");
        CustomerAccount customer = accounts.invitedCustomer(partner, "Dashboard Kunde GmbH", true);
        logIn(customer.email(), PASSWORD);
        open("/dashboard");
        assertThat(waitFor(By.id("first-system")).getText()).contains("Try it free for 30 days");
        screenshot("dashboard-customer-empty");
        browser.findElement(By.id("create-first-system")).click();
        type("name", "Zentrale");
        String subdomain = "dash-" + System.nanoTime() % 100000;
        type("subdomain", subdomain);
        browser.findElement(By.id("start-trial")).click();
        browser.findElement(By.id("create-instance")).click();
        waitForText(By.id("status"), "in trial");

        open("/dashboard");
        assertThat(waitFor(By.id("trial-days-" + subdomain)).getText()).isEqualTo("30 days left");
        assertThat(browser.findElement(By.id("trials")).getText()).contains("Subscribe");
        assertThat(browser.findElement(By.id("systems")).getText()).contains("Zentrale").contains("in trial").contains("0 of 5");
        // A trial costs nothing: the next invoice so far is zero.
        assertThat(browser.findElement(By.id("next-invoice-gross")).getText()).isEqualTo("0.00 €");
        assertThat(browser.findElements(By.id("first-system"))).isEmpty();
        screenshot("dashboard-customer");
        try {
            phoneWidth(true);
            open("/dashboard");
            waitFor(By.id("menu-toggle")).click();
            waitFor(By.id("nav-instances"));
            onAPhone("dashboard-customer-phone");
        } finally {
            phoneWidth(false);
        }
        browser.findElement(By.cssSelector("#trials a.button")).click();
        assertThat(browser.getCurrentUrl()).endsWith("#subscribe");
        waitFor(By.id("subscribe-form"));

        // Three weeks and more later the trial ends within a week: the partner's dashboard shows it.
        clock.advance(Duration.ofDays(25));
        logIn(partner.email(), PASSWORD);
        open("/dashboard");
        assertThat(waitFor(By.id("partner-trials")).getText()).contains("Zentrale").contains("Dashboard Kunde GmbH")
                .contains("days left");
        assertThat(browser.findElement(By.id("level-progress")).getText()).contains("To reach");
        assertThat(browser.findElement(By.id("commission-year")).getText()).endsWith("€");
        assertThat(browser.findElement(By.id("partner-leads")).getText()).contains("No lead waits for your answer");
        screenshot("dashboard-partner");
        try {
            phoneWidth(true);
            open("/dashboard");
            assertThat(waitFor(By.id("partner-trials")).getText()).contains("Zentrale").contains("days left");
            onAPhone("dashboard-partner-phone");
        } finally {
            phoneWidth(false);
        }
    }

    @Test
    void aNewPartnerIsToldToInviteItsFirstCustomer() {
        PartnerAccount partner = accounts.verifiedPartner("Leerer Partner");
        logIn(partner.email(), PASSWORD);
        open("/dashboard");
        assertThat(waitFor(By.id("no-customers")).getText()).contains("invite the first one");
        assertThat(browser.findElement(By.id("partner-trials")).getText()).contains("No customer's trial ends");
        assertThat(browser.findElement(By.id("partner-level")).getText()).isNotBlank();
    }

    @Test
    void theOperatorSeesRevenueRefusalsRunsPayoutsAndTheSupportQueue() {
        logIn(OPERATOR_EMAIL, PASSWORD);
        open("/dashboard");
        assertThat(waitFor(By.id("mrr")).getText()).matches("[\\d,]+\\.\\d\\d €");
        assertThat(browser.findElement(By.id("refusals-today")).getText()).matches("\\d+");
        assertThat(browser.findElement(By.id("last-run")).getText()).contains("Last invoice run");
        assertThat(browser.findElement(By.id("payouts-due")).getText()).matches("\\d+");
        assertThat(browser.findElement(By.id("support-queue")).getText()).contains("Support queue");
        assertThat(browser.findElement(By.id("nav-dashboard")).getAttribute("aria-current")).isEqualTo("page");
        screenshot("dashboard-operator");
        try {
            phoneWidth(true);
            open("/dashboard");
            waitFor(By.id("mrr"));
            onAPhone("dashboard-operator-phone");
        } finally {
            phoneWidth(false);
        }
    }

    /** At 360 px: a screenshot, no serious accessibility problem, no sideways scrolling. */
    private void onAPhone(String name) {
        screenshot(name);
        assertThat(seriousAccessibilityProblems()).as(name + ": serious accessibility problems").isEmpty();
        assertThat(scrollsSideways()).as(name + " scrolls sideways at 360 px: " + pastTheRightEdge()).isFalse();
    }
}
