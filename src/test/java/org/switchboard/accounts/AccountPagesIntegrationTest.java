package org.switchboard.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.CustomerMember;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.accounts.Commands.AcceptInvitation;
import org.switchboard.testing.PageClient;
import org.switchboard.testing.PageClient.Page;
import org.switchboard.accounts.internal.Users;
import org.switchboard.testing.IntegrationTestBase;

/** What the pages answer where the status code matters: links that no longer work, and who may see what. */
class AccountPagesIntegrationTest extends IntegrationTestBase {

    @Autowired
    AccountManagement accounts;

    @Autowired
    Registration registration;

    @Autowired
    InvitationAcceptance acceptance;

    @Autowired
    Users users;

    @Autowired
    AccountFixtures fixtures;

    @Test
    void linksThatWereNeverSentAreNotFound() {
        PageClient anyone = new PageClient(port);
        for (String path : new String[] { "/invitations/forged", "/verify-email?token=forged", "/verify-email",
                "/password/reset?token=forged", "/password/reset" }) {
            Page page = anyone.get(path);
            assertThat(page.status()).as(path).isEqualTo(404);
            assertThat(page.has("link-problem")).as(path).isTrue();
            assertThat(page.html()).as(path).contains("link is not valid. Check that you copied the whole link");
        }
        PageClient form = new PageClient(port);
        form.get("/login");
        Page pressed = form.post("/verify-email", Map.of("token", "forged"));
        assertThat(pressed.status()).isEqualTo(404);
        assertThat(pressed.html()).contains("This confirmation link is not valid.");
    }

    @Test
    void usedLinksAreGone() {
        PartnerAccount partner = fixtures.verifiedPartner();
        String link = fixtures.invitationLink(partner, AccountFixtures.uniqueCompany("Used"),
                AccountFixtures.uniqueEmail("used"));
        acceptance.acceptInvitation(AccountFixtures.lastSegment(link),
                new AcceptInvitation("Uwe Used", AccountFixtures.PASSWORD, "DE"));

        Page invitation = new PageClient(port).get(path(link));
        assertThat(invitation.status()).isEqualTo(410);
        assertThat(invitation.html()).contains("This invitation has already been used.");
    }

    @Test
    void openingAConfirmationLinkConfirmsNothingUntilTheButtonIsPressed() {
        String company = AccountFixtures.uniqueCompany("Scanned");
        String email = AccountFixtures.uniqueEmail("scanned");
        registration.registerPartner(AccountFixtures.partnerRegistration(company, email));
        String verification = path(fixtures.link(email, "/verify-email?token="));
        String token = AccountFixtures.token(verification);

        // A mail scanner opens the link, twice: it sees a button, and the address stays unconfirmed.
        for (int i = 0; i < 2; i++) {
            Page opened = new PageClient(port).get(verification);
            assertThat(opened.status()).isEqualTo(200);
            assertThat(opened.has("confirm-email")).isTrue();
            assertThat(opened.html()).contains("Confirm my e-mail address").contains(email);
        }
        assertThat(users.byEmail(email).orElseThrow().verified()).isFalse();

        // Sending the button without the page's CSRF token is refused and uses nothing up.
        assertThat(new PageClient(port).post("/verify-email", Map.of("token", token)).status()).isEqualTo(403);
        assertThat(users.byEmail(email).orElseThrow().verified()).isFalse();

        // The person presses the button: confirmed, and the partner is Registered.
        PageClient person = new PageClient(port);
        person.get(verification);
        Page pressed = person.post("/verify-email", Map.of("token", token));
        assertThat(pressed.status()).isEqualTo(302);
        assertThat(pressed.location()).endsWith("/verify-email/confirmed");
        Page confirmed = person.get(path(pressed.location()));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.html()).contains(email + "</strong> is confirmed").contains(company)
                .contains("Registered partner");
        assertThat(users.byEmail(email).orElseThrow().verified()).isTrue();

        // Used: the link and the button both say so.
        Page again = new PageClient(port).get(verification);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.html()).contains("This confirmation link has already been used.");
        PageClient late = new PageClient(port);
        late.get("/login");
        Page pressedAgain = late.post("/verify-email", Map.of("token", token));
        assertThat(pressedAgain.status()).isEqualTo(410);
        assertThat(pressedAgain.html()).contains("This confirmation link has already been used.");
    }

    @Test
    void anExpiredInvitationIsGoneAndSaysWhomToAsk() {
        PartnerAccount partner = fixtures.verifiedPartner();
        String link = fixtures.invitationLink(partner, AccountFixtures.uniqueCompany("Late"),
                AccountFixtures.uniqueEmail("late"));
        clock.advance(Duration.ofDays(15));

        Page page = new PageClient(port).get(path(link));
        assertThat(page.status()).isEqualTo(410);
        assertThat(page.html()).contains("This invitation expired. Ask " + partner.company() + " to invite you again.");
    }

    @Test
    void pagesAreSortedByRole() {
        Page anonymous = new PageClient(port).get("/dashboard");
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.location()).endsWith("/login");

        PartnerAccount partner = fixtures.verifiedPartner();
        PageClient asPartner = new PageClient(port).logIn(partner.email(), AccountFixtures.PASSWORD);
        assertThat(asPartner.get("/partner/customers").status()).isEqualTo(200);
        assertThat(asPartner.get("/operator/partners").status()).isEqualTo(403);
        assertThat(asPartner.get("/customer/profile").status()).isEqualTo(403);

        CustomerAccount customer = fixtures.invitedCustomer(partner);
        PageClient asCustomer = new PageClient(port).logIn(customer.email(), AccountFixtures.PASSWORD);
        assertThat(asCustomer.get("/customer/profile").status()).isEqualTo(200);
        Page refused = asCustomer.get("/partner/customers");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.html()).contains("This page is not for your role").contains("Back to your dashboard");
        assertThat(asCustomer.get("/operator/customers").status()).isEqualTo(403);
        assertThat(asCustomer.get("/no-such-page").html()).contains("This page does not exist");
    }

    @Test
    void aCustomerMemberReadsTheBillingDetailsButCannotChangeThem() {
        CustomerAccount customer = fixtures.invitedCustomer(fixtures.verifiedPartner());
        CustomerMember member = fixtures.customerMember(customer);
        PageClient asMember = new PageClient(port).logIn(member.email(), AccountFixtures.PASSWORD);

        Page profile = asMember.get("/customer/profile");
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.has("billing-read-only")).isTrue();
        assertThat(profile.has("billing")).isFalse();
        assertThat(profile.html()).contains(customer.company());

        Page refused = asMember.post("/customer/profile", Map.of("companyName", "Taken Over Ltd",
                "street", "Elsewhere 1", "postcode", "10115", "city", "Berlin", "country", "DE", "vatId", ""));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.html()).contains("Only a customer admin or an operator may change the billing details");
        Customer unchanged = accounts.customer(customer.admin(), customer.id());
        assertThat(unchanged.name()).isEqualTo(customer.company());
        assertThat(unchanged.billingAddress().street()).isNull();
    }

    @Test
    void aFormSentWithoutItsCsrfTokenIsRefused() {
        PageClient script = new PageClient(port);
        String email = AccountFixtures.uniqueEmail("csrf");
        Page page = script.post("/signup", Map.of("companyName", "Cross Site Ltd", "country", "DE",
                "adminName", "Eve", "email", email, "password", AccountFixtures.PASSWORD));
        assertThat(page.status()).isEqualTo(403);
        assertThat(users.byEmail(email)).isEmpty();
    }

    private static String path(String link) {
        return link.startsWith("/") ? link : link.substring(link.indexOf('/', "http://".length()));
    }
}
