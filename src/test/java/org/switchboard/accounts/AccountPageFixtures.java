package org.switchboard.accounts;

import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.switchboard.accounts.Commands.AcceptInvitation;
import org.switchboard.accounts.Commands.InviteCustomer;
import org.switchboard.accounts.Commands.RegisterPartner;
import org.switchboard.accounts.internal.UserRow;
import org.switchboard.accounts.internal.Users;
import org.switchboard.testing.IntegrationTestBase;
import org.switchboard.testing.Mailbox;

import com.icegreen.greenmail.util.GreenMail;

/**
 * Partners and customers for page tests, made through the use cases and the e-mailed links, as
 * the people themselves would. Every account gets a fresh address, so tests never meet each other.
 */
final class AccountPageFixtures {

    static final String PASSWORD = IntegrationTestBase.PASSWORD;

    /** A person who can log in, with the company they belong to. */
    record Login(CurrentUser user, String email, String name, String company) {
    }

    private final AccountManagement accounts;
    private final Users users;
    private final PasswordEncoder passwords;
    private final GreenMail mail;

    AccountPageFixtures(AccountManagement accounts, Users users, PasswordEncoder passwords, GreenMail mail) {
        this.accounts = accounts;
        this.users = users;
        this.passwords = passwords;
        this.mail = mail;
    }

    static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    static String uniqueCompany(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    static RegisterPartner partnerRegistration(String company, String email) {
        return new RegisterPartner(company, "Lindenstraße 4", "94469", "Deggendorf", "DE", "DE123456789",
                "https://reseller.example.test", "Rita Reseller", "+49 991 2345", "Rita Reseller", email, PASSWORD);
    }

    /** A partner that registered itself and confirmed its e-mail: Registered, with one partner admin. */
    Login verifiedPartner() {
        String company = uniqueCompany("Reseller");
        String email = uniqueEmail("partner");
        accounts.registerPartner(partnerRegistration(company, email));
        CurrentUser user = accounts.verifyEmail(token(Mailbox.awaitLink(mail, email, "/verify-email")));
        return new Login(user, email, "Rita Reseller", company);
    }

    /** The link a partner's invitation mail carries, for a new company and address. */
    String invitationLink(Login partner, String company, String email) {
        accounts.invite(partner.user(), new InviteCustomer(company, email));
        return Mailbox.awaitLink(mail, email, "/invitations/");
    }

    /** A customer invited by the partner that has accepted: its admin is verified, its billing address still open. */
    Login invitedCustomer(Login partner) {
        String company = uniqueCompany("Customer");
        String email = uniqueEmail("customer");
        String secret = lastSegment(invitationLink(partner, company, email));
        accounts.acceptInvitation(secret, new AcceptInvitation("Clara Customer", PASSWORD, "DE"));
        return new Login(users.byEmail(email).orElseThrow().asCurrentUser(), email, "Clara Customer", company);
    }

    /** A further user of a customer, without admin rights; there is no page to add one yet. */
    Login customerMember(Login customerAdmin) {
        String email = uniqueEmail("member");
        var now = java.time.Instant.now();
        users.insert(new UserRow(UUID.randomUUID(), email, "Max Member", passwords.encode(PASSWORD),
                Role.CUSTOMER_MEMBER, null, customerAdmin.user().customerId().value(), now, now));
        return new Login(users.byEmail(email).orElseThrow().asCurrentUser(), email, "Max Member",
                customerAdmin.company());
    }

    static String token(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    static String lastSegment(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }
}
