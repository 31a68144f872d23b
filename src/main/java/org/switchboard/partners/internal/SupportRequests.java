package org.switchboard.partners.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;
import org.switchboard.partners.PartnerSupport.Request;

/** Partners' support requests and their answers, newest first, at most 500 a list. */
@Repository
public class SupportRequests {

    private final JdbcClient jdbc;
    private final CustomerDirectory directory;

    SupportRequests(JdbcClient jdbc, CustomerDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    public void insert(UUID id, PartnerId partner, String queue, String subject, String body, String createdBy,
            Instant at) {
        jdbc.sql("""
                insert into support_requests (id, partner_id, queue, subject, body, created_by, created_at)
                values (:id, :p, :q, :s, :b, :by, :at)""")
                .param("id", id).param("p", partner.value()).param("q", queue).param("s", subject)
                .param("b", body).param("by", createdBy).param("at", Timestamp.from(at)).update();
    }

    /** Answers a request still open; false when someone answered it first. */
    public boolean answer(UUID id, String answer, String answeredBy, Instant at) {
        return jdbc.sql("""
                update support_requests set answer = :a, answered_by = :by, answered_at = :at
                where id = :id and answered_at is null""")
                .param("a", answer).param("by", answeredBy).param("at", Timestamp.from(at))
                .param("id", id).update() > 0;
    }

    public Optional<Request> byId(UUID id) {
        return requests("where r.id = :id", id).stream().findFirst();
    }

    public List<Request> inQueue(String queue) {
        return requests("where r.queue = :id", queue);
    }

    public List<Request> all() {
        return requests("", null);
    }

    public List<Request> ofPartner(PartnerId partner) {
        return requests("where r.partner_id = :id", partner.value());
    }

    private List<Request> requests(String where, Object param) {
        var sql = jdbc.sql("select r.* from support_requests r " + where + " order by r.created_at desc limit 500");
        if (param != null) {
            sql = sql.param("id", param);
        }
        return sql.query((rs, n) -> {
                    PartnerId p = new PartnerId(rs.getObject("partner_id", UUID.class));
                    return new Request(rs.getObject("id", UUID.class), p,
                            directory.partner(p).map(Partner::name).orElse(""), rs.getString("queue"),
                            rs.getString("subject"), rs.getString("body"), rs.getString("created_by"),
                            rs.getTimestamp("created_at").toInstant(), rs.getString("answer"), rs.getString("answered_by"),
                            rs.getTimestamp("answered_at") == null ? null : rs.getTimestamp("answered_at").toInstant());
                }).list();
    }
}
