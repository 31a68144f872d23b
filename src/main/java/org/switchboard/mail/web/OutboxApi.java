package org.switchboard.mail.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.mail.Outbox;
import org.switchboard.mail.StoredMail;

/** The outbox for operators (the security rules allow operators only). */
@RestController
@RequestMapping("/api/v1/outbox")
class OutboxApi {

    private final Outbox outbox;

    OutboxApi(Outbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping
    List<StoredMail> newest(@RequestParam(defaultValue = "100") int limit) {
        return outbox.newest(Math.max(1, Math.min(limit, 1000)));
    }
}
