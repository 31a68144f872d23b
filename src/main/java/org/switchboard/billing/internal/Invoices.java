package org.switchboard.billing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;
import org.switchboard.billing.CreditNotePolicy;
import org.switchboard.billing.Invoice;
import org.switchboard.billing.Invoice.BillTo;
import org.switchboard.billing.InvoiceLine;
import org.switchboard.billing.InvoiceTotals;
import org.switchboard.billing.VatPolicy;
import org.switchboard.catalog.Money;
import org.switchboard.instances.InstanceId;
import org.switchboard.platform.SecretBox;

/**
 * Invoices with their lines, the gapless number series, and the invoices' direct debits.
 *
 * <p>Why this class is large: it holds all SQL of the invoice tables (invoices, lines, number
 * series, payments), which one transaction of the run or of a credit note uses together under
 * the invoice's row lock; split by table, one locking rule would be spread over several classes.
 */
@Repository
public class Invoices {

    /** Where an invoice's direct debit stands. */
    public record Payment(UUID invoiceId, UUID customerId, String status, String mandateReference,
            LocalDate mandateSignedOn, String iban, String accountHolder, String sequenceType, LocalDate dueOn,
            String batchMonth, String returnReason) {
    }

    private final JdbcClient jdbc;
    private final SecretBox secrets;

    Invoices(JdbcClient jdbc, SecretBox secrets) {
        this.secrets = secrets;
        this.jdbc = jdbc;
    }

    /**
     * Reserves {@code count} numbers of a series for a year and answers the first. The series row
     * stays locked until the transaction ends, so numbers are handed out one transaction at a
     * time, and a rolled-back transaction gives its numbers back: no gap, no duplicate.
     */
    public int reserveNumbers(String series, int year, int count) {
        jdbc.sql("insert into billing_number_series (series, year, last_number) values (:s, :y, 0) on conflict do nothing")
                .param("s", series).param("y", year).update();
        return jdbc.sql("""
                update billing_number_series set last_number = last_number + :n where series = :s and year = :y
                returning last_number - :n + 1""").param("n", count).param("s", series).param("y", year)
                .query(Integer.class).single();
    }

    /** Writes a draft: lines and totals, no number. */
    public void insertDraft(Invoice i) {
        insertDraft(i, null, null);
    }

    /**
     * Writes a draft. {@code lineCustomers} names, per line, the customer a line of an invoice to a
     * partner was bought for (null entries for the partner's own charges; null for an invoice to a
     * customer, whose lines are all its own). For a credit note against an invoice,
     * {@code correctedPositions} names the corrected invoice's line each of its lines credits (same
     * order as its lines; null otherwise).
     */
    public void insertDraft(Invoice i, List<CustomerId> lineCustomers, List<Integer> correctedPositions) {
        BillTo b = i.billTo();
        InvoiceTotals t = i.totals();
        Invoice.Correction c = i.corrects();
        jdbc.sql("""
                insert into billing_invoices (id, customer_id, partner_id, month, kind, customer_name, street, postcode,
                  city, country, vat_id, vat_treatment, vat_rate, net_subscriptions, net_airtime, net, vat, gross,
                  corrects_invoice_id, credit_reason, settlement)
                values (:id, :c, :p, :m, :k, :name, :street, :postcode, :city, :country, :vatId, :treatment, :rate,
                  :ns, :na, :net, :vat, :gross, :corrects, :reason, :settlement)""")
                .param("corrects", c == null ? null : c.invoiceId()).param("reason", c == null ? null : c.reason())
                .param("settlement", c == null ? null : c.settlement())
                .param("id", i.id()).param("c", i.customerId() == null ? null : i.customerId().value())
                .param("p", i.partnerId() == null ? null : i.partnerId().value()).param("m", i.month().toString())
                .param("k", i.kind().name()).param("name", b.name()).param("street", b.street())
                .param("postcode", b.postcode()).param("city", b.city()).param("country", b.country())
                .param("vatId", b.vatId()).param("treatment", t.treatment().name())
                .param("rate", t.treatment().ratePercent()).param("ns", t.netSubscriptions().amount())
                .param("na", t.netAirtime().amount()).param("net", t.net().amount()).param("vat", t.vat().amount())
                .param("gross", t.gross().amount()).update();
        int position = 1;
        for (InvoiceLine line : i.lines()) {
            CustomerId lineCustomer = lineCustomers != null ? lineCustomers.get(position - 1) : i.customerId();
            jdbc.sql("""
                    insert into billing_invoice_lines (invoice_id, position, customer_id, instance_id, kind, description,
                      period_from, period_to, quantity, amount, corrects_position)
                    values (:i, :pos, :c, :inst, :k, :d, :from, :to, :q, :a, :corrects)""")
                    .param("corrects", correctedPositions == null ? null : correctedPositions.get(position - 1))
                    .param("i", i.id()).param("pos", position++)
                    .param("c", lineCustomer == null ? null : lineCustomer.value())
                    .param("inst", line.instanceId() == null ? null : line.instanceId().value()).param("k", line.kind().name())
                    .param("d", line.description())
                    .param("from", line.periodFrom() == null ? null : Timestamp.from(line.periodFrom()))
                    .param("to", line.periodTo() == null ? null : Timestamp.from(line.periodTo()))
                    .param("q", line.quantity()).param("a", line.amount().amount()).update();
        }
    }

    /**
     * Writes invoices that are final at once (the invoice run's: numbered in the same transaction)
     * with their lines: one statement for all invoices and one for all their lines, each row a
     * column of arrays ({@code unnest}), so that a batch of the run costs two statements here, not
     * one per invoice and one per line (each executed, planned and checked on its own by the
     * server, even when sent in one JDBC batch). {@code numbers} gives each invoice's number.
     */
    public void insertFinalised(List<Invoice> invoices, Map<UUID, String> numbers, LocalDate issuedOn,
            java.time.Instant at) {
        if (invoices.isEmpty()) {
            return;
        }
        Columns rows = new Columns(invoices.size());
        Columns lines = new Columns(invoices.size() * 5);
        for (Invoice i : invoices) {
            BillTo b = i.billTo();
            InvoiceTotals t = i.totals();
            rows.add("id", i.id()).add("c", i.customerId() == null ? null : i.customerId().value())
                    .add("p", i.partnerId() == null ? null : i.partnerId().value()).add("m", i.month().toString())
                    .add("k", i.kind().name()).add("name", b.name()).add("street", b.street())
                    .add("postcode", b.postcode()).add("city", b.city()).add("country", b.country())
                    .add("vatId", b.vatId()).add("treatment", t.treatment().name())
                    .add("rate", t.treatment().ratePercent()).add("ns", t.netSubscriptions().amount())
                    .add("na", t.netAirtime().amount()).add("net", t.net().amount()).add("vat", t.vat().amount())
                    .add("gross", t.gross().amount()).add("number", numbers.get(i.id()));
            int position = 1;
            for (InvoiceLine line : i.lines()) {
                lines.add("i", i.id()).add("pos", position++)
                        .add("c", i.customerId() == null ? null : i.customerId().value())
                        .add("inst", line.instanceId() == null ? null : line.instanceId().value())
                        .add("k", line.kind().name()).add("d", line.description())
                        .add("from", line.periodFrom()).add("to", line.periodTo()).add("q", line.quantity())
                        .add("a", line.amount().amount());
            }
        }
        rows.bind(jdbc.sql("""
                insert into billing_invoices (id, customer_id, partner_id, month, kind, customer_name, street, postcode,
                  city, country, vat_id, vat_treatment, vat_rate, net_subscriptions, net_airtime, net, vat, gross,
                  number, issued_on, finalised_at)
                select id, c, p, m, k, name, street, postcode, city, country, vat_id, treatment, rate, ns, na, net, vat,
                  gross, number, :issued, :at
                from unnest(:id, :c, :p, :m, :k, :name, :street, :postcode, :city, :country, :vatId, :treatment,
                  cast(:rate as numeric[]), cast(:ns as numeric[]), cast(:na as numeric[]), cast(:net as numeric[]),
                  cast(:vat as numeric[]), cast(:gross as numeric[]), :number)
                  as u(id, c, p, m, k, name, street, postcode, city, country, vat_id, treatment, rate, ns, na, net, vat,
                  gross, number)"""))
                .param("issued", issuedOn).param("at", Timestamp.from(at)).update();
        if (lines.size() > 0) {
            lines.bind(jdbc.sql("""
                    insert into billing_invoice_lines (invoice_id, position, customer_id, instance_id, kind, description,
                      period_from, period_to, quantity, amount)
                    select i, pos, c, inst, k, d, f, t, q, a
                    from unnest(:i, :pos, :c, :inst, :k, :d, cast(:from as timestamptz[]), cast(:to as timestamptz[]),
                      :q, cast(:a as numeric[])) as u(i, pos, c, inst, k, d, f, t, q, a)""")).update();
        }
    }

    /** Gives a draft its number: from then on the database refuses any change to it. */
    public void finalise(UUID id, String number, java.time.LocalDate issuedOn, java.time.Instant at) {
        jdbc.sql("update billing_invoices set number = :n, issued_on = :d, finalised_at = :at where id = :id and number is null")
                .param("n", number).param("d", issuedOn).param("at", Timestamp.from(at)).param("id", id).update();
    }

    public Optional<Invoice> find(UUID id) {
        return select("where v.id = :key", id).stream().findFirst();
    }

    public List<Invoice> ofCustomers(Collection<UUID> customers) {
        return select("where v.customer_id = any(:key)", customers.toArray(UUID[]::new));
    }

    /** The invoices addressed to the partner itself (not those of its customers), with their credit notes. */
    public List<Invoice> ofPartner(UUID partner) {
        return select("where v.customer_id is null and v.partner_id = :key", partner);
    }

    /**
     * For each line of an invoice (position 1 first), the customer it was billed to: the invoice's
     * customer, or on an invoice to a partner the customer a line was bought for (null for a charge).
     */
    public List<CustomerId> lineCustomers(UUID invoice) {
        return jdbc.sql("select customer_id from billing_invoice_lines where invoice_id = :i order by position")
                .param("i", invoice)
                .query((rs, n) -> {
                    UUID customer = rs.getObject("customer_id", UUID.class);
                    return customer == null ? null : new CustomerId(customer);
                }).list();
    }

    /** The invoices a month's run made (not the credit notes issued against them later). */
    public List<Invoice> ofMonth(YearMonth month) {
        return select("where v.month = :key and v.corrects_invoice_id is null", month.toString());
    }

    /** The credit notes issued against an invoice, newest first. */
    public List<Invoice> creditNotesOf(UUID invoice) {
        return select("where v.corrects_invoice_id = :key", invoice);
    }

    /**
     * Locks a finalised invoice against a concurrent credit note (the trigger guards updates, a
     * lock is no update); answers whether it exists and is finalised.
     */
    public boolean lockFinalised(UUID id) {
        return jdbc.sql("select id from billing_invoices where id = :id and number is not null for update")
                .param("id", id).query(UUID.class).optional().isPresent();
    }

    /** What credit notes took back of each line of an invoice so far: position to the sum of their (signed) lines. */
    public Map<Integer, java.math.BigDecimal> credited(UUID invoice) {
        Map<Integer, java.math.BigDecimal> credited = new HashMap<>();
        jdbc.sql("""
                select l.corrects_position, sum(l.amount) as amount from billing_invoice_lines l
                join billing_invoices c on c.id = l.invoice_id
                where c.corrects_invoice_id = :i and c.number is not null and l.corrects_position is not null
                group by l.corrects_position""")
                .param("i", invoice)
                .query(rs -> {
                    credited.put(rs.getInt("corrects_position"), rs.getBigDecimal("amount"));
                });
        return credited;
    }

    public List<Invoice> all() {
        return select("where :key", true);
    }

    private List<Invoice> select(String where, Object key) {
        List<Invoice> invoices = jdbc.sql("""
                select v.*, o.number as corrects_number, o.issued_on as corrects_issued_on,
                       p.status as corrects_payment_status
                from billing_invoices v left join billing_invoices o on o.id = v.corrects_invoice_id
                left join billing_payments p on p.invoice_id = v.corrects_invoice_id
                """ + where + " and v.number is not null order by v.finalised_at desc, v.number desc")
                .param("key", key).query(Invoices::invoice).list();
        if (invoices.isEmpty()) {
            return invoices;
        }
        Map<UUID, List<InvoiceLine>> lines = new HashMap<>();
        jdbc.sql("select * from billing_invoice_lines where invoice_id = any(:ids) order by invoice_id, position")
                .param("ids", invoices.stream().map(Invoice::id).toArray(UUID[]::new))
                .query(rs -> {
                    Timestamp from = rs.getTimestamp("period_from");
                    Timestamp to = rs.getTimestamp("period_to");
                    UUID instance = rs.getObject("instance_id", UUID.class);
                    lines.computeIfAbsent(rs.getObject("invoice_id", UUID.class), k -> new ArrayList<>()).add(new InvoiceLine(
                            instance == null ? null : new InstanceId(instance),
                            InvoiceLine.Kind.valueOf(rs.getString("kind")), rs.getString("description"),
                            from == null ? null : from.toInstant(), to == null ? null : to.toInstant(),
                            rs.getString("quantity"), Money.euros(rs.getBigDecimal("amount"))));
                });
        return invoices.stream().map(i -> new Invoice(i.id(), i.customerId(), i.partnerId(), i.month(), i.kind(),
                i.number(), i.issuedOn(), i.finalisedAt(), i.billTo(), lines.getOrDefault(i.id(), List.of()), i.totals(),
                i.corrects())).toList();
    }

    private static Invoice invoice(ResultSet rs, int n) throws SQLException {
        UUID partner = rs.getObject("partner_id", UUID.class);
        UUID customer = rs.getObject("customer_id", UUID.class);
        Timestamp finalised = rs.getTimestamp("finalised_at");
        java.sql.Date issued = rs.getDate("issued_on");
        VatPolicy.Treatment treatment = VatPolicy.Treatment.valueOf(rs.getString("vat_treatment"));
        InvoiceTotals totals = new InvoiceTotals(Money.euros(rs.getBigDecimal("net_subscriptions")),
                Money.euros(rs.getBigDecimal("net_airtime")), Money.euros(rs.getBigDecimal("net")), treatment,
                Money.euros(rs.getBigDecimal("vat")), Money.euros(rs.getBigDecimal("gross")));
        return new Invoice(rs.getObject("id", UUID.class), customer == null ? null : new CustomerId(customer),
                partner == null ? null : new PartnerId(partner), YearMonth.parse(rs.getString("month")),
                Invoice.Kind.valueOf(rs.getString("kind")), rs.getString("number"),
                issued == null ? null : issued.toLocalDate(), finalised == null ? null : finalised.toInstant(),
                new BillTo(rs.getString("customer_name"), rs.getString("street"), rs.getString("postcode"),
                        rs.getString("city"), rs.getString("country"), rs.getString("vat_id")),
                List.of(), totals, correction(rs));
    }

    private static Invoice.Correction correction(ResultSet rs) throws SQLException {
        UUID corrects = rs.getObject("corrects_invoice_id", UUID.class);
        if (corrects == null) {
            return null;
        }
        java.sql.Date issued = rs.getDate("corrects_issued_on");
        String number = rs.getString("corrects_number");
        // The note itself never changes; what it says of the money follows the debit (returned since?).
        String settlement = CreditNotePolicy.settlementNow(rs.getString("settlement"), number,
                rs.getString("corrects_payment_status"), Money.euros(rs.getBigDecimal("gross")));
        return new Invoice.Correction(corrects, number, issued == null ? null : issued.toLocalDate(),
                rs.getString("credit_reason"), settlement);
    }

    // ---- payments -------------------------------------------------------------------------------

    public void insertPayment(Payment p, java.time.Instant at) {
        jdbc.sql("""
                insert into billing_payments (invoice_id, customer_id, status, mandate_reference, mandate_signed_on, iban,
                  account_holder, sequence_type, due_on, batch_month, updated_at)
                values (:i, :c, :s, :ref, :signed, :iban, :holder, :seq, :due, :batch, :at)""")
                .param("i", p.invoiceId()).param("c", p.customerId()).param("s", p.status())
                .param("ref", p.mandateReference()).param("signed", p.mandateSignedOn()).param("iban", secrets.seal(p.iban()))
                .param("holder", p.accountHolder()).param("seq", p.sequenceType()).param("due", p.dueOn())
                .param("batch", p.batchMonth()).param("at", Timestamp.from(at)).update();
    }

    /**
     * Writes direct debits, all in one statement (arrays, {@code unnest}); the IBANs sealed as
     * {@link #insertPayment} seals them.
     */
    public void insertPayments(List<Payment> payments, java.time.Instant at) {
        if (payments.isEmpty()) {
            return;
        }
        Columns rows = new Columns(payments.size());
        for (Payment p : payments) {
            rows.add("i", p.invoiceId()).add("c", p.customerId()).add("s", p.status()).add("ref", p.mandateReference())
                    .add("signed", p.mandateSignedOn()).add("iban", secrets.seal(p.iban()))
                    .add("holder", p.accountHolder()).add("seq", p.sequenceType()).add("due", p.dueOn())
                    .add("batch", p.batchMonth());
        }
        rows.bind(jdbc.sql("""
                insert into billing_payments (invoice_id, customer_id, status, mandate_reference, mandate_signed_on, iban,
                  account_holder, sequence_type, due_on, batch_month, updated_at)
                select i, c, s, ref, signed, iban, holder, seq, due, batch, :at
                from unnest(:i, :c, :s, :ref, cast(:signed as date[]), :iban, :holder, :seq, cast(:due as date[]), :batch)
                  as u(i, c, s, ref, signed, iban, holder, seq, due, batch)""")).param("at", Timestamp.from(at)).update();
    }

    /**
     * Of these mandates, those a debit was collected under or is on its way for (their next debit
     * is RCUR, the others' FRST; see {@link #sequenceTypeFor}), in one query.
     */
    public java.util.Set<String> usedMandates(Collection<String> mandateReferences) {
        if (mandateReferences.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                select distinct mandate_reference from billing_payments where mandate_reference = any(:r)
                and status in ('SUBMITTED', 'COLLECTED')""")
                .param("r", mandateReferences.toArray(String[]::new)).query(String.class).list());
    }

    /** FRST for the first debit under a mandate, RCUR after one was collected or is on its way. */
    public String sequenceTypeFor(String mandateReference) {
        boolean used = jdbc.sql("""
                select exists (select 1 from billing_payments where mandate_reference = :r
                                 and status in ('SUBMITTED', 'COLLECTED'))""")
                .param("r", mandateReference).query(Boolean.class).single();
        return used ? "RCUR" : "FRST";
    }

    /** The status of every invoice's direct debit, by invoice (invoices without one are absent). */
    public Map<UUID, String> paymentStatuses() {
        Map<UUID, String> statuses = new java.util.HashMap<>();
        jdbc.sql("select invoice_id, status from billing_payments")
                .query((rs, n) -> statuses.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        return statuses;
    }

    public Optional<Payment> payment(UUID invoice) {
        return jdbc.sql("select * from billing_payments where invoice_id = :i").param("i", invoice)
                .query(this::mapPayment).optional();
    }

    /** The customer's latest direct debit that was not returned: the account a refund goes to. */
    public Optional<Payment> latestDebitOf(UUID customer) {
        return jdbc.sql("""
                select * from billing_payments where customer_id = :c and status in ('SUBMITTED', 'COLLECTED')
                order by due_on desc, invoice_id limit 1""").param("c", customer).query(this::mapPayment).optional();
    }

    public List<Payment> paymentsOfBatch(YearMonth month) {
        return jdbc.sql("select * from billing_payments where batch_month = :m order by invoice_id")
                .param("m", month.toString()).query(this::mapPayment).list();
    }

    public boolean changePayment(UUID invoice, String from, String to, String reason, java.time.Instant at) {
        return jdbc.sql("""
                update billing_payments set status = :to, return_reason = :reason, updated_at = :at
                where invoice_id = :i and status = :from""")
                .param("to", to).param("reason", reason).param("at", Timestamp.from(at)).param("i", invoice)
                .param("from", from).update() > 0;
    }

    private Payment mapPayment(ResultSet rs, int n) throws SQLException {
        java.sql.Date signed = rs.getDate("mandate_signed_on");
        java.sql.Date due = rs.getDate("due_on");
        return new Payment(rs.getObject("invoice_id", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getString("status"), rs.getString("mandate_reference"), signed == null ? null : signed.toLocalDate(),
                secrets.open(rs.getString("iban")), rs.getString("account_holder"), rs.getString("sequence_type"),
                due == null ? null : due.toLocalDate(), rs.getString("batch_month"), rs.getString("return_reason"));
    }
}
