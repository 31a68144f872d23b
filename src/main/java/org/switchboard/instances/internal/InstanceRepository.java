package org.switchboard.instances.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.CustomerId;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.catalog.PriceListId;
import org.switchboard.instances.BankAccount;
import org.switchboard.instances.Instance;
import org.switchboard.instances.InstanceChange;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceStatus;
import org.switchboard.instances.Mandate;
import org.switchboard.instances.ScheduledChange;
import org.switchboard.instances.Subdomain;
import org.switchboard.instances.Subscription;
import org.switchboard.platform.SecretBox;

/** Instances with their subscription and history, always asked for with their owner's keys in view. */
@Repository
public class InstanceRepository {

    private final JdbcClient jdbc;
    private final SecretBox secrets;

    InstanceRepository(JdbcClient jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    public void insert(Instance instance, ZoneId zone) {
        jdbc.sql("""
                insert into instances (id, customer_id, name, subdomain, country, created_at, status)
                values (:id, :customer, :name, :subdomain, :country, :created, :status)""")
                .param("id", instance.id().value()).param("customer", instance.customerId().value())
                .param("name", instance.name()).param("subdomain", instance.subdomain().value())
                .param("country", instance.country()).param("created", ts(instance.createdAt()))
                .param("status", instance.status().name())
                .update();
        update(instance, zone);
    }

    /** Writes the instance's state and appends the history it gained since it was loaded. */
    public void update(Instance i, ZoneId zone) {
        Subscription s = i.subscription().orElse(null);
        ScheduledChange c = i.scheduledChange().orElse(null);
        Mandate m = s == null ? null : s.mandate();
        jdbc.sql("""
                update instances set status = :status, trial_started_at = :trialStart, trial_ends_at = :trialEnd,
                  trial_concurrent_users = :trialCu, first_reminder_done = :r7, last_reminder_done = :r1,
                  deactivated_at = :deactivated, nfr_concurrent_users = :nfr, plan = :plan, concurrent_users = :cu, price_list_id = :priceList,
                  price_list_version = :priceVersion, unit_price = :unit, monthly_net = :monthly,
                  activated_at = :activated, term_start = :termStart, term_end = :termEnd,
                  mandate_reference = :mandate, mandate_signed_on = :signed, iban = :iban, account_holder = :holder,
                  scheduled_kind = :sKind, scheduled_plan = :sPlan, scheduled_concurrent_users = :sCu,
                  scheduled_effective_at = :sAt, scheduled_requested_at = :sReq, next_due_at = :due
                where id = :id and customer_id = :customer""")
                .param("id", i.id().value()).param("customer", i.customerId().value())
                .param("status", i.status().name())
                .param("trialStart", ts(i.trialStartedAt())).param("trialEnd", ts(i.trialEndsAt()))
                .param("trialCu", i.trialConcurrentUsers())
                .param("r7", i.firstReminderDone()).param("r1", i.lastReminderDone())
                .param("deactivated", ts(i.deactivatedAt()))
                .param("nfr", i.nfrConcurrentUsers())
                .param("plan", s == null ? null : s.plan().name())
                .param("cu", s == null ? null : s.concurrentUsers())
                .param("priceList", s == null ? null : s.priceListId().value())
                .param("priceVersion", s == null ? null : s.priceListVersion())
                .param("unit", s == null ? null : s.unitPrice().amount())
                .param("monthly", s == null ? null : s.monthlyNet().amount())
                .param("activated", s == null ? null : ts(s.activatedAt()))
                .param("termStart", s == null ? null : ts(s.termStart()))
                .param("termEnd", s == null ? null : ts(s.termEnd()))
                .param("mandate", m == null ? null : m.reference())
                .param("signed", m == null ? null : Date.valueOf(m.signedOn()))
                .param("iban", m == null ? null : secrets.seal(m.account().ibanForPayment()))
                .param("holder", m == null ? null : m.account().accountHolder())
                .param("sKind", c == null ? null : c.kind().name())
                .param("sPlan", c == null || c.plan() == null ? null : c.plan().name())
                .param("sCu", c == null ? null : c.concurrentUsers())
                .param("sAt", c == null ? null : ts(c.effectiveAt()))
                .param("sReq", c == null ? null : ts(c.requestedAt()))
                .param("due", i.nextDueAt(zone).map(InstanceRepository::ts).orElse(null))
                .update();
        for (InstanceChange change : i.newHistory()) {
            jdbc.sql("""
                    insert into instance_changes (instance_id, customer_id, at, actor, kind, from_value, to_value, licensed_after)
                    values (:instance, :customer, :at, :actor, :kind, :from, :to, :licensed)""")
                    .param("instance", i.id().value()).param("customer", i.customerId().value())
                    .param("at", ts(change.at())).param("actor", change.actor()).param("kind", change.kind().name())
                    .param("from", change.from()).param("to", change.to()).param("licensed", change.licensedAfter())
                    .update();
        }
    }

    /** The instance, locked until the transaction ends: changes to one instance happen one after the other. */
    public Optional<Instance> lock(InstanceId id) {
        return load("select * from instances where id = :id for update", Map.of("id", id.value()));
    }

    public Optional<Instance> find(InstanceId id) {
        return load("select * from instances where id = :id", Map.of("id", id.value()));
    }

    /** The instance reached under a sub-domain, unless it is deleted. */
    public Optional<Instance> findBySubdomain(String subdomain) {
        return load("select * from instances where subdomain = :s and status <> 'DELETED'", Map.of("s", subdomain));
    }

    public List<Instance> ofCustomers(Collection<CustomerId> customers) {
        if (customers.isEmpty()) {
            return List.of();
        }
        UUID[] ids = customers.stream().map(CustomerId::value).toArray(UUID[]::new);
        return loadAll("select * from instances where customer_id = any(:ids) order by created_at", Map.of("ids", ids));
    }

    public List<Instance> all() {
        return loadAll("select * from instances order by created_at", Map.of());
    }

    /** Instances whose time has come, locked; instances another node holds are skipped, not waited for. */
    public List<Instance> lockDue(Instant now, int limit) {
        return loadAll("""
                select * from instances where next_due_at <= :now order by next_due_at
                limit :limit for update skip locked""", Map.of("now", ts(now), "limit", limit));
    }

    public boolean subdomainTaken(String subdomain) {
        return jdbc.sql("select exists (select 1 from instances where subdomain = :s and status <> 'DELETED')")
                .param("s", subdomain).query(Boolean.class).single();
    }

    /** Takes the customer's one trial; false when it had one already. */
    public boolean claimTrial(CustomerId customer, InstanceId instance, Instant at) {
        return jdbc.sql("""
                insert into customer_trials (customer_id, instance_id, started_at) values (:c, :i, :at)
                on conflict (customer_id) do nothing""")
                .param("c", customer.value()).param("i", instance.value()).param("at", ts(at)).update() == 1;
    }

    /** Serialises changes of one partner's NFR licence across nodes, for the rest of the transaction. */
    public void lockNfrOfPartner(UUID partnerId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('nfr:' || :p))").param("p", partnerId.toString())
                .query((rs, n) -> 1).list();
    }

    /** The NFR instance of a partner's own-use customer, if it has one. */
    public Optional<Instance> lockNfrOf(CustomerId ownUse) {
        return load("select * from instances where customer_id = :c and nfr_concurrent_users > 0 for update",
                Map.of("c", ownUse.value()));
    }

    public int trialConcurrentUsers() {
        return jdbc.sql("select trial_concurrent_users from instance_settings where id = 1").query(Integer.class).single();
    }

    public void setTrialConcurrentUsers(int size) {
        jdbc.sql("update instance_settings set trial_concurrent_users = :s where id = 1").param("s", size).update();
    }

    /** Counts the subscriptions this instance had, for numbering its mandates. */
    public int activations(InstanceId id) {
        return jdbc.sql("select count(*) from instance_changes where instance_id = :id and kind = 'SUBSCRIPTION_ACTIVATED'")
                .param("id", id.value()).query(Integer.class).single();
    }

    private Optional<Instance> load(String sql, Map<String, ?> params) {
        return loadAll(sql, params).stream().findFirst();
    }

    private List<Instance> loadAll(String sql, Map<String, ?> params) {
        List<Row> rows = jdbc.sql(sql).params(params).query((rs, n) -> row(rs, secrets)).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        UUID[] ids = rows.stream().map(r -> r.id).toArray(UUID[]::new);
        Map<UUID, List<InstanceChange>> history = new java.util.HashMap<>();
        jdbc.sql("select * from instance_changes where instance_id = any(:ids) order by at, id")
                .param("ids", ids)
                .query((rs, n) -> {
                    history.computeIfAbsent(rs.getObject("instance_id", UUID.class), k -> new java.util.ArrayList<>())
                            .add(new InstanceChange(rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                                    InstanceChange.Kind.valueOf(rs.getString("kind")), rs.getString("from_value"),
                                    rs.getString("to_value"), rs.getInt("licensed_after")));
                    return null;
                }).list();
        return rows.stream().map(r -> r.toInstance(history.getOrDefault(r.id, List.of()))).toList();
    }

    private record Row(UUID id, UUID customer, String name, String subdomain, String country, Instant created,
            InstanceStatus status, Instant trialStart, Instant trialEnd, int trialCu, boolean r7, boolean r1,
            Instant deactivated, int nfr, Subscription subscription, ScheduledChange scheduled) {

        Instance toInstance(List<InstanceChange> history) {
            return new Instance(new InstanceId(id), new CustomerId(customer), name, new Subdomain(subdomain), country,
                    created, status, trialStart, trialEnd, trialCu, r7, r1, deactivated, nfr, subscription, scheduled,
                    history);
        }
    }

    private static Row row(ResultSet rs, SecretBox secrets) throws SQLException {
        Subscription subscription = null;
        if (rs.getString("plan") != null) {
            Mandate mandate = new Mandate(rs.getString("mandate_reference"), rs.getDate("mandate_signed_on").toLocalDate(),
                    BankAccount.restore(secrets.open(rs.getString("iban")), rs.getString("account_holder")));
            subscription = new Subscription(Plan.valueOf(rs.getString("plan")), rs.getInt("concurrent_users"),
                    new PriceListId(rs.getObject("price_list_id", UUID.class)), rs.getInt("price_list_version"),
                    Money.euros(rs.getBigDecimal("unit_price")), Money.euros(rs.getBigDecimal("monthly_net")),
                    instant(rs, "activated_at"), instant(rs, "term_start"), instant(rs, "term_end"), mandate);
        }
        ScheduledChange scheduled = null;
        if (rs.getString("scheduled_kind") != null) {
            String plan = rs.getString("scheduled_plan");
            scheduled = new ScheduledChange(ScheduledChange.Kind.valueOf(rs.getString("scheduled_kind")),
                    plan == null ? null : Plan.valueOf(plan), rs.getInt("scheduled_concurrent_users"),
                    instant(rs, "scheduled_effective_at"), instant(rs, "scheduled_requested_at"));
        }
        return new Row(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class), rs.getString("name"),
                rs.getString("subdomain"), rs.getString("country"), instant(rs, "created_at"),
                InstanceStatus.valueOf(rs.getString("status")), instant(rs, "trial_started_at"),
                instant(rs, "trial_ends_at"), rs.getInt("trial_concurrent_users"), rs.getBoolean("first_reminder_done"),
                rs.getBoolean("last_reminder_done"), instant(rs, "deactivated_at"), rs.getInt("nfr_concurrent_users"),
                subscription, scheduled);
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
