package org.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.testing.BrowserTestBase;

/**
 * A customer who never gave a billing address subscribes its trial: the price is on the form before
 * it confirms, the address is asked in the same form, and nothing typed is lost on a mistake.
 */
class SubscribeWithThePriceBrowserTest extends BrowserTestBase {

    @Autowired
    AccountFixtures accounts;

    @Test
    void theSubscribeFormShowsThePriceAndAsksForTheMissingBillingAddress() {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Price Partner"), "Ohne Adresse GmbH", false);
        logIn(customer.email(), PASSWORD);
        open("/instances");
        type("name", "Zentrale");
        type("subdomain", "ohne-" + System.nanoTime() % 100000);
        browser.findElement(By.id("start-trial")).click();
        browser.findElement(By.id("create-instance")).click();
        waitForText(By.id("status"), "in trial");

        // The price follows the count typed, before anything is confirmed: 16 x 8.01 = 128.16 a month net.
        type("concurrentUsers", "16");
        waitForText(By.id("price-monthly"), "128.16 €");
        assertThat(browser.findElement(By.id("price-unit")).getText()).isEqualTo("8.01 €");
        assertThat(browser.findElement(By.id("price-annual")).getText()).isEqualTo("1,537.92 €");
        assertThat(browser.findElement(By.id("price-vat")).getText()).contains("19%: 24.35 € a month, 152.51 € a month in all");
        assertThat(browser.findElement(By.id("price-term")).getText()).startsWith("one year,");
        screenshot("subscribe-price-desktop");

        // The address is asked in the same form; the street is forgotten: every typed field is kept.
        assertThat(browser.findElement(By.id("billing-address")).getText()).containsIgnoringCase("Billing address");
        type("iban", "DE89 3704 0044 0532 0130 00");
        type("accountHolder", "Ohne Adresse GmbH");
        type("postcode", "10115");
        type("city", "Berlin");
        browser.findElement(By.id("mandateAccepted")).click();
        browser.findElement(By.id("subscribe-button")).click();
        assertThat(waitFor(By.id("error-street")).getText()).contains("Street");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("in trial");
        assertThat(browser.findElement(By.name("concurrentUsers")).getAttribute("value")).isEqualTo("16");
        assertThat(browser.findElement(By.name("iban")).getAttribute("value")).isEqualTo("DE89 3704 0044 0532 0130 00");
        assertThat(browser.findElement(By.name("city")).getAttribute("value")).isEqualTo("Berlin");
        assertThat(browser.findElement(By.id("mandateAccepted")).isSelected()).isTrue();
        waitForText(By.id("price-monthly"), "128.16 €");

        type("street", "Invalidenstraße 1");
        browser.findElement(By.id("subscribe-button")).click();
        waitForText(By.id("status"), "subscribed");
        assertThat(browser.findElement(By.id("monthly-net")).getText()).isEqualTo("128.16 €");
        open("/customer/profile");
        assertThat(waitFor(By.id("validation-state")).getText()).contains("Validated");
    }

    @Test
    void onAPhoneTheSubscribeFormFitsTheScreen() {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Price Partner"), "Klein GmbH", true);
        logIn(customer.email(), PASSWORD);
        open("/instances");
        type("name", "Zentrale");
        type("subdomain", "klein-" + System.nanoTime() % 100000);
        browser.findElement(By.id("start-trial")).click();
        browser.findElement(By.id("create-instance")).click();
        waitForText(By.id("status"), "in trial");
        try {
            phoneWidth(true);
            open(browser.getCurrentUrl().replaceFirst("^https?://[^/]+", ""));
            waitForText(By.id("price-monthly"), "€");
            // A complete address on file: it is not asked again.
            assertThat(browser.findElements(By.id("billing-address"))).isEmpty();
            screenshot("subscribe-price-phone");
            assertThat(scrollsSideways()).as("the page scrolls sideways at 360 px").isFalse();
        } finally {
            phoneWidth(false);
        }
    }
}
