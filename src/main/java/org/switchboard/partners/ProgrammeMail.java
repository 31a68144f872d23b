package org.switchboard.partners;

import java.util.List;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.Partner;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.platform.Links;

/** Mail of the programme to a partner's admins, ending with the link to their programme page. */
@Component
class ProgrammeMail {

    private final CustomerDirectory directory;
    private final Outbox outbox;
    private final Links links;

    ProgrammeMail(CustomerDirectory directory, Outbox outbox, Links links) {
        this.directory = directory;
        this.outbox = outbox;
        this.links = links;
    }

    void toAdmins(Partner partner, String subject, String body) {
        String link = links.to("/partner/programme");
        for (String to : directory.partnerAdminEmails(partner.id())) {
            outbox.send(new OutgoingMail(to, subject, "Hello,\n\n" + body + "\nYour partner programme: " + link + "\n",
                    List.of(link)));
        }
    }
}
