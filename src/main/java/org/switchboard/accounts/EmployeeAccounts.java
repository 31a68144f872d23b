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
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.NotFoundException;
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
        mailInvitation(admin, user, what);
        return new UserId(user.id());
    }

    /**
     * Sends the invitation again with a new link; the older links stop working. Refused once the
     * employee has set its password (it signs in, or asks for a reset on the login page).
     */
    @Transactional
    public void reinvite(CurrentUser admin, UserId id, String what) {
        UserRow user = employeeOf(admin, id);
        if (user.passwordHash() != null) {
            throw new ConflictException(null, user.name() + " has set a password already: they sign in, or ask for "
                    + "a new password on the login page.");
        }
        links.retireOpen(user.id(), Purpose.SET_PASSWORD);
        mailInvitation(admin, user, what);
    }

    /** Removes the employee user: it cannot sign in any more, and its signed-in sessions end at their next request. */
    @Transactional
    public void remove(CurrentUser admin, UserId id) {
        employeeOf(admin, id);
        users.deleteEmployee(id.value());
    }

    /**
     * Removes employee users of a phone system that was deleted: no admin acts, the system does.
     * Users that are not employees are left alone.
     */
    @Transactional
    public void removeOfDeletedInstance(List<UserId> ids) {
        ids.forEach(id -> users.deleteEmployee(id.value()));
    }

    /** Whether the user is still there: an employee's session ends when its user was removed. */
    @Transactional(readOnly = true)
    public boolean exists(UserId id) {
        return users.byId(id.value()).isPresent();
    }

    private UserRow employeeOf(CurrentUser admin, UserId id) {
        if (!admin.isCustomerAdmin()) {
            throw new ForbiddenException("Only the customer's admins manage employees.");
        }
        return users.byId(id.value()).filter(u -> u.role() == Role.EMPLOYEE)
                .filter(u -> admin.customerId().value().equals(u.customerId()))
                .orElseThrow(() -> new NotFoundException("There is no employee user " + id.value() + "."));
    }

    private void mailInvitation(CurrentUser admin, UserRow user, String what) {
        String link = links.issue(Purpose.SET_PASSWORD, user.id(), INVITATION_VALIDITY, "/password/reset");
        outbox.send(new OutgoingMail(user.email(), "Your desktop client at Switchboard",
                "Hello " + user.name() + ",\n\n" + admin.name() + " invited you to " + what
                        + ". Set your password here (valid for 14 days), then sign in and open the client:\n\n" + link
                        + "\n", List.of(link)));
    }
}
