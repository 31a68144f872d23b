package org.switchboard.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.testing.Mailbox;
import org.switchboard.testing.ModuleIntegrationTest;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** The mail module on its own: a mail handed to the outbox is kept for the operators and delivered to a real SMTP server, once. */
@ModuleIntegrationTest
class MailModuleIntegrationTest {

    static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("switchboard.mail.poll-interval", () -> "200");
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Autowired
    Outbox outbox;

    @Test
    void aMailIsKeptInTheOutboxAndDeliveredOnce() throws Exception {
        String to = "module-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        outbox.send(new OutgoingMail(to, "Your link", "Hello,\n\nfollow https://switchboard.test/a?token=1\n",
                List.of("https://switchboard.test/a?token=1")));

        StoredMail kept = outbox.to(to.toUpperCase()).get(0);
        assertThat(kept.subject()).isEqualTo("Your link");
        assertThat(kept.links()).containsExactly("https://switchboard.test/a?token=1");
        assertThat(Mailbox.awaitLink(SMTP, to, "/a?token=1")).isEqualTo("https://switchboard.test/a?token=1");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (outbox.to(to).get(0).sentAt() == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(outbox.to(to).get(0).sentAt()).isNotNull();
        Thread.sleep(600); // three more polls of the outbox
        assertThat(Mailbox.countTo(SMTP, to)).isEqualTo(1);
        assertThat(outbox.newest(10)).extracting(StoredMail::to).contains(to);
    }
}
