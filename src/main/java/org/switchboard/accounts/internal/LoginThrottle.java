package org.switchboard.accounts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down password guessing as {@link LoginThrottlePolicy} describes. Kept in the database so
 * every node counts the same failures; rows of unknown addresses and e-mails go an hour after
 * their last failure.
 */
@Component
public class LoginThrottle {

    private final JdbcClient jdbc;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How long an attempt for this account from this address must still wait; zero when it may try now. */
    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    public Duration waitFor(String email, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (LoginThrottlePolicy scope : LoginThrottlePolicy.values()) {
            Duration wait = jdbc.sql("""
                    select blocked_until from login_throttle
                    where scope = :scope and subject = :subject and last_failure >= :forget""")
                    .param("scope", scope.name()).param("subject", scope.subject(email, address))
                    .param("forget", Timestamp.from(scope.rule().forgetBefore(now)))
                    .query(Timestamp.class).optional().map(Timestamp::toInstant).filter(until -> until.isAfter(now))
                    .map(until -> Duration.between(now, until)).orElse(Duration.ZERO);
            if (wait.compareTo(longest) > 0) {
                longest = wait;
            }
        }
        return longest;
    }

    /** One failed attempt, counted once in each scope. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(String email, String address) {
        Instant now = clock.instant();
        Timestamp forgetBefore = Timestamp.from(now.minus(LoginThrottlePolicy.FORGET_AFTER));
        jdbc.sql("delete from login_throttle where last_failure < :forget and (blocked_until is null or blocked_until < :now)")
                .param("forget", forgetBefore).param("now", Timestamp.from(now)).update();
        for (LoginThrottlePolicy scope : LoginThrottlePolicy.values()) {
            int failures = jdbc.sql("""
                    insert into login_throttle (scope, subject, failures, last_failure, blocked_until)
                    values (:scope, :subject, 1, :at, null)
                    on conflict (scope, subject) do update set
                      failures = case when login_throttle.last_failure < :forget then 1 else login_throttle.failures + 1 end,
                      last_failure = :at
                    returning failures""")
                    .param("scope", scope.name()).param("subject", scope.subject(email, address))
                    .param("at", Timestamp.from(now)).param("forget", Timestamp.from(scope.rule().forgetBefore(now)))
                    .query(Integer.class).single();
            Duration wait = scope.rule().after(failures);
            jdbc.sql("update login_throttle set blocked_until = :until where scope = :scope and subject = :subject")
                    .param("until", wait.isZero() ? null : Timestamp.from(now.plus(wait))).param("scope", scope.name())
                    .param("subject", scope.subject(email, address)).update();
        }
    }

    /** The account's owner logged in: its failures are forgotten; the address's failures on other accounts are not. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void succeeded(String email, String address) {
        jdbc.sql("delete from login_throttle where (scope = 'ACCOUNT_AND_ADDRESS' and subject = :pair)"
                + " or (scope = 'ACCOUNT' and subject = :email)")
                .param("pair", LoginThrottlePolicy.ACCOUNT_AND_ADDRESS.subject(email, address)).param("email", email)
                .update();
    }
}
