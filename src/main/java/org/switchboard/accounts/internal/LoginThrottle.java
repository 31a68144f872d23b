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
 * Slows down password guessing per e-mail address: after {@value #FREE_FAILURES} failures in a row
 * each further attempt waits twice as long as the last (5 s, 10 s, 20 s, ... at most 15 minutes).
 * Kept in the database so every node counts the same failures.
 */
@Component
public class LoginThrottle {

    static final int FREE_FAILURES = 5;
    private static final Duration FIRST_WAIT = Duration.ofSeconds(5);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How long this address must still wait before the next attempt counts; zero when it may try now. */
    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    public Duration waitFor(String email) {
        Instant now = clock.instant();
        return jdbc.sql("select locked_until from login_failures where email = :e").param("e", email)
                .query(Timestamp.class).optional()
                .map(Timestamp::toInstant)
                .filter(until -> until.isAfter(now))
                .map(until -> Duration.between(now, until))
                .orElse(Duration.ZERO);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(String email) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        Timestamp forgetBefore = Timestamp.from(now.minus(FORGET_AFTER));
        int failures = jdbc.sql("""
                insert into login_failures (email, failures, last_failure) values (:e, 1, :at)
                on conflict (email) do update set
                  failures = case when login_failures.last_failure < :forget then 1 else login_failures.failures + 1 end,
                  last_failure = :at
                returning failures""")
                .param("e", email).param("at", at).param("forget", forgetBefore)
                .query(Integer.class).single();
        if (failures >= FREE_FAILURES) {
            jdbc.sql("update login_failures set locked_until = :until where email = :e")
                    .param("until", Timestamp.from(now.plus(waitAfter(failures)))).param("e", email).update();
        }
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void succeeded(String email) {
        jdbc.sql("delete from login_failures where email = :e").param("e", email).update();
    }

    static Duration waitAfter(int failures) {
        int doublings = Math.min(failures - FREE_FAILURES, 20);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }
}
