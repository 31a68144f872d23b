package org.switchboard.accounts.internal;

import static org.switchboard.accounts.internal.Users.instant;
import static org.switchboard.accounts.internal.Users.ts;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AccountTokens {

    public enum Purpose { VERIFY_EMAIL, SET_PASSWORD }

    public record Token(UUID id, Purpose purpose, UUID userId, Instant expiresAt, Instant usedAt) {
    }

    private final JdbcClient jdbc;

    AccountTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Issues a token and returns the secret to put in the link. */
    public String issue(Purpose purpose, UUID userId, Instant now, Instant expiresAt) {
        String secret = SecretTokens.newToken();
        jdbc.sql("""
                insert into account_tokens (id, purpose, token_hash, user_id, created_at, expires_at)
                values (:id, :purpose, :hash, :user, :now, :expires)""")
                .param("id", UUID.randomUUID()).param("purpose", purpose.name())
                .param("hash", SecretTokens.hash(secret)).param("user", userId)
                .param("now", ts(now)).param("expires", ts(expiresAt)).update();
        return secret;
    }

    /** The token for this secret, locked for the rest of the transaction so it can be used once only. */
    public Optional<Token> lock(String secret, Purpose purpose) {
        return jdbc.sql("select * from account_tokens where token_hash = :hash and purpose = :purpose for update")
                .param("hash", SecretTokens.hash(secret)).param("purpose", purpose.name())
                .query((rs, n) -> new Token(rs.getObject("id", UUID.class), Purpose.valueOf(rs.getString("purpose")),
                        rs.getObject("user_id", UUID.class), instant(rs, "expires_at"), instant(rs, "used_at")))
                .optional();
    }

    public void markUsed(UUID id, Instant at) {
        jdbc.sql("update account_tokens set used_at = :at where id = :id").param("at", ts(at)).param("id", id).update();
    }

    /** Older unused links of the same purpose stop working when a new one is sent. */
    public void retireOpen(UUID userId, Purpose purpose, Instant at) {
        jdbc.sql("update account_tokens set used_at = :at where user_id = :u and purpose = :p and used_at is null")
                .param("at", ts(at)).param("u", userId).param("p", purpose.name()).update();
    }
}
