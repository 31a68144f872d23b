package org.switchboard.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.internal.AccountTokens.Purpose;
import org.switchboard.accounts.internal.UserRow;
import org.switchboard.accounts.internal.Users;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Validation;

/**
 * Employees as users: a customer admin invites a person of its phone system, who sets a password
 * from the mailed link and signs in with the role {@link Role#EMPLOYEE}. The employee belongs to
 * the customer but is no customer user: {@link CurrentUser#maySee} shows it none of the
 * customer's records.
 */
@Service
public class EmployeeAccounts {

    static final Duration INVITATION_VALIDITY = Duration.ofDays(14);

    private final Users users;
    private final AccountLinks links;
    private final Outbox outbox;
    private final Clock clock;

    EmployeeAccounts(Users users, AccountLinks links, Outbox outbox, Clock clock) {
        this.users = users;
        this.links = links;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A new employee user of the admin's customer; mails the link to set the password (valid 14 days). */
    @Transactional
    public UserId invite(CurrentUser admin, String name, String rawEmail, String what) {
        if (!admin.isCustomerAdmin()) {
            throw new ForbiddenException("Only the customer's admins invite employees.");
        }
        new Validation().text("name", "Name", name, 200).email("email", rawEmail).throwIfInvalid();
        String email = Validation.normalizeEmail(rawEmail);
        if (users.byEmail(email).isPresent()) {
            throw new InvalidInputException("email", "An account with " + email + " exists already.");
        }
        Instant now = clock.instant();
        UserRow user = new UserRow(UUID.randomUUID(), email, name.trim(), null, Role.EMPLOYEE, null,
                admin.customerId().value(), null, now);
        users.insert(user);
        String link = links.issue(Purpose.SET_PASSWORD, user.id(), INVITATION_VALIDITY, "/password/reset");
        outbox.send(new OutgoingMail(email, "Your desktop client at Switchboard",
                "Hello " + user.name() + ",\n\n" + admin.name() + " invited you to " + what
                        + ". Set your password here (valid for 14 days), then sign in and open the client:\n\n" + link
                        + "\n", List.of(link)));
        return new UserId(user.id());
    }
}
