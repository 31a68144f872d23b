package org.switchboard.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.switchboard.accounts.AccountPageFixtures.Login;
import org.switchboard.accounts.Commands.AcceptInvitation;
import org.switchboard.accounts.PageClient.Page;
import org.switchboard.accounts.internal.Users;
import org.switchboard.testing.IntegrationTestBase;
import org.switchboard.testing.Mailbox;

/** What the pages answer where the status code matters: links that no longer work, and who may see what. */
class AccountPagesIntegrationTest extends IntegrationTestBase {

    @Autowired
    AccountManagement accounts;

    @Autowired
    Users users;

    @Autowired
    PasswordEncoder passwords;

    AccountPageFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new AccountPageFixtures(accounts, users, passwords, MAIL);
    }

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
    }

    @Test
    void usedLinksAreGone() {
        Login partner = fixtures.verifiedPartner();
        String link = fixtures.invitationLink(partner, AccountPageFixtures.uniqueCompany("Used"),
                AccountPageFixtures.uniqueEmail("used"));
        accounts.acceptInvitation(AccountPageFixtures.lastSegment(link),
                new AcceptInvitation("Uwe Used", AccountPageFixtures.PASSWORD, "DE"));

        Page invitation = new PageClient(port).get(path(link));
        assertThat(invitation.status()).isEqualTo(410);
        assertThat(invitation.html()).contains("This invitation has already been used.");

        String email = AccountPageFixtures.uniqueEmail("twice");
        accounts.registerPartner(AccountPageFixtures.partnerRegistration(AccountPageFixtures.uniqueCompany("Twice"), email));
        String verification = path(Mailbox.awaitLink(MAIL, email, "/verify-email"));
        assertThat(new PageClient(port).get(verification).status()).isEqualTo(200);
        Page again = new PageClient(port).get(verification);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.html()).contains("This confirmation link has already been used.");
    }

    @Test
    void anExpiredInvitationIsGoneAndSaysWhomToAsk() {
        Login partner = fixtures.verifiedPartner();
        String link = fixtures.invitationLink(partner, AccountPageFixtures.uniqueCompany("Late"),
                AccountPageFixtures.uniqueEmail("late"));
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

        Login partner = fixtures.verifiedPartner();
        PageClient asPartner = new PageClient(port).logIn(partner.email(), AccountPageFixtures.PASSWORD);
        assertThat(asPartner.get("/partner/customers").status()).isEqualTo(200);
        assertThat(asPartner.get("/operator/partners").status()).isEqualTo(403);
        assertThat(asPartner.get("/customer/profile").status()).isEqualTo(403);

        Login customer = fixtures.invitedCustomer(partner);
        PageClient asCustomer = new PageClient(port).logIn(customer.email(), AccountPageFixtures.PASSWORD);
        assertThat(asCustomer.get("/customer/profile").status()).isEqualTo(200);
        Page refused = asCustomer.get("/partner/customers");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.html()).contains("This page is not for your role").contains("Back to your dashboard");
        assertThat(asCustomer.get("/operator/customers").status()).isEqualTo(403);
        assertThat(asCustomer.get("/no-such-page").html()).contains("This page does not exist");
    }

    @Test
    void aCustomerMemberReadsTheBillingDetailsButCannotChangeThem() {
        Login customer = fixtures.invitedCustomer(fixtures.verifiedPartner());
        Login member = fixtures.customerMember(customer);
        PageClient asMember = new PageClient(port).logIn(member.email(), AccountPageFixtures.PASSWORD);

        Page profile = asMember.get("/customer/profile");
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.has("billing-read-only")).isTrue();
        assertThat(profile.has("billing")).isFalse();
        assertThat(profile.html()).contains(customer.company());

        Page refused = asMember.post("/customer/profile", Map.of("companyName", "Taken Over Ltd",
                "street", "Elsewhere 1", "postcode", "10115", "city", "Berlin", "country", "DE", "vatId", ""));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.html()).contains("Only a customer admin or an operator may change the billing details");
        Customer unchanged = accounts.customer(customer.user(), customer.user().customerId());
        assertThat(unchanged.name()).isEqualTo(customer.company());
        assertThat(unchanged.billingAddress().street()).isNull();
    }

    @Test
    void aFormSentWithoutItsCsrfTokenIsRefused() {
        PageClient script = new PageClient(port);
        String email = AccountPageFixtures.uniqueEmail("csrf");
        Page page = script.post("/signup", Map.of("companyName", "Cross Site Ltd", "country", "DE",
                "adminName", "Eve", "email", email, "password", AccountPageFixtures.PASSWORD));
        assertThat(page.status()).isEqualTo(403);
        assertThat(users.byEmail(email)).isEmpty();
    }

    private static String path(String link) {
        return link.substring(link.indexOf('/', "http://".length()));
    }
}
