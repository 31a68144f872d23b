package org.switchboard.phone.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The counts of {@link PairingThrottlePolicy}, in the database so that every node counts the same
 * attempts. A counted attempt is kept even when the request that made it fails (its own transaction).
 */
@Repository
public class PairingThrottle {

    private final JdbcClient jdbc;
    private final Clock clock;

    PairingThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How long an attempt in this scope must still wait; zero when it may go now. */
    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    public Duration waitFor(PairingThrottlePolicy scope, String subject) {
        Instant now = clock.instant();
        return jdbc.sql("""
                select blocked_until from phone_pairing_throttle
                where scope = :scope and subject = :subject and last_attempt >= :forget""")
                .param("scope", scope.name()).param("subject", subject)
                .param("forget", Timestamp.from(scope.rule().forgetBefore(now)))
                .query(Timestamp.class).optional().map(Timestamp::toInstant).filter(until -> until.isAfter(now))
                .map(until -> Duration.between(now, until)).orElse(Duration.ZERO);
    }

    /** Counts one attempt in the scope and sets how long the next one waits. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void count(PairingThrottlePolicy scope, String subject) {
        Instant now = clock.instant();
        Timestamp forget = Timestamp.from(now.minus(PairingThrottlePolicy.FORGET_AFTER));
        jdbc.sql("delete from phone_pairing_throttle where last_attempt < :forget"
                + " and (blocked_until is null or blocked_until < :now)")
                .param("forget", forget).param("now", Timestamp.from(now)).update();
        int attempts = jdbc.sql("""
                insert into phone_pairing_throttle (scope, subject, attempts, last_attempt, blocked_until)
                values (:scope, :subject, 1, :at, null)
                on conflict (scope, subject) do update set
                  attempts = case when phone_pairing_throttle.last_attempt < :forget then 1
                                  else phone_pairing_throttle.attempts + 1 end,
                  last_attempt = :at
                returning attempts""")
                .param("scope", scope.name()).param("subject", subject).param("at", Timestamp.from(now))
                .param("forget", Timestamp.from(scope.rule().forgetBefore(now))).query(Integer.class).single();
        Duration wait = scope.rule().after(attempts);
        jdbc.sql("update phone_pairing_throttle set blocked_until = :until where scope = :scope and subject = :subject")
                .param("until", wait.isZero() ? null : Timestamp.from(now.plus(wait))).param("scope", scope.name())
                .param("subject", subject).update();
    }
}
