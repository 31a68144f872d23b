package org.switchboard.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.testing.Mailbox;

class OperatorAccountsBrowserTest extends AccountsBrowserTestBase {

    @Test
    void anOperatorCreatesAPartnerWhoseAdminSetsThePasswordByMail() {
        String company = AccountFixtures.uniqueCompany("Direktvertrieb");
        String email = AccountFixtures.uniqueEmail("admin");

        logIn(OPERATOR_EMAIL, PASSWORD);
        open("/operator/partners");
        type("companyName", company);
        type("postcode", "80331");
        select("country", "DE");
        type("adminName", "Anna Admin");
        type("email", email);
        submit("create-partner-form");

        assertThat(fieldError("street")).isEqualTo("Street is required");
        assertThat(fieldError("city")).isEqualTo("City is required");
        assertThat(value("companyName")).isEqualTo(company);
        assertThat(value("email")).isEqualTo(email);
        assertThat(partnerRows(company)).isEmpty();
        assertThat(problemsOnAPhone("operator-create-partner-mistakes")).isEmpty();

        type("street", "Marienplatz 1");
        type("city", "München");
        submit("create-partner-form");

        assertThat(text("created")).contains(company).contains(email);
        assertThat(problemsOnAPhone("operator-partner-created")).isEmpty();
        WebElement row = partnerRows(company).get(0);
        assertThat(row.getText()).contains("Germany").contains("Registered").contains("active")
                .contains(LocalDate.now(clock).format(java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy",
                        java.util.Locale.ENGLISH)));

        browser.manage().deleteAllCookies();
        browser.get(Mailbox.awaitLink(MAIL, email, "/password/reset"));
        assertThat(text("account-email")).isEqualTo(email);
        type("password", AccountFixtures.PASSWORD);
        submit("password-reset");
        waitFor(By.id("continue-login")).click();
        type("email", email);
        type("password", AccountFixtures.PASSWORD);
        submit("login");
        assertThat(text("partner-name")).isEqualTo(company);
        assertThat(text("partner-level")).isEqualTo("Registered");
    }

    @Test
    void theOperatorSeesEveryCustomerWithItsPartnerAndValidation() {
        PartnerAccount partner = fixtures.verifiedPartner();
        CustomerAccount customer = fixtures.invitedCustomer(partner);

        logIn(OPERATOR_EMAIL, PASSWORD);
        open("/operator/customers");
        WebElement row = waitFor(By.xpath("//table[@id='customers']//tr[td[@class='name' and text()='"
                + customer.company() + "']]"));
        assertThat(row.getText()).contains(partner.company()).contains(customer.email()).contains("not yet");

        open("/operator/partners");
        assertThat(partnerRows(partner.company()).get(0).findElement(By.cssSelector("td.num")).getText())
                .isEqualTo("1");
    }

    private java.util.List<WebElement> partnerRows(String company) {
        waitFor(By.tagName("h1"));
        return browser.findElements(By.xpath("//table[@id='partners']//tr[td[@class='name' and text()='" + company + "']]"));
    }
}
