package org.switchboard.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.Commands.ResetPassword;
import org.switchboard.accounts.internal.AccountTokens;
import org.switchboard.accounts.internal.AccountTokens.Purpose;
import org.switchboard.accounts.internal.UserRow;
import org.switchboard.accounts.internal.Users;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Validation;

/** Passwords: a reset link by e-mail, and setting a password through such a link (also the first one of a created partner). */
@Service
public class CredentialManagement {

    static final Duration PASSWORD_RESET_VALIDITY = Duration.ofHours(1);

    private final Users users;
    private final AccountLinks links;
    private final Outbox outbox;
    private final PasswordEncoder passwords;
    private final Clock clock;

    CredentialManagement(Users users, AccountLinks links, Outbox outbox, PasswordEncoder passwords, Clock clock) {
        this.users = users;
        this.links = links;
        this.outbox = outbox;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Sends a reset link if the address has an account; says nothing either way, so addresses cannot be probed. */
    @Transactional
    public void requestPasswordReset(String rawEmail) {
        new Validation().email("email", rawEmail).throwIfInvalid();
        users.byEmail(Validation.normalizeEmail(rawEmail)).ifPresent(user -> {
            links.retireOpen(user.id(), Purpose.SET_PASSWORD);
            String link = links.issue(Purpose.SET_PASSWORD, user.id(), PASSWORD_RESET_VALIDITY, "/password/reset");
            outbox.send(new OutgoingMail(user.email(), "Reset your Switchboard password",
                    "Hello " + user.name() + ",\n\nSomeone asked to reset the password of this account. "
                            + "If it was you, choose a new one here (valid for one hour):\n\n" + link
                            + "\n\nIf it was not you, ignore this mail: your password stays as it is.\n",
                    List.of(link)));
        });
    }

    /** Checks a password link before the form is shown. Not read-only: the check locks the token row. */
    @Transactional
    public String passwordLinkEmail(String secret) {
        AccountTokens.Token token = links.requireUsable(secret, Purpose.SET_PASSWORD, "password");
        return users.byId(token.userId()).orElseThrow().email();
    }

    @Transactional
    public void resetPassword(ResetPassword c) {
        AccountTokens.Token token = links.requireUsable(c.token(), Purpose.SET_PASSWORD, "password");
        UserRow user = users.byId(token.userId()).orElseThrow();
        String problem = PasswordPolicy.problemWith(c.password(), user.email());
        if (problem != null) {
            throw new InvalidInputException("password", problem);
        }
        Instant now = clock.instant();
        links.markUsed(token, now);
        users.setPassword(user.id(), passwords.encode(c.password()));
        // The link came by e-mail, so the address is proven.
        users.markVerified(user.id(), now);
    }
}
