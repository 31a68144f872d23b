package org.switchboard.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;

class LoginBrowserTest extends AccountsBrowserTestBase {

    @Test
    void aWrongPasswordIsRefusedAndTheRightOneOpensTheDashboard() {
        PartnerAccount partner = fixtures.verifiedPartner();

        logInWith(partner.email(), "not the password at all");
        assertThat(text("login-error")).isEqualTo("Wrong e-mail or password.");
        assertThat(value("email")).isEqualTo(partner.email());
        assertThat(value("password")).isEmpty();

        type("password", AccountFixtures.PASSWORD);
        submit("login");
        assertThat(text("user-name")).isEqualTo(partner.admin().name());
        assertThat(text("partner-name")).isEqualTo(partner.company());
        assertThat(browser.getCurrentUrl()).endsWith("/dashboard");

        waitFor(By.id("logout")).click();
        assertThat(text("logged-out")).isEqualTo("You are logged out.");
        open("/dashboard");
        waitFor(By.cssSelector("form#login"));
    }

    @Test
    void anUnknownAddressReadsLikeAWrongPassword() {
        logInWith(AccountFixtures.uniqueEmail("nobody"), AccountFixtures.PASSWORD);
        assertThat(text("login-error")).isEqualTo("Wrong e-mail or password.");
    }

    @Test
    void theOperatorSeesPartnersAndCustomersCounted() {
        fixtures.verifiedPartner();
        logIn(OPERATOR_EMAIL, PASSWORD);
        assertThat(text("user-role")).isEqualTo("Operator");
        assertThat(Integer.parseInt(text("partner-count"))).isPositive();
        assertThat(text("customer-count")).matches("\\d+");
    }
}
