package org.switchboard.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.Commands.InviteCustomer;
import org.switchboard.accounts.internal.Invitations;
import org.switchboard.accounts.internal.Partners;
import org.switchboard.accounts.internal.Users;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.Links;
import org.switchboard.platform.Validation;

/** A partner invites a customer by e-mail (a newer invitation to the same address replaces the open one). */
@Service
public class CustomerInvitations {

    static final Duration INVITATION_VALIDITY = Duration.ofDays(14);

    private final Users users;
    private final Partners partners;
    private final Invitations invitations;
    private final Outbox outbox;
    private final Links links;
    private final Clock clock;

    CustomerInvitations(Users users, Partners partners, Invitations invitations, Outbox outbox, Links links,
            Clock clock) {
        this.users = users;
        this.partners = partners;
        this.invitations = invitations;
        this.outbox = outbox;
        this.links = links;
        this.clock = clock;
    }

    @Transactional
    public Invitation invite(CurrentUser inviter, InviteCustomer c) {
        if (!inviter.isPartner()) {
            throw new ForbiddenException("Only partner users invite customers");
        }
        new Validation()
                .text("companyName", "Company name", c.companyName(), 200)
                .email("email", c.email())
                .throwIfInvalid();
        String email = Validation.normalizeEmail(c.email());
        if (users.byEmail(email).isPresent()) {
            throw new ConflictException("email", email
                    + " already has a Switchboard account; nothing was linked. Ask the customer to contact the operator.");
        }
        Instant now = clock.instant();
        invitations.withdrawOpen(inviter.partnerId().value(), email, now);
        UUID id = UUID.randomUUID();
        String secret = invitations.insert(id, inviter.partnerId().value(), inviter.id().value(),
                c.companyName().trim(), email, now, now.plus(INVITATION_VALIDITY));
        Partner partner = partners.byId(inviter.partnerId().value()).orElseThrow();
        String link = links.to("/invitations/" + secret);
        outbox.send(new OutgoingMail(email, partner.name() + " invites you to Switchboard",
                "Hello,\n\n" + inviter.name() + " of " + partner.name() + " invites " + c.companyName().trim()
                        + " to Switchboard, the cloud phone system.\n\nCreate your account here (the link works once, for 14 days):\n\n"
                        + link + "\n", List.of(link)));
        return invitations.ofPartner(inviter.partnerId().value()).stream().filter(i -> i.id().equals(id))
                .findFirst().orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Invitation> invitations(CurrentUser viewer) {
        if (!viewer.isPartner()) {
            throw new ForbiddenException("Only partner users have invitations");
        }
        return invitations.ofPartner(viewer.partnerId().value());
    }
}
