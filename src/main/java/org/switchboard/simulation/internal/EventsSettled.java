package org.switchboard.simulation.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Waits until the events the simulation's actions published are handled: the modules learn of
 * subscriptions, invoices and returned debits after the commit, and the next step of the
 * simulation must find them known (billing rates a call by the subscription it knows of).
 * Counts the event publication registry's incomplete publications against those there were
 * before the simulation began (another run's failures stay failures).
 */
@Component
class EventsSettled {

    private static final Logger log = LoggerFactory.getLogger(EventsSettled.class);
    private static final long TIMEOUT_MILLIS = 60_000;

    private final JdbcClient jdbc;
    private long before;

    EventsSettled(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void startCounting() {
        before = incomplete();
    }

    void await() {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        long waiting;
        while ((waiting = incomplete()) > before) {
            if (System.currentTimeMillis() > deadline) {
                log.warn("Simulation: {} events still not handled after {} s; going on", waiting - before,
                        TIMEOUT_MILLIS / 1000);
                before = waiting;
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits (at most {@code timeout}) until the publications to listeners other than {@code listener} are handled. */
    void awaitOthersThan(String listener, java.time.Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (jdbc.sql("select count(*) from event_publication where completion_date is null and listener_id not like :l")
                .param("l", "%" + listener + "%").query(Long.class).single() > 0) {
            if (System.currentTimeMillis() > deadline) {
                log.warn("Simulation: events of other listeners still not handled after {} s; going on",
                        timeout.toSeconds());
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long incomplete() {
        return jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class)
                .single();
    }
}
