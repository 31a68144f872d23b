package org.switchboard.accounts;

import static org.switchboard.accounts.AccountFields.country;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.Commands.AcceptInvitation;
import org.switchboard.accounts.internal.Customers;
import org.switchboard.accounts.internal.Invitations;
import org.switchboard.accounts.internal.UserRow;
import org.switchboard.accounts.internal.Users;
import org.switchboard.platform.Validation;

/** The invited customer follows the link: its account is created, tied to the inviting partner. */
@Service
public class InvitationAcceptance {

    private final Invitations invitations;
    private final Users users;
    private final Customers customers;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    InvitationAcceptance(Invitations invitations, Users users, Customers customers, PasswordEncoder passwords,
            Clock clock, ApplicationEventPublisher events) {
        this.invitations = invitations;
        this.users = users;
        this.customers = customers;
        this.passwords = passwords;
        this.clock = clock;
        this.events = events;
    }

    /** The invitation behind a link, if it can still be accepted. */
    @Transactional(readOnly = true)
    public Invitation openInvitation(String secret) {
        return requireOpen(invitations.bySecret(secret, false).orElse(null));
    }

    @Transactional
    public CustomerId acceptInvitation(String secret, AcceptInvitation c) {
        Invitation invitation = requireOpen(invitations.bySecret(secret, true).orElse(null));
        Validation v = new Validation()
                .text("adminName", "Your name", c.adminName(), 200)
                .country("country", c.country());
        v.check(PasswordPolicy.problemWith(c.password(), invitation.email()) == null, "password",
                PasswordPolicy.problemWith(c.password(), invitation.email()));
        v.throwIfInvalid();
        if (users.byEmail(invitation.email()).isPresent()) {
            throw new InvalidLinkException(InvalidLinkException.Reason.USED,
                    "An account with " + invitation.email() + " exists already: log in instead.");
        }
        Instant now = clock.instant();
        CustomerId id = CustomerId.random();
        customers.insert(id.value(), invitation.companyName(), new Address(null, null, null, country(c.country())),
                null, invitation.partnerId().value(), now);
        // Following the e-mailed link proves the address: the admin is verified at once.
        users.insert(new UserRow(UUID.randomUUID(), invitation.email(), c.adminName().trim(),
                passwords.encode(c.password()), Role.CUSTOMER_ADMIN, null, id.value(), now, now));
        invitations.markAccepted(invitation.id(), id.value(), now);
        events.publishEvent(new InvitationAccepted(invitation.id(), id, invitation.partnerId(), now));
        return id;
    }

    private Invitation requireOpen(Invitation invitation) {
        if (invitation == null) {
            throw new InvalidLinkException(InvalidLinkException.Reason.UNKNOWN,
                    "This invitation link is not valid. Check that you copied the whole link from the e-mail.");
        }
        return switch (invitation.stateAt(clock.instant())) {
            case OPEN -> invitation;
            case ACCEPTED -> throw new InvalidLinkException(InvalidLinkException.Reason.USED,
                    "This invitation has already been used. Log in with the account it created.");
            case WITHDRAWN -> throw new InvalidLinkException(InvalidLinkException.Reason.USED,
                    "This invitation was replaced by a newer one. Use the link from the latest e-mail of "
                            + invitation.partnerName() + ".");
            case EXPIRED -> throw new InvalidLinkException(InvalidLinkException.Reason.EXPIRED,
                    "This invitation expired. Ask " + invitation.partnerName() + " to invite you again.");
        };
    }
}
