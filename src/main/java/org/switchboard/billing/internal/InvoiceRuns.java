package org.switchboard.billing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One row per month's run and one work item per customer. Creating both is one statement each in
 * one transaction, and a second start of the same month finds the row and creates nothing; work
 * items are claimed with {@code FOR UPDATE SKIP LOCKED}, so nodes share a run without overlap.
 * What a customer's invoice bills (calls, timeline changes) is claimed when its item is worked
 * off, not when the run is created: see {@code CallRecords.billFor} and {@code SubscriptionTimelines.billFor}.
 */
@Repository
public class InvoiceRuns {

    public record Run(YearMonth month, Instant startedAt, String startedBy, Instant finishedAt, int totalItems,
            int doneItems, int invoices, java.math.BigDecimal net, java.math.BigDecimal gross) {

        public boolean finished() {
            return finishedAt != null;
        }
    }

    private final JdbcClient jdbc;

    InvoiceRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the run and its work items unless the month has one; answers whether it was created now. */
    public boolean create(YearMonth month, Instant at, String by, Instant subscribedBefore) {
        int created = jdbc.sql("""
                insert into billing_runs (month, started_at, started_by, total_items) values (:m, :at, :by, 0)
                on conflict (month) do nothing""")
                .param("m", month.toString()).param("at", Timestamp.from(at)).param("by", by).update();
        if (created == 0) {
            return false;
        }
        int items = jdbc.sql("""
                insert into billing_run_items (month, customer_id)
                select distinct :m, customer_id from billing_timeline where at < :before""")
                .param("m", month.toString()).param("before", Timestamp.from(subscribedBefore)).update();
        jdbc.sql("update billing_runs set total_items = :n where month = :m").param("n", items)
                .param("m", month.toString()).update();
        return true;
    }

    /** The months before {@code month} whose runs are not finished. */
    public List<YearMonth> unfinishedBefore(YearMonth month) {
        return jdbc.sql("select month from billing_runs where finished_at is null and month < :m order by month")
                .param("m", month.toString()).query((rs, n) -> YearMonth.parse(rs.getString(1))).list();
    }

    /** Up to {@code limit} customers of the run no other transaction is working on. */
    public List<UUID> claim(YearMonth month, int limit) {
        return jdbc.sql("""
                select customer_id from billing_run_items where month = :m and not done
                order by customer_id limit :l for update skip locked""")
                .param("m", month.toString()).param("l", limit).query(UUID.class).list();
    }

    public void done(YearMonth month, UUID customer, UUID invoice) {
        jdbc.sql("update billing_run_items set done = true, invoice_id = :i where month = :m and customer_id = :c")
                .param("i", invoice).param("m", month.toString()).param("c", customer).update();
    }

    /** Marks the run finished once no item is left; answers whether it is finished. */
    public boolean finishIfComplete(YearMonth month, Instant at) {
        jdbc.sql("""
                update billing_runs set finished_at = :at where month = :m and finished_at is null
                and not exists (select 1 from billing_run_items where month = :m and not done)""")
                .param("at", Timestamp.from(at)).param("m", month.toString()).update();
        return find(month).map(Run::finished).orElse(false);
    }

    public Optional<Run> find(YearMonth month) {
        return jdbc.sql(SELECT + " where r.month = :m").param("m", month.toString()).query(InvoiceRuns::row).optional();
    }

    public List<Run> all() {
        return jdbc.sql(SELECT + " order by r.month desc").query(InvoiceRuns::row).list();
    }

    public List<YearMonth> unfinished() {
        return jdbc.sql("select month from billing_runs where finished_at is null order by month")
                .query((rs, n) -> YearMonth.parse(rs.getString(1))).list();
    }

    private static final String SELECT = """
            select r.month, r.started_at, r.started_by, r.finished_at, r.total_items,
                   (select count(*) from billing_run_items i where i.month = r.month and i.done) as done_items,
                   (select count(*) from billing_run_items i where i.month = r.month and i.invoice_id is not null) as invoices,
                   (select coalesce(sum(v.net), 0) from billing_invoices v where v.month = r.month and v.number is not null
                      and v.corrects_invoice_id is null) as net,
                   (select coalesce(sum(v.gross), 0) from billing_invoices v where v.month = r.month and v.number is not null
                      and v.corrects_invoice_id is null) as gross
            from billing_runs r""";

    private static Run row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Run(YearMonth.parse(rs.getString("month")), rs.getTimestamp("started_at").toInstant(),
                rs.getString("started_by"), finished == null ? null : finished.toInstant(), rs.getInt("total_items"),
                rs.getInt("done_items"), rs.getInt("invoices"), rs.getBigDecimal("net").setScale(2),
                rs.getBigDecimal("gross").setScale(2));
    }
}
