package org.switchboard.billing.web;

import java.net.URI;
import java.time.YearMonth;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.billing.InvoiceDocuments;
import org.switchboard.billing.InvoiceRun;
import org.switchboard.billing.web.BillingJson.RunView;
import org.switchboard.platform.NotFoundException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Operators' invoice runs of closed months and the SEPA direct-debit file of each. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Billing", description = "Call records, tariff zones, invoice runs, invoices, payments")
class InvoiceRunApi {

    record RunCommand(String month) {
    }

    private final InvoiceRun runs;
    private final InvoiceDocuments documents;

    InvoiceRunApi(InvoiceRun runs, InvoiceDocuments documents) {
        this.runs = runs;
        this.documents = documents;
    }

    // ---- invoice runs ---------------------------------------------------------------------------

    @PostMapping("/invoice-runs")
    @Operation(summary = "Operator: start (or resume) the invoice run of a closed month, e.g. {\"month\": \"2026-11\"}: "
            + "fees of the next month in advance, pro-rata and airtime of this one")
    ResponseEntity<RunView> startRun(CurrentUser user, @RequestBody RunCommand command) {
        YearMonth month = BillingApi.month(command == null ? null : command.month());
        RunView run = RunView.of(runs.start(user, month));
        return ResponseEntity.accepted().location(URI.create("/api/v1/invoice-runs/" + month)).body(run);
    }

    @GetMapping("/invoice-runs")
    List<RunView> runs(CurrentUser user) {
        user.requireOperator("see this");
        return runs.all().stream().map(RunView::of).toList();
    }

    @GetMapping("/invoice-runs/{month}")
    RunView run(CurrentUser user, @PathVariable String month) {
        user.requireOperator("see this");
        return runs.progress(BillingApi.month(month)).map(RunView::of)
                .orElseThrow(() -> new NotFoundException("There is no invoice run for " + month));
    }

    @GetMapping(value = "/invoice-runs/{month}/direct-debits", produces = MediaType.APPLICATION_XML_VALUE)
    @Operation(summary = "Operator: the SEPA direct-debit file (pain.008.001.08) of a run")
    ResponseEntity<byte[]> directDebits(CurrentUser user, @PathVariable String month) {
        return BillingApi.download(documents.directDebits(user, BillingApi.month(month)), MediaType.APPLICATION_XML);
    }
}
