package org.switchboard.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.switchboard.testing.Mailbox;

class PartnerRegistrationBrowserTest extends AccountsBrowserTestBase {

    @Test
    void aResellerRegistersConfirmsItsAddressAndIsARegisteredPartner() {
        String company = AccountFixtures.uniqueCompany("Telefonbau");
        String email = AccountFixtures.uniqueEmail("owner");

        open("/");
        // The front page quotes the programme's commission rates from the levels' rule.
        assertThat(text("for-partners")).contains("10% from the first day, up to 25% as you grow");
        waitFor(By.id("link-register-partner")).click();
        waitFor(By.id("partner-register"));
        fillRegistration(company, email);
        submit("partner-register");

        assertThat(text("sent-to")).isEqualTo(email);
        assertThat(problemsOnAPhone("partner-registration-sent")).isEmpty();

        // Before the address is confirmed the login says what to do.
        logInWith(email, AccountFixtures.PASSWORD);
        assertThat(text("login-error")).startsWith("Confirm your e-mail address first");

        // Opening the link confirms nothing yet: the button does.
        browser.get(Mailbox.awaitLink(MAIL, email, "/verify-email"));
        assertThat(text("account-email")).isEqualTo(email);
        logInIsRefusedUntilConfirmed(email);
        browser.get(Mailbox.awaitLink(MAIL, email, "/verify-email"));
        submit("verify-email");
        assertThat(text("partner-status")).contains(company).contains("is now a Registered partner");
        assertThat(problemsOnAPhone("partner-registration-confirmed")).isEmpty();

        waitFor(By.id("continue-login")).click();
        type("email", email);
        type("password", AccountFixtures.PASSWORD);
        submit("login");

        assertThat(text("partner-level")).isEqualTo("Registered");
        assertThat(text("partner-name")).isEqualTo(company);
        assertThat(text("customer-count")).isEqualTo("0");
        assertThat(text("registered-on")).isNotBlank();
        assertThat(problemsOnAPhone("partner-registration-dashboard")).isEmpty();
    }

    @Test
    void mistakesAreShownBesideTheirFieldsAndNothingIsSavedUntilAllAreFixed() {
        String company = AccountFixtures.uniqueCompany("Telefonbau");
        String email = AccountFixtures.uniqueEmail("owner");

        open("/partners/register");
        fillRegistration(company, email);
        type("street", " ");
        type("vatId", "123");
        type("website", "reseller.example.test");
        type("password", "short");
        submit("partner-register");

        assertThat(fieldError("street")).isEqualTo("Street is required");
        assertThat(fieldError("vatId")).startsWith("VAT ID must start with a two-letter country code");
        assertThat(fieldError("website")).contains("http://").contains("https://");
        assertThat(fieldError("password")).startsWith("Password is too weak");
        assertThat(text("form-errors")).contains("Nothing was saved");
        assertThat(present(By.id("error-companyName"))).isFalse();
        // What was typed stays, except the password.
        assertThat(value("companyName")).isEqualTo(company);
        assertThat(value("email")).isEqualTo(email);
        assertThat(value("vatId")).isEqualTo("123");
        assertThat(value("country")).isEqualTo("DE");
        assertThat(value("password")).isEmpty();
        assertThat(problemsOnAPhone("partner-registration-mistakes")).isEmpty();

        // Had the first attempt saved anything, the address would now be taken.
        type("street", "Lindenstraße 4");
        type("vatId", "DE123456789");
        type("website", "https://reseller.example.test");
        type("password", AccountFixtures.PASSWORD);
        submit("partner-register");
        assertThat(text("sent-to")).isEqualTo(email);
        Mailbox.awaitLink(MAIL, email, "/verify-email");
        assertThat(Mailbox.countTo(MAIL, email)).as("mails to " + email).isEqualTo(1);

        // Registering the same address twice is refused, beside the e-mail field.
        open("/partners/register");
        fillRegistration(AccountFixtures.uniqueCompany("Other"), email);
        submit("partner-register");
        assertThat(fieldError("email")).contains("exists already");
    }

    private void fillRegistration(String company, String email) {
        type("companyName", company);
        type("street", "Lindenstraße 4");
        type("postcode", "94469");
        type("city", "Deggendorf");
        select("country", "DE");
        type("vatId", "DE123456789");
        type("website", "https://reseller.example.test");
        type("contactName", "Rita Reseller");
        type("contactPhone", "+49 991 2345");
        type("adminName", "Rita Reseller");
        type("email", email);
        type("password", AccountFixtures.PASSWORD);
    }
}
