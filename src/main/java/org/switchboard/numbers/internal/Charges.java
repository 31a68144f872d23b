package org.switchboard.numbers.internal;

import static org.switchboard.numbers.internal.Ranges.instant;
import static org.switchboard.numbers.internal.Ranges.utc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.CustomerId;
import org.switchboard.catalog.Money;
import org.switchboard.instances.InstanceId;

/** Periods in which a range is charged monthly, and one-off fees: what billing asks for. */
@Repository
public class Charges {

    public record Charge(UUID id, UUID rangeId, CustomerId customerId, InstanceId instanceId, String description,
            Money monthlyNet, Instant from, Instant until) {
    }

    public record Fee(UUID id, CustomerId customerId, InstanceId instanceId, String description, Money net,
            Instant at) {
    }

    private final JdbcClient jdbc;

    Charges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises changes of one instance's charges (an order and an instance event at the same moment). */
    public void lockInstance(InstanceId instance) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("number-charges-" + instance.value()).query()
                .singleValue();
    }

    public List<Charge> open(InstanceId instance) {
        return jdbc.sql("select * from number_charges where instance_id = ? and charged_until is null")
                .param(instance.value()).query((rs, n) -> charge(rs)).list();
    }

    public List<Charge> ofInstance(InstanceId instance) {
        return jdbc.sql("select * from number_charges where instance_id = ? order by charged_from, description")
                .param(instance.value()).query((rs, n) -> charge(rs)).list();
    }

    public void open(UUID rangeId, CustomerId customer, InstanceId instance, String description, Money net, Instant at) {
        jdbc.sql("insert into number_charges (id, range_id, customer_id, instance_id, description, monthly_net,"
                + " charged_from) values (?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), rangeId, customer.value(), instance.value(), description, net.amount(), utc(at))
                .update();
    }

    public void close(UUID charge, Instant at) {
        jdbc.sql("update number_charges set charged_until = ? where id = ? and charged_until is null")
                .params(utc(at), charge).update();
    }

    /** Charges of these customers running at some time in [from, to). */
    public List<Charge> overlapping(List<UUID> customers, Instant from, Instant to) {
        return jdbc.sql("select * from number_charges where customer_id = any(:customers) and charged_from < :to"
                + " and (charged_until is null or charged_until > :from) order by charged_from, description")
                .param("customers", customers.toArray(UUID[]::new)).param("from", utc(from)).param("to", utc(to))
                .query((rs, n) -> charge(rs)).list();
    }

    public void addFee(CustomerId customer, InstanceId instance, String description, Money net, Instant at) {
        jdbc.sql("insert into number_fees (id, customer_id, instance_id, description, net, charged_at)"
                + " values (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), customer.value(), instance.value(), description, net.amount(), utc(at))
                .update();
    }

    public List<Fee> fees(List<UUID> customers, Instant from, Instant to) {
        return jdbc.sql("select * from number_fees where customer_id = any(:customers) and charged_at >= :from"
                + " and charged_at < :to order by charged_at")
                .param("customers", customers.toArray(UUID[]::new)).param("from", utc(from)).param("to", utc(to))
                .query((rs, n) -> new Fee(rs.getObject("id", UUID.class),
                        new CustomerId(rs.getObject("customer_id", UUID.class)),
                        new InstanceId(rs.getObject("instance_id", UUID.class)), rs.getString("description"),
                        Money.euros(rs.getBigDecimal("net")), instant(rs, "charged_at")))
                .list();
    }

    private static Charge charge(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Charge(rs.getObject("id", UUID.class), rs.getObject("range_id", UUID.class),
                new CustomerId(rs.getObject("customer_id", UUID.class)),
                new InstanceId(rs.getObject("instance_id", UUID.class)), rs.getString("description"),
                Money.euros(rs.getBigDecimal("monthly_net")), instant(rs, "charged_from"), instant(rs, "charged_until"));
    }
}
