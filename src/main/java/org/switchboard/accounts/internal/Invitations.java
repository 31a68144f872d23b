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
import org.switchboard.accounts.Invitation;
import org.switchboard.accounts.PartnerId;

@Repository
public class Invitations {

    private static final String SELECT = "select i.*, p.name as partner_name from invitations i join partners p on p.id = i.partner_id";

    private final JdbcClient jdbc;

    Invitations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String insert(UUID id, UUID partnerId, UUID invitedBy, String companyName, String email, Instant now,
            Instant expiresAt) {
        String secret = SecretTokens.newToken();
        jdbc.sql("""
                insert into invitations (id, partner_id, invited_by, company_name, email, token_hash, created_at, expires_at)
                values (:id, :partner, :by, :company, :email, :hash, :now, :expires)""")
                .param("id", id).param("partner", partnerId).param("by", invitedBy).param("company", companyName)
                .param("email", email).param("hash", SecretTokens.hash(secret)).param("now", ts(now))
                .param("expires", ts(expiresAt)).update();
        return secret;
    }

    public Optional<Invitation> bySecret(String secret, boolean lock) {
        return jdbc.sql(SELECT + " where i.token_hash = :hash" + (lock ? " for update of i" : ""))
                .param("hash", SecretTokens.hash(secret)).query((rs, n) -> map(rs)).optional();
    }

    public List<Invitation> ofPartner(UUID partnerId) {
        return jdbc.sql(SELECT + " where i.partner_id = :p order by i.created_at desc").param("p", partnerId)
                .query((rs, n) -> map(rs)).list();
    }

    /** A new invitation to the same address replaces the partner's earlier open one. */
    public void withdrawOpen(UUID partnerId, String email, Instant at) {
        jdbc.sql("""
                update invitations set withdrawn_at = :at
                where partner_id = :p and email = :email and accepted_at is null and withdrawn_at is null""")
                .param("at", ts(at)).param("p", partnerId).param("email", email).update();
    }

    public void markAccepted(UUID id, UUID customerId, Instant at) {
        jdbc.sql("update invitations set accepted_at = :at, customer_id = :c where id = :id")
                .param("at", ts(at)).param("c", customerId).param("id", id).update();
    }

    private static Invitation map(ResultSet rs) throws SQLException {
        return new Invitation(rs.getObject("id", UUID.class), new PartnerId(rs.getObject("partner_id", UUID.class)),
                rs.getString("partner_name"), rs.getString("company_name"), rs.getString("email"),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "accepted_at"),
                instant(rs, "withdrawn_at"));
    }
}
