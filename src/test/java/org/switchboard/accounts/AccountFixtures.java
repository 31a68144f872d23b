package org.switchboard.accounts;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.Commands.AcceptInvitation;
import org.switchboard.accounts.Commands.InviteCustomer;
import org.switchboard.accounts.Commands.RegisterPartner;
import org.switchboard.accounts.Commands.UpdateBillingDetails;
import org.switchboard.mail.Outbox;
import org.switchboard.mail.StoredMail;
import org.switchboard.testing.IntegrationTestBase;

/** Partners and customers made the way users make them, for tests; each with a unique e-mail address. */
@Component
public class AccountFixtures {

    public record PartnerAccount(PartnerId id, String email, CurrentUser admin) {
    }

    public record CustomerAccount(CustomerId id, String email, CurrentUser admin) {
    }

    private final AccountManagement accounts;
    private final Outbox outbox;

    AccountFixtures(AccountManagement accounts, Outbox outbox) {
        this.accounts = accounts;
        this.outbox = outbox;
    }

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static RegisterPartner partnerRegistration(String company, String email) {
        return new RegisterPartner(company, "Ringstraße 5", "10115", "Berlin", "DE", "DE111222333",
                "https://reseller.example.com", "Rita Reseller", "+49 30 123456", "Rita Reseller", email,
                IntegrationTestBase.PASSWORD);
    }

    public PartnerAccount verifiedPartner(String company) {
        String email = uniqueEmail("partner");
        PartnerId id = accounts.registerPartner(partnerRegistration(company, email));
        CurrentUser admin = accounts.verifyEmail(tokenFromLink(email, "/verify-email?token="));
        return new PartnerAccount(id, email, admin);
    }

    public CustomerAccount invitedCustomer(PartnerAccount partner, String company, boolean withBillingAddress) {
        String email = uniqueEmail("customer");
        accounts.invite(partner.admin(), new InviteCustomer(company, email));
        String token = tokenFromLink(email, "/invitations/");
        CustomerId id = accounts.acceptInvitation(token, new AcceptInvitation("Carla Customer",
                IntegrationTestBase.PASSWORD, "DE"));
        CurrentUser admin = accounts.customers(partner.admin()).stream().filter(c -> c.id().equals(id)).findFirst()
                .map(c -> new CurrentUser(UserId.random(), email, "Carla Customer", Role.CUSTOMER_ADMIN, null, id))
                .orElseThrow();
        if (withBillingAddress) {
            accounts.updateBillingDetails(admin, id,
                    new UpdateBillingDetails(company, "Marienplatz 1", "80331", "München", "DE", null));
        }
        return new CustomerAccount(id, email, admin);
    }

    /** The secret of the newest link of this kind mailed to this address. */
    public String tokenFromLink(String email, String marker) {
        return outbox.newest(500).stream()
                .filter(m -> m.to().equals(email))
                .flatMap(m -> m.links().stream())
                .filter(link -> link.contains(marker))
                .findFirst()
                .map(link -> link.substring(link.indexOf(marker) + marker.length()))
                .orElseThrow(() -> new AssertionError("no mail to " + email + " with a link containing " + marker));
    }

    public StoredMail newestMailTo(String email) {
        return outbox.newest(500).stream().filter(m -> m.to().equals(email)).findFirst()
                .orElseThrow(() -> new AssertionError("no mail to " + email));
    }
}
