package org.switchboard.partners.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.PartnerId;
import org.switchboard.partners.Lead;

@Repository
public class Leads {

    private final JdbcClient jdbc;

    Leads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Lead l) {
        jdbc.sql("""
                insert into leads (id, company, contact_name, contact_email, contact_phone, country, postcode, region,
                                   employees, notes, status, created_at)
                values (:id, :company, :name, :email, :phone, :country, :postcode, :region, :employees, :notes,
                        'UNASSIGNED', :at)""")
                .param("id", l.id()).param("company", l.company()).param("name", l.contactName())
                .param("email", l.contactEmail()).param("phone", l.contactPhone()).param("country", l.country())
                .param("postcode", l.postcode()).param("region", l.region()).param("employees", l.employees())
                .param("notes", l.notes()).param("at", Timestamp.from(l.createdAt())).update();
    }

    public Optional<Lead> byId(UUID id) {
        return jdbc.sql("select * from leads where id = :id").param("id", id).query((rs, n) -> map(rs)).optional();
    }

    public Optional<Lead> lock(UUID id) {
        return jdbc.sql("select * from leads where id = :id for update").param("id", id).query((rs, n) -> map(rs)).optional();
    }

    public List<Lead> ofPartner(PartnerId partner) {
        return jdbc.sql("select * from leads where partner_id = :p order by created_at desc").param("p", partner.value())
                .query((rs, n) -> map(rs)).list();
    }

    public List<Lead> all() {
        return jdbc.sql("select * from leads order by created_at desc").query((rs, n) -> map(rs)).list();
    }

    /** Offers whose time ran out, claimed so that two nodes never hand one on twice. */
    public List<UUID> lockExpired(Instant now, int limit) {
        return jdbc.sql("""
                select id from leads where status = 'OFFERED' and offer_expires_at <= :now
                order by offer_expires_at limit :limit for update skip locked""")
                .param("now", Timestamp.from(now)).param("limit", limit).query(UUID.class).list();
    }

    public Set<PartnerId> offeredTo(UUID lead) {
        return jdbc.sql("select partner_id from lead_offers where lead_id = :id").param("id", lead)
                .query(UUID.class).list().stream().map(PartnerId::new).collect(Collectors.toSet());
    }

    public void offer(UUID lead, PartnerId partner, Instant at, Instant expiresAt) {
        jdbc.sql("insert into lead_offers (lead_id, partner_id, offered_at) values (:l, :p, :at)")
                .param("l", lead).param("p", partner.value()).param("at", Timestamp.from(at)).update();
        jdbc.sql("""
                update leads set status = 'OFFERED', partner_id = :p, offered_at = :at, offer_expires_at = :exp
                where id = :l""")
                .param("l", lead).param("p", partner.value()).param("at", Timestamp.from(at))
                .param("exp", Timestamp.from(expiresAt)).update();
    }

    public void unassign(UUID lead) {
        jdbc.sql("update leads set status = 'UNASSIGNED', partner_id = null, offered_at = null, offer_expires_at = null where id = :l")
                .param("l", lead).update();
    }

    public void answer(UUID lead, PartnerId partner, String outcome, Instant at) {
        jdbc.sql("update lead_offers set outcome = :o, answered_at = :at where lead_id = :l and partner_id = :p")
                .param("o", outcome).param("at", Timestamp.from(at)).param("l", lead).param("p", partner.value()).update();
    }

    public void accept(UUID lead, Instant at) {
        jdbc.sql("update leads set status = 'ACCEPTED', accepted_at = :at, offer_expires_at = null where id = :l")
                .param("at", Timestamp.from(at)).param("l", lead).update();
    }

    public void invited(UUID lead, UUID invitation, Instant at) {
        jdbc.sql("update leads set invitation_id = :i, invited_at = :at where id = :l")
                .param("i", invitation).param("at", Timestamp.from(at)).param("l", lead).update();
    }

    /** Marks the lead behind this invitation of this partner converted, once; 0 when there is none (or it was already). */
    public int converted(UUID invitation, PartnerId partner, Instant at) {
        return jdbc.sql("""
                update leads set converted_at = :at
                where invitation_id = :i and partner_id = :p and converted_at is null""")
                .param("at", Timestamp.from(at)).param("i", invitation).param("p", partner.value()).update();
    }

    /** The offers of a lead, oldest first: partner and outcome (null while open). */
    public List<String[]> offers(UUID lead) {
        return jdbc.sql("select partner_id, outcome from lead_offers where lead_id = :l order by offered_at")
                .param("l", lead).query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).list();
    }

    private static Lead map(ResultSet rs) throws SQLException {
        UUID partner = rs.getObject("partner_id", UUID.class);
        return new Lead(rs.getObject("id", UUID.class), rs.getString("company"), rs.getString("contact_name"),
                rs.getString("contact_email"), rs.getString("contact_phone"), rs.getString("country"),
                rs.getString("postcode"), rs.getString("region"), rs.getInt("employees"), rs.getString("notes"),
                Lead.Status.valueOf(rs.getString("status")), partner == null ? null : new PartnerId(partner),
                Members.instant(rs, "offered_at"), Members.instant(rs, "offer_expires_at"),
                Members.instant(rs, "accepted_at"), rs.getObject("invitation_id", UUID.class),
                Members.instant(rs, "invited_at"), Members.instant(rs, "converted_at"), Members.instant(rs, "created_at"));
    }
}
