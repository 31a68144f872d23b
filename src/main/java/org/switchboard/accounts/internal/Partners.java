package org.switchboard.accounts.internal;

import static org.switchboard.accounts.internal.Users.instant;
import static org.switchboard.accounts.internal.Users.ts;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.Address;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;

@Repository
public class Partners {

    private static final String SELECT = """
            select p.*, (select count(*) from customers c where c.partner_id = p.id) as customer_count
            from partners p""";

    private final JdbcClient jdbc;

    Partners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Partner p) {
        jdbc.sql("""
                insert into partners (id, name, street, postcode, city, country, vat_id, contact_name, contact_phone,
                                      website, level, status, created_at, registered_on)
                values (:id, :name, :street, :postcode, :city, :country, :vat, :contact, :phone, :website, :level,
                        :status, :created, :registered)""")
                .param("id", p.id().value()).param("name", p.name())
                .param("street", p.address().street()).param("postcode", p.address().postcode())
                .param("city", p.address().city()).param("country", p.address().country())
                .param("vat", p.vatId()).param("contact", p.contactName()).param("phone", p.contactPhone())
                .param("website", p.website()).param("level", p.level().name())
                .param("status", p.active() ? "ACTIVE" : "PENDING_VERIFICATION")
                .param("created", ts(p.createdAt()))
                .param("registered", p.registeredOn() == null ? null : Date.valueOf(p.registeredOn()))
                .update();
    }

    /** Makes a pending partner a partner at level Registered; the day it happens is its registration date. */
    public void activate(UUID id, LocalDate on) {
        jdbc.sql("update partners set status = 'ACTIVE', registered_on = coalesce(registered_on, :on) where id = :id")
                .param("on", Date.valueOf(on)).param("id", id).update();
    }

    /** The partner programme's decision; the history of levels is kept by the programme. */
    public void changeLevel(UUID id, PartnerLevel level) {
        jdbc.sql("update partners set level = :level where id = :id").param("level", level.name()).param("id", id).update();
    }

    public List<Partner> active() {
        return jdbc.sql(SELECT + " where p.status = 'ACTIVE' order by p.registered_on, p.id").query((rs, n) -> map(rs)).list();
    }

    public Optional<Partner> byId(UUID id) {
        return jdbc.sql(SELECT + " where p.id = :id").param("id", id).query((rs, n) -> map(rs)).optional();
    }

    public List<Partner> all() {
        return jdbc.sql(SELECT + " order by lower(p.name)").query((rs, n) -> map(rs)).list();
    }

    private static Partner map(ResultSet rs) throws SQLException {
        Date registered = rs.getDate("registered_on");
        return new Partner(new PartnerId(rs.getObject("id", UUID.class)), rs.getString("name"),
                new Address(rs.getString("street"), rs.getString("postcode"), rs.getString("city"), rs.getString("country")),
                rs.getString("vat_id"), rs.getString("contact_name"), rs.getString("contact_phone"),
                rs.getString("website"), PartnerLevel.valueOf(rs.getString("level")),
                "ACTIVE".equals(rs.getString("status")), instant(rs, "created_at"),
                registered == null ? null : registered.toLocalDate(), rs.getLong("customer_count"));
    }
}
