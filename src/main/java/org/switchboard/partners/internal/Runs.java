package org.switchboard.partners.internal;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Work done once per period across every node: a transaction-scoped advisory lock keeps a second
 * node out while the first runs, and the row written in the same transaction says it is done.
 */
@Repository
public class Runs {

    private final JdbcClient jdbc;

    Runs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True when this transaction may do the run: nobody else is doing it and nobody has done it. Call inside a transaction. */
    public boolean claim(String kind, String period) {
        Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(hashtext(:k))").param("k", "partners:" + kind)
                .query(Boolean.class).single();
        if (!Boolean.TRUE.equals(locked)) {
            return false;
        }
        return jdbc.sql("select count(*) from programme_runs where kind = :k and period = :p")
                .param("k", kind).param("p", period).query(Integer.class).single() == 0;
    }

    public void done(String kind, String period, Instant at) {
        jdbc.sql("insert into programme_runs (kind, period, done_at) values (:k, :p, :at)")
                .param("k", kind).param("p", period).param("at", Timestamp.from(at)).update();
    }

    public boolean isDone(String kind, String period) {
        return jdbc.sql("select count(*) from programme_runs where kind = :k and period = :p")
                .param("k", kind).param("p", period).query(Integer.class).single() > 0;
    }
}
