package org.switchboard.partners.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.partners.PartnerSupport;
import org.switchboard.partners.PartnerSupport.Request;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Support requests: partners ask, in the queue their level gives them; operators answer. */
@RestController
@RequestMapping("/api/v1/support-requests")
@Tag(name = "Partner support", description = "Support requests of partners and their answers")
class SupportApi {

    record NewRequest(String subject, String body) {
    }

    record Answer(String answer) {
    }

    private final PartnerSupport support;

    SupportApi(PartnerSupport support) {
        this.support = support;
    }

    @GetMapping
    @Operation(summary = "Operators: every request (or one queue: PARTNER_SUPPORT, LICENCE_SUPPORT); partners: their own")
    List<Request> requests(CurrentUser user, @RequestParam Optional<String> queue) {
        return support.requests(user, queue);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A partner asks for support")
    Request ask(CurrentUser user, @RequestBody NewRequest body) {
        return support.request(user, body.subject(), body.body());
    }

    @PostMapping("/{id}/answer")
    @Operation(summary = "Operators answer a request once; the partner user who asked gets the answer by e-mail")
    Request answer(CurrentUser user, @PathVariable UUID id, @RequestBody Answer body) {
        return support.answer(user, id, body.answer());
    }
}
