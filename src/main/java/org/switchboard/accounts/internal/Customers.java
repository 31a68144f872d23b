package org.switchboard.accounts.internal;

import static org.switchboard.accounts.internal.Users.instant;
import static org.switchboard.accounts.internal.Users.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.Address;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;

@Repository
public class Customers {

    // The first customer admin (by creation) is the one whose verified e-mail validates the customer.
    private static final String SELECT = """
            select c.*, p.name as partner_name, a.email as admin_email, a.email_verified_at as admin_verified
            from customers c
            left join partners p on p.id = c.partner_id
            left join lateral (select u.email, u.email_verified_at from users u
                               where u.customer_id = c.id and u.role = 'CUSTOMER_ADMIN'
                               order by u.created_at limit 1) a on true""";

    private final JdbcClient jdbc;

    Customers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID id, String name, Address address, String vatId, UUID partnerId, Instant createdAt) {
        jdbc.sql("""
                insert into customers (id, name, street, postcode, city, country, vat_id, partner_id, created_at)
                values (:id, :name, :street, :postcode, :city, :country, :vat, :partner, :created)""")
                .param("id", id).param("name", name)
                .param("street", address.street()).param("postcode", address.postcode())
                .param("city", address.city()).param("country", address.country())
                .param("vat", vatId).param("partner", partnerId).param("created", ts(createdAt))
                .update();
    }

    /** The customer record of a partner's own use, created on first need; one per partner. */
    public UUID ownUseOf(UUID partnerId, String name, Address address, String vatId, Instant at) {
        jdbc.sql("""
                insert into customers (id, name, street, postcode, city, country, vat_id, partner_id, created_at, own_use)
                values (:id, :name, :street, :postcode, :city, :country, :vat, :partner, :created, true)
                on conflict (partner_id) where own_use do nothing""")
                .param("id", UUID.randomUUID()).param("name", name)
                .param("street", address.street()).param("postcode", address.postcode())
                .param("city", address.city()).param("country", address.country())
                .param("vat", vatId).param("partner", partnerId).param("created", ts(at))
                .update();
        return jdbc.sql("select id from customers where partner_id = :p and own_use").param("p", partnerId)
                .query(UUID.class).single();
    }

    public void updateBilling(UUID id, String name, Address address, String vatId) {
        jdbc.sql("""
                update customers set name = :name, street = :street, postcode = :postcode, city = :city,
                       country = :country, vat_id = :vat where id = :id""")
                .param("id", id).param("name", name)
                .param("street", address.street()).param("postcode", address.postcode())
                .param("city", address.city()).param("country", address.country()).param("vat", vatId)
                .update();
    }

    public Optional<Customer> byId(UUID id) {
        return jdbc.sql(SELECT + " where c.id = :id").param("id", id).query((rs, n) -> map(rs)).optional();
    }

    /** The customers of these ids (unknown ids are left out), in one query. */
    public List<Customer> byIds(java.util.Collection<UUID> ids) {
        return jdbc.sql(SELECT + " where c.id = any(:ids)").param("ids", ids.toArray(UUID[]::new))
                .query((rs, n) -> map(rs)).list();
    }

    public List<Customer> ofPartner(UUID partnerId) {
        return jdbc.sql(SELECT + " where c.partner_id = :p order by lower(c.name)").param("p", partnerId)
                .query((rs, n) -> map(rs)).list();
    }

    public List<Customer> all() {
        return jdbc.sql(SELECT + " order by lower(c.name)").query((rs, n) -> map(rs)).list();
    }

    private static Customer map(ResultSet rs) throws SQLException {
        UUID partner = rs.getObject("partner_id", UUID.class);
        return new Customer(new CustomerId(rs.getObject("id", UUID.class)), rs.getString("name"),
                new Address(rs.getString("street"), rs.getString("postcode"), rs.getString("city"), rs.getString("country")),
                rs.getString("vat_id"), partner == null ? null : new PartnerId(partner), rs.getString("partner_name"),
                instant(rs, "created_at"), rs.getTimestamp("admin_verified") != null, rs.getString("admin_email"),
                rs.getBoolean("own_use"));
    }
}
