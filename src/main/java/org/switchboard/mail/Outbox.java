package org.switchboard.mail;

import java.util.List;

/** Where the platform's e-mails go. Joins the caller's transaction: a mail about a change that rolls back is never sent. */
public interface Outbox {

    void send(OutgoingMail mail);

    /** Newest first. */
    List<StoredMail> newest(int limit);

    /** Every mail to this address (compared without case), newest first. */
    List<StoredMail> to(String recipient);
}
