package org.switchboard.operations;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.switchboard.testing.Api;

/** The invoice run of a closed month as an operator drives it over the API, and what its result must be. */
final class MonthlyInvoices {

    private MonthlyInvoices() {
    }

    static Api.Response start(Api operator, YearMonth month) {
        Api.Response started = operator.post("/api/v1/invoice-runs", "{\"month\":\"" + month + "\"}");
        if (started.status() != 202) {
            throw new IllegalStateException("invoice run not started: " + started);
        }
        return started;
    }

    /** Polls the run's progress until it finished; fails after the timeout. */
    static Api.Response awaitFinished(Api operator, YearMonth month, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        Api.Response progress = null;
        while (System.nanoTime() < until) {
            try {
                progress = operator.get("/api/v1/invoice-runs/" + month);
                if (progress.status() == 200 && progress.text("finishedAt") != null) {
                    return progress;
                }
            } catch (IllegalStateException brokenConnection) {
                // the node or its database is away for a moment: ask again
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the invoice run of " + month + " did not finish within " + timeout + ": " + progress);
    }

    /**
     * What a finished run leaves, checked in the database: every customer of the month with exactly one
     * invoice, every invoice finalised, the invoice numbers 1..n of the series without a gap or a
     * duplicate, the series counter at n. Answers the problems found.
     */
    static List<String> check(DataSource database, int generatedCustomers) {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        List<String> problems = new ArrayList<>();
        Integer twice = jdbc.queryForObject("select count(*) from (select 1 from billing_invoices"
                + " group by coalesce(customer_id, partner_id), month, kind having count(*) > 1) t", Integer.class);
        if (twice != 0) {
            problems.add(twice + " customers with more than one invoice of a month");
        }
        Integer generated = jdbc.queryForObject("select count(distinct customer_id) from billing_invoices where"
                + " customer_id in (select md5('customer' || i)::uuid from generate_series(1, ?) i)", Integer.class,
                generatedCustomers);
        if (generated != generatedCustomers) {
            problems.add(generated + " of " + generatedCustomers + " customers of the month invoiced");
        }
        Integer drafts = jdbc.queryForObject("select count(*) from billing_invoices where number is null", Integer.class);
        if (drafts != 0) {
            problems.add(drafts + " invoices left without a number");
        }
        jdbc.query("""
                select count(*) as n, count(distinct number) as distinct_numbers,
                       min(cast(substring(number from 6) as integer)) as first,
                       max(cast(substring(number from 6) as integer)) as last
                from billing_invoices where kind = 'INVOICE'""", rs -> {
            long n = rs.getLong("n");
            if (rs.getLong("distinct_numbers") != n || rs.getLong("first") != 1 || rs.getLong("last") != n) {
                problems.add("invoice numbers not 1.." + n + ": " + rs.getLong("distinct_numbers") + " distinct, "
                        + rs.getLong("first") + ".." + rs.getLong("last"));
            }
        });
        return problems;
    }
}
