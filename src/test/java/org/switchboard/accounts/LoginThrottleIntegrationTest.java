package org.switchboard.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.testing.IntegrationTestBase;

/**
 * Logins from two source addresses (two loopback addresses): an attacker's wrong passwords from
 * one address slow down that address, not the account's owner logging in from another.
 */
class LoginThrottleIntegrationTest extends IntegrationTestBase {

    static final String ATTACKER = "127.0.0.2";
    static final String USER = "127.0.0.1";

    @Autowired
    AccountFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    record Answer(int status, long retryAfter) {
    }

    @Test
    void wrongPasswordsFromOneAddressDoNotKeepTheOwnerOutFromAnother() throws IOException {
        PartnerAccount owner = fixtures.verifiedPartner("Guessed Partner");
        for (int i = 0; i < 5; i++) {
            assertThat(login(ATTACKER, owner.email(), "wrong password " + i).status()).isEqualTo(401);
        }
        Answer throttled = login(ATTACKER, owner.email(), PASSWORD);
        assertThat(throttled.status()).as("even the right password waits on that address").isEqualTo(429);
        assertThat(throttled.retryAfter()).isBetween(1L, 5L);

        assertThat(login(USER, owner.email(), PASSWORD).status()).as("the owner from elsewhere").isEqualTo(200);
        // Attempts while waiting are not counted and do not reach the account's looser limit.
        for (int i = 0; i < 30; i++) {
            assertThat(login(ATTACKER, owner.email(), "wrong password x").status()).isEqualTo(429);
        }
        assertThat(login(USER, owner.email(), PASSWORD).status()).isEqualTo(200);

        // The delay grows: after the wait one more wrong password makes the next wait twice as long.
        clock.advance(Duration.ofSeconds(6));
        assertThat(login(ATTACKER, owner.email(), "wrong password y").status()).isEqualTo(401);
        Answer longer = login(ATTACKER, owner.email(), PASSWORD);
        assertThat(longer.status()).isEqualTo(429);
        assertThat(longer.retryAfter()).isBetween(6L, 10L);
        assertThat(login(USER, owner.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aFailureCountsOnceAndTheRightPasswordAfterFourFailuresGetsIn() throws IOException {
        PartnerAccount owner = fixtures.verifiedPartner("Forgetful Partner");
        for (int i = 0; i < 4; i++) {
            assertThat(login("127.0.0.3", owner.email(), "wrong password " + i).status()).isEqualTo(401);
        }
        assertThat(login("127.0.0.3", owner.email(), PASSWORD).status()).isEqualTo(200);
        // The success forgot the failures: four more are free again.
        for (int i = 0; i < 4; i++) {
            assertThat(login("127.0.0.3", owner.email(), "wrong password " + i).status()).isEqualTo(401);
        }
        assertThat(login("127.0.0.3", owner.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void oneAddressTryingManyAccountsIsSlowedDownAndUnknownAddressesAreForgottenAfterAnHour() throws IOException {
        String sprayer = "127.0.0.4";
        String marker = "spray-" + System.nanoTime();
        for (int i = 0; i < 50; i++) {
            assertThat(login(sprayer, marker + "-" + i + "@example.com", PASSWORD).status()).isEqualTo(401);
        }
        PartnerAccount other = fixtures.verifiedPartner("Sprayed Partner");
        assertThat(login(sprayer, other.email(), PASSWORD).status()).isEqualTo(429);
        assertThat(login(USER, other.email(), PASSWORD).status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from login_throttle where subject like :m").param("m", marker + "%")
                .query(Integer.class).single()).isEqualTo(100); // per unknown e-mail: its own and with the address

        clock.advance(Duration.ofMinutes(61));
        assertThat(login(sprayer, marker + "-late@example.com", PASSWORD).status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from login_throttle where subject like :m").param("m", marker + "%")
                .query(Integer.class).single()).as("only the latest unknown e-mail's rows are kept").isEqualTo(2);
    }

    /** GET /api/v1/me with HTTP Basic over a connection from the given local address. */
    Answer login(String from, String email, String password) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            String credentials = Base64.getEncoder().encodeToString((email + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            long retryAfter = answer.lines().takeWhile(l -> !l.isEmpty())
                    .filter(l -> l.toLowerCase().startsWith("retry-after:"))
                    .mapToLong(l -> Long.parseLong(l.substring(12).trim())).findFirst().orElse(-1);
            return new Answer(status, retryAfter);
        }
    }
}
