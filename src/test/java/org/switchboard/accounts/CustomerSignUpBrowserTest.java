package org.switchboard.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.switchboard.testing.Mailbox;

class CustomerSignUpBrowserTest extends AccountsBrowserTestBase {

    @Test
    void aCompanySignsUpAloneAndIsValidatedOnceItsBillingAddressIsComplete() {
        String company = AccountFixtures.uniqueCompany("Kanzlei");
        String email = AccountFixtures.uniqueEmail("lawyer");

        open("/");
        waitFor(By.id("link-signup")).click();
        type("companyName", company);
        select("country", "DE");
        type("adminName", "Lena Lawyer");
        type("email", email);
        type("password", AccountFixtures.PASSWORD);
        submit("signup");
        assertThat(text("sent-to")).isEqualTo(email);

        // Opening the link confirms nothing yet: the button does.
        browser.get(Mailbox.awaitLink(MAIL, email, "/verify-email"));
        assertThat(text("account-email")).isEqualTo(email);
        logInIsRefusedUntilConfirmed(email);
        browser.get(Mailbox.awaitLink(MAIL, email, "/verify-email"));
        submit("verify-email");
        assertThat(text("email-verified")).contains("The customer account of " + company + " is ready.");
        waitFor(By.id("continue-login")).click();
        type("email", email);
        type("password", AccountFixtures.PASSWORD);
        submit("login");

        assertThat(text("customer-name")).isEqualTo(company);
        assertThat(text("missing")).contains("the billing address (street, postcode, city, country) is incomplete")
                .doesNotContain("verified");
        assertThat(present(By.id("customer-partner"))).isFalse();

        waitFor(By.id("profile-link")).click();
        assertThat(value("companyName")).isEqualTo(company);
        assertThat(value("country")).isEqualTo("DE");
        type("street", "Justizplatz 2");
        type("postcode", "80335");
        type("vatId", "12");
        submit("billing");

        assertThat(fieldError("city")).isEqualTo("City is required");
        assertThat(fieldError("vatId")).startsWith("VAT ID must start with a two-letter country code");
        assertThat(value("street")).isEqualTo("Justizplatz 2");
        assertThat(text("validation-state")).contains("Not validated yet");

        type("city", "München");
        type("vatId", "DE 811 907 980");
        submit("billing");
        assertThat(text("saved")).isEqualTo("Saved.");
        assertThat(text("validation-state")).contains("Validated");
        assertThat(value("vatId")).isEqualTo("DE811907980");

        open("/dashboard");
        assertThat(text("validation-state")).contains("Validated").contains("can be invoiced");
    }

    @Test
    void signUpMistakesAreShownAllAtOnce() {
        open("/signup");
        type("companyName", "Kanzlei Ohne Land");
        type("email", "lena@");
        type("password", "lena");
        submit("signup");

        assertThat(fieldError("country")).isEqualTo("Country is required");
        assertThat(fieldError("adminName")).isEqualTo("Your name is required");
        assertThat(fieldError("email")).isEqualTo("'lena@' is not a valid e-mail address");
        assertThat(fieldError("password")).startsWith("Password is too weak");
        assertThat(value("companyName")).isEqualTo("Kanzlei Ohne Land");
        assertThat(value("email")).isEqualTo("lena@");
    }
}
