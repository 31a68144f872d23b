package org.switchboard.partners.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;
import org.switchboard.catalog.Money;
import org.switchboard.partners.CustomerInvoice;

/** What partners' customers bought: finalised invoices and new subscriptions, the source of turnover and counts. */
@Repository
public class Sales {

    /** An invoice as recorded, with the day its direct debit came back, if it did. */
    public record RecordedInvoice(CustomerInvoice invoice, LocalDate returnedOn) {
    }

    private final JdbcClient jdbc;

    Sales(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * False when the invoice was recorded before (billing may hand it in twice). {@code corrects}:
     * the invoice a credit note corrects, or null; {@code returnedOn}: non-null to record it as out
     * of the turnover from the start (a credit note of an invoice whose debit came back).
     */
    public boolean insertInvoice(CustomerInvoice i, UUID corrects, LocalDate returnedOn, Instant at) {
        return jdbc.sql("""
                insert into partner_invoices (invoice_id, partner_id, customer_id, finalised_on, subscriptions_net,
                                              airtime_net, wholesale, recorded_at, corrects, returned_on)
                values (:id, :partner, :customer, :on, :subs, :air, :wholesale, :at, :corrects, :returned)
                on conflict do nothing""")
                .param("corrects", corrects)
                .param("returned", returnedOn == null ? null : Date.valueOf(returnedOn))
                .param("id", i.invoiceId()).param("partner", i.partnerId().value())
                .param("customer", i.customerId() == null ? null : i.customerId().value()).param("on", Date.valueOf(i.finalisedOn()))
                .param("subs", i.subscriptionsNet().amount()).param("air", i.airtimeNet().amount())
                .param("wholesale", i.wholesale()).param("at", Timestamp.from(at)).update() == 1;
    }

    public Optional<RecordedInvoice> lockInvoice(UUID id) {
        return jdbc.sql("select * from partner_invoices where invoice_id = :id for update").param("id", id)
                .query((rs, n) -> {
                    Date returned = rs.getDate("returned_on");
                    UUID customer = rs.getObject("customer_id", UUID.class);
                    return new RecordedInvoice(new CustomerInvoice(id, customer == null ? null : new CustomerId(customer),
                            new PartnerId(rs.getObject("partner_id", UUID.class)), rs.getDate("finalised_on").toLocalDate(),
                            Money.euros(rs.getBigDecimal("subscriptions_net")), Money.euros(rs.getBigDecimal("airtime_net")),
                            rs.getBoolean("wholesale")), returned == null ? null : returned.toLocalDate());
                }).optional();
    }

    /** The invoice's debit came back: it and the credit notes correcting it leave the turnover. */
    public void markReturned(UUID id, LocalDate on) {
        jdbc.sql("update partner_invoices set returned_on = :on where (invoice_id = :id or corrects = :id)"
                + " and returned_on is null").param("on", Date.valueOf(on)).param("id", id).update();
    }

    public void insertNewSubscription(UUID instanceId, Instant activatedAt, PartnerId partner, CustomerId customer,
            boolean fromTrial) {
        jdbc.sql("""
                insert into partner_new_subscriptions (instance_id, activated_at, partner_id, customer_id, from_trial)
                values (:instance, :at, :partner, :customer, :trial) on conflict do nothing""")
                .param("instance", instanceId).param("at", Timestamp.from(activatedAt))
                .param("partner", partner.value()).param("customer", customer.value()).param("trial", fromTrial).update();
    }

    /**
     * Net invoiced per partner in {@code (from, to]}, without invoices whose direct debit came back
     * by {@code to}; for one partner, or all when {@code partner} is null.
     */
    public Map<PartnerId, Money> turnover(LocalDate from, LocalDate to, PartnerId partner) {
        Map<PartnerId, Money> result = new HashMap<>();
        jdbc.sql("""
                select partner_id, sum(subscriptions_net + airtime_net) as net from partner_invoices
                where finalised_on > :from and finalised_on <= :to
                  and (returned_on is null or returned_on > :to)
                  and (cast(:partner as uuid) is null or partner_id = cast(:partner as uuid))
                group by partner_id""")
                .param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .param("partner", partner == null ? null : partner.value())
                .query(rs -> {
                    BigDecimal net = rs.getBigDecimal("net");
                    result.put(new PartnerId(rs.getObject("partner_id", UUID.class)), Money.euros(net));
                });
        return result;
    }

    /** New subscriptions per partner activated in {@code (from, to]} (days in the platform's zone). */
    public Map<PartnerId, Integer> newSubscriptions(LocalDate from, LocalDate to, ZoneId zone, PartnerId partner) {
        Map<PartnerId, Integer> result = new HashMap<>();
        jdbc.sql("""
                select partner_id, count(*) as n from partner_new_subscriptions
                where activated_at >= :from and activated_at < :to
                  and (cast(:partner as uuid) is null or partner_id = cast(:partner as uuid))
                group by partner_id""")
                .param("from", Timestamp.from(from.plusDays(1).atStartOfDay(zone).toInstant()))
                .param("to", Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()))
                .param("partner", partner == null ? null : partner.value())
                .query(rs -> {
                    result.put(new PartnerId(rs.getObject("partner_id", UUID.class)), rs.getInt("n"));
                });
        return result;
    }
}
