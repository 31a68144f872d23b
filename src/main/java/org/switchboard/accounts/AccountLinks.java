package org.switchboard.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.internal.AccountTokens;
import org.switchboard.accounts.internal.AccountTokens.Purpose;
import org.switchboard.platform.Links;

/** The one-time links mailed to a user (confirm the address, set a password): issued, checked, used. */
@Component
class AccountLinks {

    private final AccountTokens tokens;
    private final Links links;
    private final Clock clock;

    AccountLinks(AccountTokens tokens, Links links, Clock clock) {
        this.tokens = tokens;
        this.links = links;
        this.clock = clock;
    }

    /** A new link to {@code page} with a token for {@code purpose}, valid for {@code validity} from now. */
    String issue(Purpose purpose, UUID userId, Duration validity, String page) {
        Instant now = clock.instant();
        return links.to(page + "?token=" + tokens.issue(purpose, userId, now, now.plus(validity)));
    }

    /** Retires the user's open links of {@code purpose}, so that only the newest works. */
    void retireOpen(UUID userId, Purpose purpose) {
        tokens.retireOpen(userId, purpose, clock.instant());
    }

    /** The token behind a link, locked, if it is known, unused and not expired; otherwise says why not. */
    AccountTokens.Token requireUsable(String secret, Purpose purpose, String what) {
        AccountTokens.Token token = secret == null ? null : tokens.lock(secret, purpose).orElse(null);
        if (token == null) {
            throw new InvalidLinkException(InvalidLinkException.Reason.UNKNOWN,
                    "This " + what + " link is not valid. Check that you copied the whole link from the e-mail.");
        }
        if (token.usedAt() != null) {
            throw new InvalidLinkException(InvalidLinkException.Reason.USED,
                    "This " + what + " link has already been used.");
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            throw new InvalidLinkException(InvalidLinkException.Reason.EXPIRED,
                    "This " + what + " link has expired. Ask for a new one.");
        }
        return token;
    }

    void markUsed(AccountTokens.Token token, Instant at) {
        tokens.markUsed(token.id(), at);
    }
}
