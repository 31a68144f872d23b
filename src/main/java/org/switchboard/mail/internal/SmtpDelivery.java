package org.switchboard.mail.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.mail.StoredMail;

/**
 * Hands unsent mails to the SMTP server. Rows are claimed with {@code SKIP LOCKED}, so several
 * nodes deliver side by side without sending a mail twice; a failed mail is retried up to five times.
 */
@Component
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
class SmtpDelivery {

    private static final Logger log = LoggerFactory.getLogger(SmtpDelivery.class);
    private static final int MAX_ATTEMPTS = 5;

    private final JdbcClient jdbc;
    private final JavaMailSender sender;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String from;

    SmtpDelivery(JdbcClient jdbc, JavaMailSender sender, TransactionTemplate tx, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${switchboard.mail.from:Switchboard <noreply@switchboard.local>}") String from) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.tx = tx;
        this.clock = clock;
        this.from = from;
    }

    @Scheduled(fixedDelayString = "${switchboard.mail.poll-interval:1000}")
    void deliverPending() {
        boolean more = true;
        while (more) {
            Integer delivered = tx.execute(status -> deliverBatch());
            more = delivered != null && delivered > 0;
        }
    }

    private int deliverBatch() {
        List<StoredMail> batch = jdbc.sql("""
                select * from mail_outbox where sent_at is null and attempts < :max
                order by created_at limit 20 for update skip locked""")
                .param("max", MAX_ATTEMPTS)
                .query((rs, n) -> JdbcOutbox.map(rs)).list();
        int sent = 0;
        for (StoredMail mail : batch) {
            try {
                SimpleMailMessage message = new SimpleMailMessage();
                message.setFrom(from);
                message.setTo(mail.to());
                message.setSubject(mail.subject());
                message.setText(mail.body());
                sender.send(message);
                jdbc.sql("update mail_outbox set sent_at = :at, attempts = attempts + 1, last_error = null where id = :id")
                        .param("at", Timestamp.from(clock.instant())).param("id", mail.id()).update();
                sent++;
            } catch (RuntimeException e) {
                log.warn("Could not deliver mail {} to {}: {}", mail.id(), mail.to(), e.getMessage());
                jdbc.sql("update mail_outbox set attempts = attempts + 1, last_error = :error where id = :id")
                        .param("error", String.valueOf(e.getMessage())).param("id", mail.id()).update();
            }
        }
        return sent;
    }
}
