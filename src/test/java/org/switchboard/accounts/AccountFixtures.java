package org.switchboard.accounts;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.switchboard.accounts.Commands.AcceptInvitation;
import org.switchboard.accounts.Commands.InviteCustomer;
import org.switchboard.accounts.Commands.RegisterPartner;
import org.switchboard.accounts.Commands.UpdateBillingDetails;
import org.switchboard.accounts.internal.UserRow;
import org.switchboard.accounts.internal.Users;
import org.switchboard.mail.Outbox;
import org.switchboard.mail.StoredMail;
import org.switchboard.testing.IntegrationTestBase;

/**
 * Partners and customers for tests, made through the use cases and the e-mailed links, as the
 * people themselves would. Every account gets a fresh address, so tests never meet each other.
 *
 * <p>Mails are found by their address and what they say (a subject, a kind of link), never as "the
 * newest": the tests share one database and one clock that moves years back and forth, so the
 * order of creation times says nothing.
 */
@Component
public class AccountFixtures {

    public static final String PASSWORD = IntegrationTestBase.PASSWORD;

    /** A partner with its first admin, who can log in with {@link #PASSWORD}. */
    public record PartnerAccount(PartnerId id, String email, CurrentUser admin, String company) {
    }

    /** A customer with its first admin, who can log in with {@link #PASSWORD}. */
    public record CustomerAccount(CustomerId id, String email, CurrentUser admin, String company) {
    }

    /** A further user of a customer, without admin rights. */
    public record CustomerMember(CurrentUser user, String email) {
    }

    private final AccountManagement accounts;
    private final Registration registration;
    private final CustomerInvitations invitations;
    private final InvitationAcceptance acceptance;
    private final Users users;
    private final PasswordEncoder passwords;
    private final Outbox outbox;
    private final Clock clock;

    AccountFixtures(AccountManagement accounts, Registration registration, CustomerInvitations invitations,
            InvitationAcceptance acceptance, Users users, PasswordEncoder passwords, Outbox outbox, Clock clock) {
        this.accounts = accounts;
        this.registration = registration;
        this.invitations = invitations;
        this.acceptance = acceptance;
        this.users = users;
        this.passwords = passwords;
        this.outbox = outbox;
        this.clock = clock;
    }

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static String uniqueCompany(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    public static RegisterPartner partnerRegistration(String company, String email) {
        return new RegisterPartner(company, "Ringstraße 5", "10115", "Berlin", "DE", "DE111222333",
                "https://reseller.example.com", "Rita Reseller", "+49 30 123456", "Rita Reseller", email, PASSWORD);
    }

    /** A partner that registered itself and confirmed its e-mail: Registered, with one partner admin. */
    public PartnerAccount verifiedPartner() {
        return verifiedPartner(uniqueCompany("Reseller"));
    }

    public PartnerAccount verifiedPartner(String company) {
        String email = uniqueEmail("partner");
        PartnerId id = registration.registerPartner(partnerRegistration(company, email));
        CurrentUser admin = registration.verifyEmail(token(link(email, "/verify-email?token=")));
        return new PartnerAccount(id, email, admin, company);
    }

    /** The link a partner's invitation mail carries, for a new company and address. */
    public String invitationLink(PartnerAccount partner, String company, String email) {
        invitations.invite(partner.admin(), new InviteCustomer(company, email));
        return link(email, "/invitations/");
    }

    /** A customer invited by the partner that has accepted: its admin is verified, its billing address still open. */
    public CustomerAccount invitedCustomer(PartnerAccount partner) {
        return invitedCustomer(partner, uniqueCompany("Customer"), false);
    }

    public CustomerAccount invitedCustomer(PartnerAccount partner, String company, boolean withBillingAddress) {
        String email = uniqueEmail("customer");
        String secret = lastSegment(invitationLink(partner, company, email));
        CustomerId id = acceptance.acceptInvitation(secret, new AcceptInvitation("Carla Customer", PASSWORD, "DE"));
        CurrentUser admin = users.byEmail(email).orElseThrow().asCurrentUser();
        if (withBillingAddress) {
            accounts.updateBillingDetails(admin, id,
                    new UpdateBillingDetails(company, "Marienplatz 1", "80331", "München", "DE", null));
        }
        return new CustomerAccount(id, email, admin, company);
    }

    /** A further user of a customer, without admin rights; there is no page to add one yet. */
    public CustomerMember customerMember(CustomerAccount customer) {
        String email = uniqueEmail("member");
        var now = clock.instant();
        users.insert(new UserRow(UUID.randomUUID(), email, "Max Member", passwords.encode(PASSWORD),
                Role.CUSTOMER_MEMBER, null, customer.id().value(), now, now));
        return new CustomerMember(users.byEmail(email).orElseThrow().asCurrentUser(), email);
    }

    // ---- mails ----------------------------------------------------------------------------------

    /** Every mail to this address, as the outbox keeps it. */
    public List<StoredMail> mailsTo(String email) {
        return outbox.to(email);
    }

    /** The one mail to this address with this subject; fails when there is none or more than one. */
    public StoredMail mailTo(String email, String subject) {
        List<StoredMail> found = outbox.to(email).stream().filter(m -> m.subject().equals(subject)).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " mails to " + email + " with the subject '" + subject
                    + "'; there are: " + outbox.to(email).stream().map(StoredMail::subject).toList());
        }
        return found.get(0);
    }

    /** The one link containing {@code part} mailed to this address; fails when there is none or several. */
    public String link(String email, String part) {
        List<String> found = outbox.to(email).stream().flatMap(m -> m.links().stream())
                .filter(link -> link.contains(part)).distinct().toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " links containing '" + part + "' mailed to " + email);
        }
        return found.get(0);
    }

    /** The secret of the one link of this kind mailed to this address: what follows {@code marker}. */
    public String tokenFromLink(String email, String marker) {
        String link = link(email, marker);
        return link.substring(link.indexOf(marker) + marker.length());
    }

    public static String token(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    public static String lastSegment(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }
}
