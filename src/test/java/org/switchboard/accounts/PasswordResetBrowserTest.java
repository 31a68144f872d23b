package org.switchboard.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.testing.Mailbox;

class PasswordResetBrowserTest extends AccountsBrowserTestBase {

    static final String NEW_PASSWORD = "a new and better secret";

    @Test
    void someoneWhoForgotThePasswordChoosesANewOneByMail() {
        PartnerAccount partner = fixtures.verifiedPartner();

        open("/login");
        waitFor(By.id("forgot-password")).click();
        type("email", partner.email());
        submit("forgot");
        assertThat(text("password-link-sent")).contains(partner.email());

        String link = Mailbox.awaitLink(MAIL, partner.email(), "/password/reset");
        browser.get(link);
        assertThat(text("account-email")).isEqualTo(partner.email());
        type("password", "abababababab");
        submit("password-reset");
        assertThat(fieldError("password")).isEqualTo("Password is too weak: use more different characters");

        type("password", NEW_PASSWORD);
        submit("password-reset");
        waitFor(By.id("password-changed"));

        logInWith(partner.email(), AccountFixtures.PASSWORD);
        assertThat(text("login-error")).isEqualTo("Wrong e-mail or password.");
        type("password", NEW_PASSWORD);
        submit("login");
        assertThat(text("partner-name")).isEqualTo(partner.company());

        browser.get(link);
        assertThat(text("link-problem")).isEqualTo("This password link has already been used.");
    }

    @Test
    void theFormDoesNotTellWhetherAnAddressHasAnAccount() {
        String nobody = AccountFixtures.uniqueEmail("nobody");
        open("/password/forgot");
        type("email", nobody);
        submit("forgot");
        assertThat(text("password-link-sent")).contains(nobody).contains("If");

        open("/password/forgot");
        type("email", "nobody@");
        submit("forgot");
        assertThat(fieldError("email")).isEqualTo("'nobody@' is not a valid e-mail address");
        assertThat(value("email")).isEqualTo("nobody@");
    }
}
