package org.switchboard.mail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A mail as the outbox keeps it; {@code sentAt} is set once an SMTP server took it. */
public record StoredMail(UUID id, String to, String subject, String body, List<String> links, Instant createdAt,
        Instant sentAt, String lastError) {
}
