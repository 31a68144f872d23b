package org.switchboard.mail.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.mail.StoredMail;

@Component
class JdbcOutbox implements Outbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void send(OutgoingMail mail) {
        jdbc.sql("""
                insert into mail_outbox (id, recipient, subject, body, links, created_at)
                values (:id, :to, :subject, :body, :links, :at)""")
                .param("id", UUID.randomUUID())
                .param("to", mail.to())
                .param("subject", mail.subject())
                .param("body", mail.body())
                .param("links", mail.links().toArray(String[]::new))
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    @Override
    @Transactional(readOnly = true)
    public List<StoredMail> newest(int limit) {
        return jdbc.sql("select * from mail_outbox order by created_at desc, id limit :limit")
                .param("limit", limit)
                .query((rs, n) -> map(rs))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<StoredMail> to(String recipient) {
        return jdbc.sql("select * from mail_outbox where lower(recipient) = lower(:to) order by created_at desc, id")
                .param("to", recipient)
                .query((rs, n) -> map(rs))
                .list();
    }

    static StoredMail map(ResultSet rs) throws SQLException {
        Array links = rs.getArray("links");
        Timestamp sent = rs.getTimestamp("sent_at");
        return new StoredMail(rs.getObject("id", UUID.class), rs.getString("recipient"), rs.getString("subject"),
                rs.getString("body"), links == null ? List.of() : Arrays.asList((String[]) links.getArray()),
                rs.getTimestamp("created_at").toInstant(), sent == null ? null : sent.toInstant(),
                rs.getString("last_error"));
    }

}
