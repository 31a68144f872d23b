package org.switchboard.billing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.CustomerId;
import org.switchboard.billing.SubscriptionTimeline;
import org.switchboard.billing.SubscriptionTimeline.Entry;
import org.switchboard.billing.SubscriptionTimeline.Kind;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.instances.BankAccount;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.Mandate;
import org.switchboard.platform.SecretBox;

/** Billing's own record of each instance's subscription over time, written from instance events. */
@Repository
public class SubscriptionTimelines {

    private final JdbcClient jdbc;
    private final SecretBox secrets;

    SubscriptionTimelines(JdbcClient jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** The instance's name and the mandate of its latest subscription, kept for invoices and debits. */
    public void rememberInstance(InstanceId instance, CustomerId customer, String name, Instant activatedAt,
            Mandate mandate) {
        jdbc.sql("""
                insert into billing_instances (instance_id, customer_id, name, activated_at, mandate_reference,
                  mandate_signed_on, iban, account_holder)
                values (:i, :c, :n, :at, :ref, :signed, :iban, :holder)
                on conflict (instance_id) do update set name = excluded.name, activated_at = excluded.activated_at,
                  mandate_reference = excluded.mandate_reference, mandate_signed_on = excluded.mandate_signed_on,
                  iban = excluded.iban, account_holder = excluded.account_holder
                where billing_instances.activated_at <= excluded.activated_at""")
                .param("i", instance.value()).param("c", customer.value()).param("n", name)
                .param("at", Timestamp.from(activatedAt)).param("ref", mandate.reference())
                .param("signed", java.sql.Date.valueOf(mandate.signedOn()))
                .param("iban", secrets.seal(mandate.account().ibanForPayment())).param("holder", mandate.account().accountHolder())
                .update();
    }

    /** The mandate of each customer's earliest subscribed instance, for the direct debits of a run's batch. */
    public Map<UUID, Mandate> mandates(Collection<UUID> customers) {
        Map<UUID, Mandate> mandates = new HashMap<>();
        jdbc.sql("""
                select distinct on (customer_id) customer_id, mandate_reference, mandate_signed_on, iban, account_holder
                from billing_instances where customer_id = any(:c) order by customer_id, activated_at""")
                .param("c", customers.toArray(UUID[]::new))
                .query(rs -> {
                    mandates.put(rs.getObject("customer_id", UUID.class), new Mandate(rs.getString("mandate_reference"),
                            rs.getDate("mandate_signed_on").toLocalDate(),
                            BankAccount.restore(secrets.open(rs.getString("iban")), rs.getString("account_holder"))));
                });
        return mandates;
    }

    /** Adds an entry; an event delivered twice (after a restart) adds nothing. */
    public void add(InstanceId instance, CustomerId customer, Entry e) {
        jdbc.sql("""
                insert into billing_timeline (instance_id, customer_id, at, kind, plan, concurrent_users, monthly_net, free)
                values (:i, :c, :at, :kind, :plan, :cu, :net, :free)
                on conflict (instance_id, at, kind) do nothing""")
                .param("i", instance.value()).param("c", customer.value()).param("at", Timestamp.from(e.at()))
                .param("kind", e.kind().name()).param("plan", e.plan() == null ? null : e.plan().name())
                .param("cu", e.concurrentUsers()).param("net", e.monthlyNet().amount()).param("free", e.free())
                .update();
    }

    public Optional<SubscriptionTimeline> of(InstanceId instance) {
        return List.copyOf(load("where t.instance_id = :key", instance.value(), new HashMap<>(), null).values()).stream()
                .findFirst();
    }

    /** The timelines of many customers at once, each entry billed or not as it is now. */
    public Map<UUID, List<SubscriptionTimeline>> ofCustomers(Collection<UUID> customers) {
        return byCustomer("where t.customer_id = any(:key)", customers, null);
    }

    /**
     * For the run of {@code month}: marks the customers' entries before {@code before} that no run
     * billed yet as billed by this run, and answers their timelines with those entries as not billed
     * yet (this run charges them) and the ones earlier runs billed as billed. The marking comes
     * first and decides: an entry recorded while the batch works is left out here and is billed by
     * the next run; a batch rolled back leaves its entries unbilled.
     */
    public Map<UUID, List<SubscriptionTimeline>> billFor(YearMonth month, Collection<UUID> customers, Instant before) {
        if (customers.isEmpty()) {
            return new HashMap<>();
        }
        jdbc.sql("""
                update billing_timeline set billed_in = :m
                where customer_id = any(:c) and billed_in is null and at < :before""")
                .param("m", month.toString()).param("c", customers.toArray(UUID[]::new))
                .param("before", Timestamp.from(before)).update();
        return byCustomer("where t.customer_id = any(:key) and t.billed_in is not null", customers, month.toString());
    }

    private Map<UUID, List<SubscriptionTimeline>> byCustomer(String where, Collection<UUID> customers, String billing) {
        Map<UUID, List<SubscriptionTimeline>> byCustomer = new HashMap<>();
        if (customers.isEmpty()) {
            return byCustomer;
        }
        Map<UUID, UUID> customerOf = new HashMap<>();
        Map<UUID, SubscriptionTimeline> timelines = load(where, customers.toArray(UUID[]::new), customerOf, billing);
        timelines.forEach((instance, timeline) -> byCustomer.computeIfAbsent(customerOf.get(instance), k -> new ArrayList<>())
                .add(timeline));
        return byCustomer;
    }

    /** {@code billing}: the month of the run that bills now (its entries count as not billed yet), or null. */
    private Map<UUID, SubscriptionTimeline> load(String where, Object key, Map<UUID, UUID> customerOf, String billing) {
        Map<UUID, List<Entry>> entries = new LinkedHashMap<>();
        Map<UUID, String> names = new HashMap<>();
        jdbc.sql("""
                select t.instance_id, t.customer_id, coalesce(i.name, 'Instance') as name, t.at, t.kind, t.plan,
                       t.concurrent_users, t.monthly_net, t.free, t.billed_in
                from billing_timeline t left join billing_instances i on i.instance_id = t.instance_id
                """ + where + " order by t.instance_id, t.at")
                .param("key", key)
                .query(rs -> {
                    UUID instance = rs.getObject("instance_id", UUID.class);
                    customerOf.put(instance, rs.getObject("customer_id", UUID.class));
                    names.put(instance, rs.getString("name"));
                    String plan = rs.getString("plan");
                    String billedIn = rs.getString("billed_in");
                    entries.computeIfAbsent(instance, k -> new ArrayList<>()).add(new Entry(
                            rs.getTimestamp("at").toInstant(), Kind.valueOf(rs.getString("kind")),
                            plan == null ? null : Plan.valueOf(plan), rs.getInt("concurrent_users"),
                            Money.euros(rs.getBigDecimal("monthly_net")), rs.getBoolean("free"),
                            billedIn != null && !billedIn.equals(billing)));
                });
        Map<UUID, SubscriptionTimeline> timelines = new LinkedHashMap<>();
        entries.forEach((id, list) -> timelines.put(id, new SubscriptionTimeline(new InstanceId(id), names.get(id), list)));
        return timelines;
    }
}
