package org.switchboard.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.mail.StoredMail;
import org.switchboard.testing.Mailbox;

class CustomerInvitationBrowserTest extends AccountsBrowserTestBase {

    @Test
    void aPartnerInvitesACustomerWhoCreatesItsAccountAndAppearsInThePartnersList() {
        PartnerAccount partner = fixtures.verifiedPartner();
        String company = AccountFixtures.uniqueCompany("Bäckerei");
        String email = AccountFixtures.uniqueEmail("baker");

        logIn(partner.email(), AccountFixtures.PASSWORD);
        waitFor(By.id("invite-link")).click();
        assertThat(text("no-customers")).contains("No customers yet");
        type("companyName", company);
        type("email", email);
        submit("invite-customer");

        assertThat(text("invited")).contains(company).contains(email);
        assertThat(invitationState(email)).isEqualTo("open");

        // The customer follows the link from the mail, in a browser of its own.
        String link = Mailbox.awaitLink(MAIL, email, "/invitations/");
        browser.manage().deleteAllCookies();
        browser.get(link);
        assertThat(text("inviting-partner")).isEqualTo(partner.company());
        assertThat(text("invited-company")).isEqualTo(company);
        assertThat(text("invited-email")).isEqualTo(email);

        type("adminName", "Bernd Baker");
        select("country", "AT");
        type("password", "baker");
        submit("accept-invitation");
        assertThat(fieldError("password")).startsWith("Password is too weak");
        assertThat(value("adminName")).isEqualTo("Bernd Baker");
        assertThat(value("country")).isEqualTo("AT");

        type("password", AccountFixtures.PASSWORD);
        submit("accept-invitation");
        assertThat(text("invitation-accepted")).contains(company).contains(email);

        waitFor(By.id("continue-login")).click();
        type("email", email);
        type("password", AccountFixtures.PASSWORD);
        submit("login");
        assertThat(text("customer-name")).isEqualTo(company);
        assertThat(text("customer-partner")).isEqualTo(partner.company());
        assertThat(text("validation-state")).contains("Not validated yet");
        assertThat(text("missing")).contains("billing address");

        // The partner now has the customer, and the invitation is used.
        logIn(partner.email(), AccountFixtures.PASSWORD);
        assertThat(text("customer-count")).isEqualTo("1");
        open("/partner/customers");
        WebElement row = customerRow(company);
        assertThat(row.getText()).contains("Austria").contains("not yet");
        assertThat(invitationState(email)).isEqualTo("accepted");

        // The link works once.
        browser.get(link);
        assertThat(text("link-problem")).isEqualTo("This invitation has already been used. Log in with the account it created.");
    }

    @Test
    void invitingAnAddressThatHasAnAccountLinksNothing() {
        PartnerAccount partner = fixtures.verifiedPartner();
        PartnerAccount otherPartner = fixtures.verifiedPartner();

        logIn(partner.email(), AccountFixtures.PASSWORD);
        open("/partner/customers");
        type("companyName", otherPartner.company());
        type("email", otherPartner.email());
        submit("invite-customer");

        assertThat(fieldError("email")).startsWith(otherPartner.email() + " already has a Switchboard account")
                .contains("nothing was linked");
        assertThat(present(By.id("error-companyName"))).isFalse();
        assertThat(value("companyName")).isEqualTo(otherPartner.company());
        assertThat(value("email")).isEqualTo(otherPartner.email());
        assertThat(present(By.id("invited"))).isFalse();
        assertThat(text("no-invitations")).contains("not invited anyone yet");
        // Nothing was written to the outbox for the refused invitation: only the partner's own confirmation.
        assertThat(fixtures.mailsTo(otherPartner.email())).extracting(StoredMail::subject)
                .containsExactly("Confirm your partner registration");
    }

    @Test
    void aForgedInvitationLinkGetsAClearPage() {
        open("/invitations/this-was-never-sent");
        assertThat(text("link-invalid")).contains("Log in");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This link is not valid");
        assertThat(text("link-problem"))
                .isEqualTo("This invitation link is not valid. Check that you copied the whole link from the e-mail.");
        assertThat(present(By.id("accept-invitation"))).isFalse();
    }

    private String invitationState(String email) {
        return waitFor(By.xpath("//table[@id='invitations']//tr[td[@class='email' and text()='" + email + "']]"))
                .findElement(By.cssSelector("span.state")).getText();
    }

    private WebElement customerRow(String company) {
        return waitFor(By.xpath("//table[@id='customers']//tr[td[@class='name' and text()='" + company + "']]"));
    }
}
