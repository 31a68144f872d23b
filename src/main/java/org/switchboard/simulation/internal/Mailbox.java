package org.switchboard.simulation.internal;

import org.springframework.stereotype.Component;
import org.switchboard.mail.Outbox;

/** Reads the links the application mailed, as the person who received the mail would follow them. */
@Component
class Mailbox {

    private final Outbox outbox;

    Mailbox(Outbox outbox) {
        this.outbox = outbox;
    }

    /** What follows {@code marker} in the first link mailed to {@code email} that holds it. */
    String secret(String email, String marker) {
        for (var mail : outbox.to(email)) {
            for (String link : mail.links()) {
                int at = link.indexOf(marker);
                if (at >= 0) {
                    return link.substring(at + marker.length());
                }
            }
        }
        throw new IllegalStateException("no link '" + marker + "' was mailed to " + email);
    }
}
