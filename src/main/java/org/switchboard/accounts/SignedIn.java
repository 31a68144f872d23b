package org.switchboard.accounts;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The signed-in user of the current request, for code outside a controller (a WebSocket
 * handshake, for one); controllers declare a {@link CurrentUser} parameter instead.
 */
public final class SignedIn {

    /** What the session's principal is: a user of this platform. */
    public interface Principal {
        CurrentUser user();
    }

    private SignedIn() {
    }

    public static Optional<CurrentUser> user() {
        return user(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Optional<CurrentUser> user(Authentication auth) {
        return auth != null && auth.getPrincipal() instanceof Principal p ? Optional.of(p.user()) : Optional.empty();
    }
}
