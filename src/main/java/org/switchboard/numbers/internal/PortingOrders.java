package org.switchboard.numbers.internal;

import static org.switchboard.numbers.internal.Ranges.instant;
import static org.switchboard.numbers.internal.Ranges.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.CustomerId;
import org.switchboard.instances.InstanceId;
import org.switchboard.numbers.PortingOrder;
import org.switchboard.numbers.PortingOrder.SignedForm;
import org.switchboard.numbers.PortingOrder.Step;
import org.switchboard.numbers.PortingRequest;
import org.switchboard.numbers.PortingRequest.PortedNumbers;
import org.switchboard.numbers.PortingStatus;
import org.switchboard.numbers.RejectionCode;

/** Porting orders, their ranges, the signed form and the history of each. */
@Repository
public class PortingOrders {

    public record Provider(UUID id, String name) {
    }

    public record Document(String name, String contentType, byte[] content) {
    }

    private final JdbcClient jdbc;

    PortingOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Provider> providers() {
        return jdbc.sql("select id, name from porting_providers order by name")
                .query((rs, n) -> new Provider(rs.getObject(1, UUID.class), rs.getString(2))).list();
    }

    public void addProvider(String name) {
        jdbc.sql("insert into porting_providers (id, name) values (?, ?) on conflict (name) do nothing")
                .params(UUID.randomUUID(), name).update();
    }

    public void insert(UUID id, CustomerId customer, InstanceId instance, PortingRequest r, Instant at, String by) {
        jdbc.sql("insert into porting_orders (id, customer_id, instance_id, status, provider, company_name, street,"
                + " postcode, city, contract_holder, provider_customer_no, whole_contract, rest_cancelled, desired_date,"
                + " at_contract_end, created_at, created_by, updated_at)"
                + " values (?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, customer.value(), instance.value(), r.provider(), r.companyName(), r.street(), r.postcode(),
                        r.city(), r.contractHolder(), r.providerCustomerNumber(), r.wholeContract(), r.restCancelled(),
                        r.desiredDate(), r.atContractEnd(), utc(at), by, utc(at))
                .update();
    }

    /** New data for the order; the signed form no longer matches it and is dropped. */
    public void update(UUID id, PortingRequest r, Instant at) {
        jdbc.sql("update porting_orders set provider = ?, company_name = ?, street = ?, postcode = ?, city = ?,"
                + " contract_holder = ?, provider_customer_no = ?, whole_contract = ?, rest_cancelled = ?,"
                + " desired_date = ?, at_contract_end = ?, document = null, document_name = null, document_type = null,"
                + " document_uploaded_at = null, updated_at = ? where id = ?")
                .params(r.provider(), r.companyName(), r.street(), r.postcode(), r.city(), r.contractHolder(),
                        r.providerCustomerNumber(), r.wholeContract(), r.restCancelled(), r.desiredDate(),
                        r.atContractEnd(), utc(at), id)
                .update();
    }

    public void linkRange(UUID order, UUID range) {
        jdbc.sql("insert into porting_order_ranges (order_id, range_id) values (?, ?)").params(order, range).update();
    }

    public List<UUID> ranges(UUID order) {
        return jdbc.sql("select range_id from porting_order_ranges where order_id = ?").param(order).query(UUID.class)
                .list();
    }

    public void unlinkRanges(UUID order) {
        jdbc.sql("delete from porting_order_ranges where order_id = ?").param(order).update();
    }

    public void attach(UUID id, String name, String type, byte[] content, Instant at) {
        jdbc.sql("update porting_orders set document = ?, document_name = ?, document_type = ?,"
                + " document_uploaded_at = ?, updated_at = ? where id = ?")
                .params(content, name, type, utc(at), utc(at), id).update();
    }

    public Optional<Document> document(UUID id) {
        return jdbc.sql("select document_name, document_type, document from porting_orders where id = ?"
                + " and document is not null").param(id)
                .query((rs, n) -> new Document(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional();
    }

    public void setStatus(UUID id, PortingStatus status, Instant at) {
        jdbc.sql("update porting_orders set status = ?, updated_at = ? where id = ?").params(status.name(), utc(at), id)
                .update();
    }

    public void submitted(UUID id, String reference, Instant at) {
        jdbc.sql("update porting_orders set status = 'SUBMITTED', carrier_reference = ?, rejection_code = null,"
                + " rejection_text = null, updated_at = ? where id = ?").params(reference, utc(at), id).update();
    }

    public void confirmed(UUID id, LocalDate portingDate, Instant at) {
        jdbc.sql("update porting_orders set status = 'CONFIRMED', porting_date = ?, updated_at = ? where id = ?")
                .params(portingDate, utc(at), id).update();
    }

    public void rejected(UUID id, RejectionCode code, String text, Instant at) {
        jdbc.sql("update porting_orders set status = 'REJECTED', rejection_code = ?, rejection_text = ?, updated_at = ?"
                + " where id = ?").params(code.name(), text, utc(at), id).update();
    }

    public void step(UUID id, Instant at, String actor, PortingStatus status, String note) {
        jdbc.sql("insert into porting_order_events (order_id, at, actor, status, note) values (?, ?, ?, ?, ?)")
                .params(id, utc(at), actor, status.name(), note).update();
    }

    public Optional<PortingOrder> find(UUID id) {
        return jdbc.sql("select * from porting_orders where id = ?").param(id).query((rs, n) -> order(rs)).optional();
    }

    public Optional<PortingOrder> lock(UUID id) {
        return jdbc.sql("select * from porting_orders where id = ? for update").param(id).query((rs, n) -> order(rs))
                .optional();
    }

    public List<PortingOrder> ofInstance(InstanceId instance) {
        return jdbc.sql("select * from porting_orders where instance_id = ? order by created_at desc")
                .param(instance.value()).query((rs, n) -> order(rs)).list();
    }

    public List<PortingOrder> byStatus(List<String> statuses) {
        return jdbc.sql("select * from porting_orders where status = any(?) order by updated_at")
                .param(statuses.toArray(String[]::new)).query((rs, n) -> order(rs)).list();
    }

    /** Confirmed orders whose porting date has come, claimed for the caller's transaction (one node takes each). */
    public List<UUID> claimDue(LocalDate today, int limit) {
        return jdbc.sql("select id from porting_orders where status = 'CONFIRMED' and porting_date <= ?"
                + " order by porting_date limit ? for update skip locked").params(today, limit).query(UUID.class).list();
    }

    private PortingOrder order(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<PortedNumbers> numbers = jdbc.sql("select r.base, r.extension_digits from porting_order_ranges o"
                + " join number_ranges r on r.id = o.range_id where o.order_id = ? order by r.base").param(id)
                .query((r, n) -> new PortedNumbers(r.getString(1), r.getInt(2))).list();
        List<Step> history = jdbc.sql("select at, actor, status, note from porting_order_events where order_id = ?"
                + " order by at, status").param(id)
                .query((r, n) -> new Step(instant(r, "at"), r.getString("actor"), PortingStatus.valueOf(r.getString("status")),
                        r.getString("note"))).list();
        PortingRequest request = new PortingRequest(numbers, rs.getBoolean("whole_contract"),
                rs.getBoolean("rest_cancelled"), rs.getString("provider"), rs.getString("company_name"),
                rs.getString("street"), rs.getString("postcode"), rs.getString("city"), rs.getString("contract_holder"),
                rs.getString("provider_customer_no"), rs.getObject("desired_date", LocalDate.class),
                rs.getBoolean("at_contract_end"));
        String code = rs.getString("rejection_code");
        String docName = rs.getString("document_name");
        return new PortingOrder(id, new CustomerId(rs.getObject("customer_id", UUID.class)),
                new InstanceId(rs.getObject("instance_id", UUID.class)), PortingStatus.valueOf(rs.getString("status")),
                request, rs.getObject("porting_date", LocalDate.class), rs.getString("carrier_reference"),
                code == null ? null : RejectionCode.valueOf(code), rs.getString("rejection_text"),
                docName == null ? null : new SignedForm(docName, rs.getString("document_type"),
                        instant(rs, "document_uploaded_at")),
                instant(rs, "created_at"), rs.getString("created_by"), history);
    }
}
