package org.switchboard.instances;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.testing.BrowserTestBase;

class InstanceLifeBrowserTest extends BrowserTestBase {

    @Autowired
    AccountFixtures accounts;

    @Test
    void aCustomerStartsATrialSubscribesWithAnIbanAndAddsFiveConcurrentUsers() {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Browser Partner"), "Huber GmbH", true);
        String subdomain = "huber-" + System.nanoTime() % 100000;
        logIn(customer.email(), PASSWORD);

        browser.findElement(By.id("nav-instances")).click();
        type("name", "Head office");
        type("subdomain", subdomain);
        browser.findElement(By.id("start-trial")).click();
        browser.findElement(By.id("create-instance")).click();

        assertThat(waitFor(By.id("status")).getText()).isEqualTo("in trial");
        assertThat(browser.findElement(By.id("days-left")).getText()).isEqualTo("30 days left");
        assertThat(browser.findElement(By.id("concurrent-users")).getText()).isEqualTo("5");

        // a typo in the IBAN is shown beside the field and nothing changes
        type("concurrentUsers", "16");
        type("iban", "DE89 3704 0044 0532 0130 01");
        type("accountHolder", "Huber GmbH");
        browser.findElement(By.id("mandateAccepted")).click();
        browser.findElement(By.id("subscribe-button")).click();
        assertThat(waitFor(By.id("error-iban")).getText()).contains("check digits");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("in trial");

        type("iban", "DE89 3704 0044 0532 0130 00");
        if (!browser.findElement(By.id("mandateAccepted")).isSelected()) {
            browser.findElement(By.id("mandateAccepted")).click();
        }
        browser.findElement(By.id("subscribe-button")).click();
        waitForText(By.id("status"), "subscribed");
        assertThat(browser.findElement(By.id("concurrent-users")).getText()).isEqualTo("16");
        assertThat(browser.findElement(By.id("monthly-net")).getText()).isEqualTo("128.16 €");
        assertThat(browser.findElement(By.id("iban")).getText()).isEqualTo("DE89 **** **** 3000");
        assertThat(browser.getPageSource()).doesNotContain("370400440532");

        for (int i = 0; i < 5; i++) {
            browser.findElement(By.id("plus")).click();
        }
        waitForText(By.id("preview-text"), "21 concurrent users");
        assertThat(browser.findElement(By.id("preview-monthly")).getText()).isEqualTo("168.21 €");
        assertThat(browser.findElement(By.id("preview-difference")).getText()).isEqualTo("+40.05 €");
        browser.findElement(By.id("confirm-change")).click();

        waitForText(By.id("notice"), "Upgraded");
        assertThat(browser.findElement(By.id("concurrent-users")).getText()).isEqualTo("21");
        assertThat(browser.findElement(By.id("monthly-net")).getText()).isEqualTo("168.21 €");
        assertThat(browser.findElement(By.id("history")).getText()).contains("upgraded");
    }
}
