package org.switchboard.accounts.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.switchboard.accounts.internal.LoginThrottle;
import org.switchboard.accounts.internal.UserRow;
import org.switchboard.accounts.internal.Users;
import org.switchboard.accounts.internal.VerifiedPasswords;
import org.switchboard.platform.Validation;

/**
 * E-mail and password, for the login form and for HTTP Basic alike. A wrong address and a wrong
 * password fail the same way and take the same time; repeated failures are slowed down per account
 * and source address, per account and per address ({@link LoginThrottle}). A password bcrypt found
 * right is not checked with bcrypt again for a minute ({@link VerifiedPasswords}): HTTP Basic sends it
 * with every request of an API client.
 */
@Component
class PasswordAuthentication implements AuthenticationProvider {

    static final String WRONG = "Wrong e-mail or password.";

    private final Users users;
    private final LoginThrottle throttle;
    private final PasswordEncoder encoder;
    private final String dummyHash;
    private final VerifiedPasswords verified;

    PasswordAuthentication(Users users, LoginThrottle throttle, PasswordEncoder encoder, java.time.Clock clock) {
        this.verified = new VerifiedPasswords(clock);
        this.users = users;
        this.throttle = throttle;
        this.encoder = encoder;
        this.dummyHash = encoder.encode("not a password of anyone");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = Validation.normalizeEmail(authentication.getName());
        String password = String.valueOf(authentication.getCredentials());
        if (email == null || email.isEmpty() || email.length() > 254) {
            throw new BadCredentialsException(WRONG);
        }
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
        Duration wait = throttle.waitFor(email, address);
        if (!wait.isZero()) {
            throw new LoginThrottledException(wait);
        }
        Optional<UserRow> found = users.byEmail(email);
        String hash = found.map(UserRow::passwordHash).orElse(null);
        boolean matches = hash != null && verified.verifiedRecently(email, password, hash)
                || encoder.matches(password, hash == null ? dummyHash : hash) && hash != null;
        if (!matches) {
            throttle.failed(email, address);
            throw new BadCredentialsException(WRONG);
        }
        UserRow user = found.get();
        if (!user.verified()) {
            throw new DisabledException("Confirm your e-mail address first: follow the link in the mail we sent to "
                    + user.email() + ".");
        }
        throttle.succeeded(email, address);
        verified.verified(email, password, hash);
        return UsernamePasswordAuthenticationToken.authenticated(new SignedInUser(user.asCurrentUser()), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
