package org.switchboard.partners.web;

import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.partners.CommissionLedger;
import org.switchboard.platform.web.WebPage;

/** A commission statement as a page and as its PDF, for the partner and operators. */
@WebPage
class StatementPages {

    private final CommissionLedger ledger;

    StatementPages(CommissionLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/partner/statements/{id}")
    String statement(CurrentUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("statement", ledger.statement(user, id));
        return "partners/statement";
    }

    @GetMapping("/partner/statements/{id}.pdf")
    ResponseEntity<byte[]> statementPdf(CurrentUser user, @PathVariable UUID id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"statement-" + id + ".pdf\"")
                .body(ledger.statementPdf(user, id));
    }
}
