package org.switchboard.billing.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.PartnerId;
import org.switchboard.billing.PartnerChargeProvider.PartnerCharge;
import org.switchboard.catalog.Money;

/**
 * One row per month's run and one work item per customer. Creating both is one statement each in
 * one transaction, and a second start of the same month finds the row and creates nothing; work
 * items are claimed with {@code FOR UPDATE SKIP LOCKED}, so nodes share a run without overlap.
 * Partners invoiced in the run (CSP partners buying for their customers, partners with charges)
 * have a work item each, created in the same transaction; the customers a CSP partner buys for
 * are marked with it and are done with their partner's item.
 * What an invoice bills (calls, timeline changes) is claimed when its item is worked off, not
 * when the run is created (only the run's call watermark is taken then): see
 * {@code CallRecords.billFor} and {@code SubscriptionTimelines.billFor};
 * a CSP partner's item claims them for all the customers it buys for.
 */
@Repository
public class InvoiceRuns {

    public record Run(YearMonth month, Instant startedAt, String startedBy, Instant finishedAt, int totalItems,
            int doneItems, int invoices, java.math.BigDecimal net, java.math.BigDecimal gross, long callSeq) {

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
                insert into billing_runs (month, started_at, started_by, total_items, cut_off) values (:m, :at, :by, 0, :end)
                on conflict (month) do nothing""")
                .param("m", month.toString()).param("at", Timestamp.from(at)).param("by", by)
                .param("end", Timestamp.from(subscribedBefore)).update();
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

    /** Sets the run's call watermark: its batches bill the calls numbered up to it (see {@code CallRecords.billFor}). */
    public void setCallWatermark(YearMonth month, long seq) {
        jdbc.sql("update billing_runs set call_seq = :s where month = :m").param("s", seq).param("m", month.toString())
                .update();
    }

    public long callWatermark(YearMonth month) {
        return jdbc.sql("select call_seq from billing_runs where month = :m").param("m", month.toString())
                .query(Long.class).single();
    }

    /** The months before {@code month} whose runs are not finished. */
    public List<YearMonth> unfinishedBefore(YearMonth month) {
        return jdbc.sql("select month from billing_runs where finished_at is null and month < :m order by month")
                .param("m", month.toString()).query((rs, n) -> YearMonth.parse(rs.getString(1))).list();
    }

    /** Up to {@code limit} customers of the run no other transaction is working on. */
    public List<UUID> claim(YearMonth month, int limit) {
        return jdbc.sql("""
                select customer_id from billing_run_items where month = :m and not done and buyer_partner_id is null
                order by customer_id limit :l for update skip locked""")
                .param("m", month.toString()).param("l", limit).query(UUID.class).list();
    }

    public void done(YearMonth month, UUID customer, UUID invoice) {
        jdbc.sql("update billing_run_items set done = true, invoice_id = :i where month = :m and customer_id = :c")
                .param("i", invoice).param("m", month.toString()).param("c", customer).update();
    }

    /** Marks the items of these customers done, each with its invoice (null: nothing to invoice), in one statement. */
    public void doneAll(YearMonth month, Map<UUID, UUID> invoiceOfCustomer) {
        if (invoiceOfCustomer.isEmpty()) {
            return;
        }
        UUID[] customers = invoiceOfCustomer.keySet().toArray(UUID[]::new);
        UUID[] invoices = new UUID[customers.length];
        for (int n = 0; n < customers.length; n++) {
            invoices[n] = invoiceOfCustomer.get(customers[n]);
        }
        jdbc.sql("""
                update billing_run_items i set done = true, invoice_id = d.invoice_id
                from unnest(:c, :i) as d(customer_id, invoice_id)
                where i.month = :m and i.customer_id = d.customer_id""")
                .param("c", customers).param("i", invoices).param("m", month.toString()).update();
    }

    /** Marks the run finished once no item is left; answers whether it is finished. */
    public boolean finishIfComplete(YearMonth month, Instant at) {
        jdbc.sql("""
                update billing_runs set finished_at = :at where month = :m and finished_at is null
                and not exists (select 1 from billing_run_items where month = :m and not done)
                and not exists (select 1 from billing_run_partners where month = :m and not done)""")
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

    // ---- the lease of the node working off a run --------------------------------------------------

    /**
     * Takes or renews the lease of an unfinished run for {@code node} until {@code duration} from
     * now by the database's clock (the clock every node shares), whoever held it before.
     */
    public void holdLease(YearMonth month, String node, java.time.Duration duration) {
        jdbc.sql("""
                update billing_runs set lease_holder = :n, lease_until = clock_timestamp() + :ms * interval '1 millisecond'
                where month = :m and finished_at is null""")
                .param("n", node).param("ms", duration.toMillis()).param("m", month.toString()).update();
    }

    /**
     * Takes the lease of every unfinished run whose holder let it lapse (it died, or stopped on an
     * error) for {@code node}; answers those runs' months, oldest first. A run no node has worked
     * on yet has no lease and is not taken.
     */
    public List<YearMonth> takeLapsedLeases(String node, java.time.Duration duration) {
        return jdbc.sql("""
                update billing_runs set lease_holder = :n, lease_until = clock_timestamp() + :ms * interval '1 millisecond'
                where finished_at is null and lease_until < clock_timestamp() returning month""")
                .param("n", node).param("ms", duration.toMillis())
                .query((rs, n) -> YearMonth.parse(rs.getString(1))).list().stream().sorted().toList();
    }

    /** The node holding the run's lease, if any holds it now. */
    public Optional<String> leaseHolder(YearMonth month) {
        return jdbc.sql("""
                select lease_holder from billing_runs where month = :m and lease_until >= clock_timestamp()""")
                .param("m", month.toString()).query(String.class).optional();
    }

    // ---- partners invoiced in the run -------------------------------------------------------------

    /** A partner to invoice in a run; {@code discountRate} is null unless it buys for customers as CSP. */
    public record PartnerItem(PartnerId partnerId, BigDecimal discountRate) {
    }

    /** Marks the run's items of these customers as bought by a CSP partner; answers how many there are. */
    public int assignBuyer(YearMonth month, PartnerId partner, BigDecimal discountRate, Collection<UUID> customers) {
        return jdbc.sql("""
                update billing_run_items set buyer_partner_id = :p, discount_rate = :r
                where month = :m and customer_id = any(:c) and not done""")
                .param("p", partner.value()).param("r", discountRate).param("m", month.toString())
                .param("c", customers.toArray(UUID[]::new)).update();
    }

    /** Adds the partner's work item unless it has one (a CSP partner's, added first, keeps its rate). */
    public void addPartner(YearMonth month, PartnerId partner, BigDecimal discountRate) {
        jdbc.sql("""
                insert into billing_run_partners (month, partner_id, discount_rate) values (:m, :p, :r)
                on conflict (month, partner_id) do nothing""")
                .param("m", month.toString()).param("p", partner.value()).param("r", discountRate).update();
    }

    /** Takes a charge into the run unless a run took it before: each charge is invoiced once. */
    public boolean takeCharge(YearMonth month, PartnerCharge c) {
        return jdbc.sql("""
                insert into billing_partner_charges (charge_id, month, partner_id, description, net, charged_at)
                values (:id, :m, :p, :d, :net, :at) on conflict (charge_id) do nothing""")
                .param("id", c.id()).param("m", month.toString()).param("p", c.partnerId().value())
                .param("d", c.description()).param("net", c.net().amount()).param("at", Timestamp.from(c.chargedAt()))
                .update() == 1;
    }

    /** Counts the partners' items into the run's total. */
    public void countPartners(YearMonth month) {
        jdbc.sql("""
                update billing_runs set total_items = total_items
                  + (select count(*) from billing_run_partners where month = :m) where month = :m""")
                .param("m", month.toString()).update();
    }

    /** Up to {@code limit} partners of the run no other transaction is working on. */
    public List<PartnerItem> claimPartners(YearMonth month, int limit) {
        return jdbc.sql("""
                select partner_id, discount_rate from billing_run_partners where month = :m and not done
                order by partner_id limit :l for update skip locked""")
                .param("m", month.toString()).param("l", limit)
                .query((rs, n) -> new PartnerItem(new PartnerId(rs.getObject("partner_id", UUID.class)),
                        rs.getBigDecimal("discount_rate")))
                .list();
    }

    /** The customers of the run a CSP partner buys for. */
    public List<UUID> customersBoughtBy(YearMonth month, PartnerId partner) {
        return jdbc.sql("""
                select customer_id from billing_run_items where month = :m and buyer_partner_id = :p
                order by customer_id""")
                .param("m", month.toString()).param("p", partner.value()).query(UUID.class).list();
    }

    /** The charges of a partner taken into the run. */
    public List<PartnerCharge> charges(YearMonth month, PartnerId partner) {
        return jdbc.sql("""
                select charge_id, description, net, charged_at from billing_partner_charges
                where month = :m and partner_id = :p order by charged_at, charge_id""")
                .param("m", month.toString()).param("p", partner.value())
                .query((rs, n) -> new PartnerCharge(rs.getObject("charge_id", UUID.class), partner,
                        rs.getString("description"), Money.euros(rs.getBigDecimal("net")),
                        rs.getTimestamp("charged_at").toInstant()))
                .list();
    }

    /** The partner's item, the items of the customers it bought for, and its charges are done. */
    public void partnerDone(YearMonth month, PartnerId partner, UUID invoice) {
        jdbc.sql("update billing_run_partners set done = true, invoice_id = :i where month = :m and partner_id = :p")
                .param("i", invoice).param("m", month.toString()).param("p", partner.value()).update();
        jdbc.sql("update billing_run_items set done = true where month = :m and buyer_partner_id = :p")
                .param("m", month.toString()).param("p", partner.value()).update();
        jdbc.sql("update billing_partner_charges set invoice_id = :i where month = :m and partner_id = :p")
                .param("i", invoice).param("m", month.toString()).param("p", partner.value()).update();
    }

    private static final String SELECT = """
            select r.month, r.started_at, r.started_by, r.finished_at, r.total_items, r.call_seq,
                   (select count(*) from billing_run_items i where i.month = r.month and i.done)
                     + (select count(*) from billing_run_partners p where p.month = r.month and p.done) as done_items,
                   (select count(*) from billing_run_items i where i.month = r.month and i.invoice_id is not null)
                     + (select count(*) from billing_run_partners p where p.month = r.month and p.invoice_id is not null) as invoices,
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
                rs.getBigDecimal("gross").setScale(2), rs.getLong("call_seq"));
    }
}
