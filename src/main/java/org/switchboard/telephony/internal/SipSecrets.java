package org.switchboard.telephony.internal;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The registrar's nonce key: made once, by whichever node starts first, and shared by all. */
@Repository
class SipSecrets {

    private final JdbcClient jdbc;

    SipSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    byte[] nonceKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        jdbc.sql("insert into sip_secrets (name, value) values ('nonce-key', ?) on conflict do nothing")
                .param(Base64.getEncoder().encodeToString(key)).update();
        return Base64.getDecoder().decode(jdbc.sql("select value from sip_secrets where name = 'nonce-key'")
                .query(String.class).single());
    }
}
