package org.switchboard.accounts.internal;

import java.time.Duration;

import org.switchboard.platform.GrowingDelay;

/**
 * How failed logins slow down further attempts (after OWASP's authentication guidance): counted
 * per account and source address together, per account across addresses (looser), and per source
 * address across accounts. Each scope slows down by the platform's {@link GrowingDelay}: its first
 * failures are free; each further failure makes the next attempt in that scope wait twice as long
 * as the last, up to a ceiling: a delay, never a lock. While a scope waits, attempts in it are
 * answered without checking the password and are not counted. Failures are forgotten an hour
 * after the last one; a success forgets the account's failures (of that address and of all
 * addresses), not the address's failures on other accounts.
 */
public enum LoginThrottlePolicy {

    /** Someone guessing one account's password from one place: the real user elsewhere is not held up. */
    ACCOUNT_AND_ADDRESS(5, Duration.ofSeconds(5), Duration.ofMinutes(15)),
    /** Guessing one account from many places: a short delay for everyone on it, one minute at most. */
    ACCOUNT(20, Duration.ofSeconds(2), Duration.ofMinutes(1)),
    /** One place trying many accounts (password spraying): generous, as an office shares one address. */
    ADDRESS(50, Duration.ofSeconds(5), Duration.ofMinutes(15));

    public static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final int freeFailures;
    private final Duration firstWait;
    private final Duration longestWait;

    LoginThrottlePolicy(int freeFailures, Duration firstWait, Duration longestWait) {
        this.freeFailures = freeFailures;
        this.firstWait = firstWait;
        this.longestWait = longestWait;
    }

    public int freeFailures() {
        return freeFailures;
    }

    /** This scope's growing delay, the platform's one rule of throttles. */
    public GrowingDelay rule() {
        return new GrowingDelay(freeFailures, firstWait, longestWait, FORGET_AFTER);
    }

    /** How long the next attempt waits after this many failures in a row; zero while they are free. */
    public Duration waitAfter(int failures) {
        return rule().after(failures);
    }

    /** What the scope counts: the account, the address, or both. */
    String subject(String email, String address) {
        return switch (this) {
            case ACCOUNT_AND_ADDRESS -> email + " " + address;
            case ACCOUNT -> email;
            case ADDRESS -> address;
        };
    }
}
