package org.switchboard.mail;

import java.util.List;
import java.util.Objects;

/** A plain-text e-mail; {@code links} repeats the addresses the body asks the reader to follow. */
public record OutgoingMail(String to, String subject, String body, List<String> links) {

    public OutgoingMail {
        Objects.requireNonNull(to);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(body);
        links = links == null ? List.of() : List.copyOf(links);
    }
}
