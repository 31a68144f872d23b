package org.switchboard.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.billing.internal.Invoices;
import org.switchboard.billing.internal.Invoices.Payment;
import org.switchboard.platform.NotFoundException;

/**
 * Operators correct a finalised invoice with a credit note: numbered at once in the credit-note
 * series (gapless, the series row locked until the commit), the invoice's VAT treatment, never
 * more than is left to credit (the invoice is locked while its credit notes are summed), and
 * {@link InvoiceFinalised} with negative nets for the partner programme. No direct debit is made
 * or changed: money already collected is refunded by bank transfer, as the credit note states.
 * An invoice to a partner is corrected the same way: the credit note goes to the partner, its
 * wholesale lines lower the partner's turnover, a credited webinar seat stays invoiced.
 */
@Service
public class CreditNotes {

    private final Invoices invoices;
    private final InvoiceManagement management;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CreditNotes(Invoices invoices, InvoiceManagement management, ApplicationEventPublisher events, Clock clock) {
        this.invoices = invoices;
        this.management = management;
        this.events = events;
        this.clock = clock;
    }

    /** Operator: issues a credit note against invoice {@code invoiceId}; answers it, finalised. */
    @Transactional
    public Invoice issue(CurrentUser user, UUID invoiceId, CreditNotePolicy.Request request) {
        user.requireOperator("manage billing");
        if (!invoices.lockFinalised(invoiceId)) {
            throw new NotFoundException("There is no invoice " + invoiceId);
        }
        CreditNotePolicy.check(request);
        Invoice invoice = invoices.find(invoiceId).orElseThrow();
        CreditNotePolicy.Composed composed = CreditNotePolicy.compose(invoice, invoices.credited(invoiceId), request);
        InvoiceTotals totals = InvoiceTotals.of(composed.lines(), invoice.totals().treatment());
        Instant now = clock.instant();
        LocalDate issuedOn = LocalDate.ofInstant(now, clock.getZone());
        Payment payment = invoices.payment(invoiceId).orElse(null);
        String settlement = CreditNotePolicy.settlement(invoice, payment == null ? null : payment.status(),
                payment == null || payment.iban() == null ? "" : payment.iban().substring(payment.iban().length() - 4),
                totals.gross());
        Invoice.Correction correction = new Invoice.Correction(invoice.id(), invoice.number(), invoice.issuedOn(),
                request.reason().trim(), settlement);
        Invoice.Kind kind = Invoice.Kind.CREDIT_NOTE;
        Invoice draft = new Invoice(UUID.randomUUID(), invoice.customerId(), invoice.partnerId(), invoice.month(), kind,
                null, null, null, invoice.billTo(), composed.lines(), totals, correction);
        // On an invoice to a partner each line keeps the customer it was bought for (none for a seat).
        List<org.switchboard.accounts.CustomerId> lineCustomers = null;
        if (invoice.toPartner()) {
            List<org.switchboard.accounts.CustomerId> ofInvoice = invoices.lineCustomers(invoiceId);
            lineCustomers = composed.positions().stream().map(p -> ofInvoice.get(p - 1)).toList();
        }
        invoices.insertDraft(draft, lineCustomers, composed.positions());
        int year = issuedOn.getYear();
        String number = kind.number(year, invoices.reserveNumbers(kind.series(), year, 1));
        invoices.finalise(draft.id(), number, issuedOn, now);
        events.publishEvent(InvoiceFinalised.of(draft, number, issuedOn, List.of()));
        return invoices.find(draft.id()).orElseThrow();
    }

    /** Operator: what is left to credit of each line of an invoice (line 1 first), for the credit-note form. */
    @Transactional(readOnly = true)
    public List<org.switchboard.catalog.Money> leftToCredit(CurrentUser user, UUID invoiceId) {
        user.requireOperator("manage billing");
        Invoice invoice = management.invoice(user, invoiceId);
        var credited = invoices.credited(invoiceId);
        return java.util.stream.IntStream.rangeClosed(1, invoice.lines().size())
                .mapToObj(p -> CreditNotePolicy.rest(invoice, credited, p)).toList();
    }

    /** The credit notes issued against an invoice the caller may see, newest first. */
    @Transactional(readOnly = true)
    public List<Invoice> of(CurrentUser user, UUID invoiceId) {
        management.invoice(user, invoiceId);
        return invoices.creditNotesOf(invoiceId);
    }
}
