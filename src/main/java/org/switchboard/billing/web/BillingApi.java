package org.switchboard.billing.web;

import java.net.URI;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.billing.BillingSettings;
import org.switchboard.billing.CreditNotePolicy;
import org.switchboard.billing.CreditNotes;
import org.switchboard.billing.Invoice;
import org.switchboard.billing.InvoiceDocuments;
import org.switchboard.billing.InvoiceManagement;
import org.switchboard.billing.InvoicePayments;
import org.switchboard.billing.InvoicePreviews;
import org.switchboard.billing.web.BillingJson.CallView;
import org.switchboard.billing.web.BillingJson.InvoiceView;
import org.switchboard.billing.web.BillingJson.PaymentView;
import org.switchboard.billing.web.BillingJson.PreviewView;
import org.switchboard.instances.InstanceId;
import org.switchboard.platform.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The invoices with their credit notes, documents and payments, the preview of the open month, the billing settings. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Billing", description = "Call records, tariff zones, invoice runs, invoices, payments")
class BillingApi {

    record ReturnCommand(String reason) {
    }

    private final InvoiceManagement invoices;
    private final InvoicePreviews previews;
    private final InvoicePayments payments;
    private final BillingSettings settings;
    private final InvoiceDocuments documents;
    private final CreditNotes creditNotes;

    BillingApi(InvoiceManagement invoices, InvoicePreviews previews, InvoicePayments payments,
            BillingSettings settings, InvoiceDocuments documents, CreditNotes creditNotes) {
        this.previews = previews;
        this.payments = payments;
        this.creditNotes = creditNotes;
        this.documents = documents;
        this.invoices = invoices;
        this.settings = settings;
    }

    // ---- invoices -------------------------------------------------------------------------------

    @GetMapping("/invoices")
    @Operation(summary = "Invoices the caller may see, newest first: a customer its own; a partner its customers' "
            + "(totals only) and those addressed to itself (CSP wholesale, webinar seats); an operator all")
    List<InvoiceView> invoices(CurrentUser user) {
        return invoices.invoices(user).stream().map(i -> InvoiceView.of(i, false, null)).toList();
    }

    @GetMapping("/invoices/{id}")
    InvoiceView invoice(CurrentUser user, @PathVariable UUID id) {
        Invoice invoice = invoices.invoice(user, id);
        // Partners see the lines of the invoices addressed to them, not those of their customers' invoices.
        return InvoiceView.of(invoice, !user.isPartner() || invoice.toPartner(), invoices.payment(user, id).orElse(null));
    }

    @PostMapping("/invoices/{id}/credit-notes")
    @Operation(summary = "Operator: a credit note against a finalised invoice (to a customer or a partner), {\"reason\": \"...\", \"lines\": "
            + "[{\"line\": 1, \"amount\": 10.00}]} (line numbers as on the invoice, net amounts to take back) or "
            + "{\"reason\": \"...\", \"whole\": true} for all that is left; never more than is left per line and in all")
    ResponseEntity<InvoiceView> creditNote(CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) CreditNotePolicy.Request request) {
        Invoice note = creditNotes.issue(user, id, request);
        return ResponseEntity.created(URI.create("/api/v1/invoices/" + note.id()))
                .body(InvoiceView.of(note, true, null));
    }

    @GetMapping("/invoices/{id}/credit-notes")
    @Operation(summary = "The credit notes issued against an invoice")
    List<InvoiceView> creditNotes(CurrentUser user, @PathVariable UUID id) {
        // As for invoices: a partner sees the lines of credit notes addressed to itself only.
        return creditNotes.of(user, id).stream().map(i -> InvoiceView.of(i, !user.isPartner() || i.toPartner(), null))
                .toList();
    }

    @GetMapping("/invoices/{id}/calls")
    @Operation(summary = "The itemised calls of an invoice (not for partners)")
    List<CallView> invoiceCalls(CurrentUser user, @PathVariable UUID id) {
        return invoices.calls(user, id).stream().map(CallView::of).toList();
    }

    @GetMapping(value = "/invoices/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The invoice as PDF (PDF/A-3 carrying the ZUGFeRD / Factur-X XML, profile EN 16931), calls itemised in the appendix")
    ResponseEntity<byte[]> pdf(CurrentUser user, @PathVariable UUID id) {
        return download(documents.pdf(user, id), MediaType.APPLICATION_PDF);
    }

    @GetMapping(value = "/invoices/{id}/xrechnung", produces = MediaType.APPLICATION_XML_VALUE)
    @Operation(summary = "The invoice as XRechnung XML (CII)")
    ResponseEntity<byte[]> xrechnung(CurrentUser user, @PathVariable UUID id) {
        return download(documents.xrechnung(user, id), MediaType.APPLICATION_XML);
    }

    static ResponseEntity<byte[]> download(InvoiceDocuments.Document d, MediaType type) {
        return ResponseEntity.ok().contentType(type)
                .header("Content-Disposition", "attachment; filename=\"" + d.filename() + "\"").body(d.content());
    }

    @GetMapping("/instances/{id}/invoice-preview")
    @Operation(summary = "The charges of the open month so far, composed as the invoice run will")
    PreviewView preview(CurrentUser user, @PathVariable UUID id) {
        return PreviewView.of(previews.preview(user, new InstanceId(id)));
    }

    @PostMapping("/invoices/{id}/payment/collected")
    PaymentView collected(CurrentUser user, @PathVariable UUID id) {
        return PaymentView.of(payments.markCollected(user, id));
    }

    @PostMapping("/invoices/{id}/payment/returned")
    @Operation(summary = "Operator: the direct debit came back; the invoice is open again and the customer is told")
    PaymentView returned(CurrentUser user, @PathVariable UUID id, @RequestBody(required = false) ReturnCommand command) {
        return PaymentView.of(payments.markReturned(user, id, command == null ? null : command.reason()));
    }

    @GetMapping("/settings/billing")
    BillingSettings.Settings settings(CurrentUser user) {
        user.requireOperator("see this");
        return masked(settings.current());
    }

    /** The platform's own creditor IBAN leaves the API masked, like every other IBAN. */
    static BillingSettings.Settings masked(BillingSettings.Settings s) {
        String iban = s.creditorIban() == null ? null : s.creditorIban().replace(" ", "");
        String shown = iban == null || iban.length() < 8 ? iban
                : iban.substring(0, 4) + " **** **** " + iban.substring(iban.length() - 4);
        return new BillingSettings.Settings(s.creditorName(), s.creditorId(), shown, s.creditorBic(), s.daysUntilDue(),
                s.street(), s.postcode(), s.city(), s.country(), s.vatId(), s.email(), s.phone());
    }

    @PutMapping("/settings/billing")
    BillingSettings.Settings changeSettings(CurrentUser user, @RequestBody BillingSettings.Settings command) {
        return masked(settings.update(user, command));
    }

    static YearMonth month(String value) {
        try {
            if (value == null || !value.matches("\\d{4}-\\d{2}")) {
                throw new DateTimeParseException("", String.valueOf(value), 0);
            }
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("month", "Month must be given as YYYY-MM, e.g. 2026-11");
        }
    }

}
