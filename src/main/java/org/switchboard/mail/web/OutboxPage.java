package org.switchboard.mail.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.switchboard.mail.Outbox;

@Controller
class OutboxPage {

    private final Outbox outbox;

    OutboxPage(Outbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/operator/outbox")
    String outbox(Model model) {
        model.addAttribute("mails", outbox.newest(200));
        return "mail/outbox";
    }
}
