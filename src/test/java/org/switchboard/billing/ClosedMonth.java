package org.switchboard.billing;

import java.time.YearMonth;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A month just ended, ready for its invoice run, written straight into a database: customers with
 * a subscribed instance, SEPA mandate and timeline, and rated calls, as the invoice run benchmark
 * makes them (for tests whose application runs in another process).
 */
public final class ClosedMonth {

    private ClosedMonth() {
    }

    /** The month before the current one in the platform's default time zone, whose run may start. */
    public static YearMonth last() {
        return YearMonth.now(InvoiceRunBenchmark.BERLIN).minusMonths(1);
    }

    /** Customers {@code md5('customer' || i)} for i in 1..customers, with their instances and calls. */
    public static void generate(DataSource database, int customers, long calls) {
        InvoiceRunBenchmark.generate(JdbcClient.create(database), last(), customers, calls);
    }
}
