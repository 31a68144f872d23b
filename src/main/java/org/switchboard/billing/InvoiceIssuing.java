package org.switchboard.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.switchboard.accounts.PartnerId;
import org.switchboard.billing.internal.Invoices;
import org.switchboard.billing.internal.Invoices.Payment;
import org.switchboard.instances.Mandate;

/**
 * Writes a run's documents, in the batch's transaction: drafts (no number yet) with their direct
 * debits, then, at the batch's very end, a block of numbers per series and {@link InvoiceFinalised}.
 * Customers' invoices of a run ({@link #issue}) are composed in memory and written at the batch's
 * end already numbered, in a few batched statements for the whole batch.
 */
@Component
class InvoiceIssuing {

    private final Invoices invoices;
    private final InvoiceComposer composer;
    private final ApplicationEventPublisher events;

    InvoiceIssuing(Invoices invoices, InvoiceComposer composer, ApplicationEventPublisher events) {
        this.invoices = invoices;
        this.composer = composer;
        this.events = events;
    }

    /** Writes the partner's draft (no number yet) with the customer each line was bought for. */
    Invoice partnerDraft(PartnerId partnerId, YearMonth month, List<PartnerInvoicePolicy.PartnerLine> parts) {
        Invoice invoice = composer.partnerDraft(partnerId, month,
                parts.stream().map(PartnerInvoicePolicy.PartnerLine::line).toList());
        invoices.insertDraft(invoice, parts.stream().map(PartnerInvoicePolicy.PartnerLine::customerId).toList(), null);
        return invoice;
    }

    /** Writes the draft (no number yet) and its direct debit. */
    Invoice draft(Invoice invoice, Mandate mandate, LocalDate issuedOn, Instant now, int daysUntilDue) {
        invoices.insertDraft(invoice);
        if (invoice.kind() == Invoice.Kind.INVOICE && invoice.totals().gross().greaterThanZero() && mandate != null) {
            invoices.insertPayment(new Payment(invoice.id(), invoice.customerId().value(), "SUBMITTED", mandate.reference(),
                    mandate.signedOn(), mandate.account().ibanForPayment(), mandate.account().accountHolder(),
                    invoices.sequenceTypeFor(mandate.reference()), issuedOn.plusDays(daysUntilDue), invoice.month().toString(),
                    null), now);
        }
        return invoice;
    }

    /**
     * Writes the customers' invoices of a batch of the run, final at once: a block of numbers per
     * series, then all invoices, all their lines and all direct debits in one batched statement
     * each, then one {@link InvoicesFinalised} for them all. The series row is locked from here to the
     * commit, as with {@link #finalise}. {@code mandates} are the customers' (by customer id);
     * {@code daysUntilDue} sets the debits' due date.
     */
    void issue(List<Invoice> drafts, Map<UUID, Mandate> mandates, LocalDate issuedOn, Instant now, int daysUntilDue) {
        List<Invoice> debited = drafts.stream().filter(d -> d.kind() == Invoice.Kind.INVOICE
                && d.totals().gross().greaterThanZero() && d.customerId() != null
                && mandates.get(d.customerId().value()) != null).toList();
        java.util.Set<String> used = new java.util.HashSet<>(invoices.usedMandates(debited.stream()
                .map(d -> mandates.get(d.customerId().value()).reference()).distinct().toList()));
        List<Payment> payments = new java.util.ArrayList<>(debited.size());
        for (Invoice d : debited) {
            Mandate mandate = mandates.get(d.customerId().value());
            // The first debit under a mandate is FRST, every later one RCUR (also within this batch).
            String sequenceType = used.add(mandate.reference()) ? "FRST" : "RCUR";
            payments.add(new Payment(d.id(), d.customerId().value(), "SUBMITTED", mandate.reference(),
                    mandate.signedOn(), mandate.account().ibanForPayment(), mandate.account().accountHolder(),
                    sequenceType, issuedOn.plusDays(daysUntilDue), d.month().toString(), null));
        }
        int year = issuedOn.getYear();
        Map<UUID, String> numbers = new java.util.HashMap<>();
        List<Invoice> ordered = new java.util.ArrayList<>(drafts.size());
        for (Invoice.Kind kind : Invoice.Kind.values()) {
            List<Invoice> ofKind = drafts.stream().filter(d -> d.kind() == kind).toList();
            if (ofKind.isEmpty()) {
                continue;
            }
            int next = invoices.reserveNumbers(kind.series(), year, ofKind.size());
            for (Invoice d : ofKind) {
                numbers.put(d.id(), kind.number(year, next++));
                ordered.add(d);
            }
        }
        invoices.insertFinalised(ordered, numbers, issuedOn, now);
        invoices.insertPayments(payments, now);
        if (!ordered.isEmpty()) {
            events.publishEvent(new InvoicesFinalised(ordered.stream()
                    .map(d -> InvoiceFinalised.of(d, numbers.get(d.id()), issuedOn, List.of())).toList()));
        }
    }

    /**
     * Numbers the batch's drafts at its very end, a block per series at once, so that the series
     * row is locked only from here to the commit and other nodes' batches hardly wait for it.
     */
    void finalise(List<Invoice> drafts, LocalDate issuedOn, Instant now, Map<UUID, List<UUID>> chargesOf) {
        int year = issuedOn.getYear();
        for (Invoice.Kind kind : Invoice.Kind.values()) {
            List<Invoice> ofKind = drafts.stream().filter(d -> d.kind() == kind).toList();
            if (ofKind.isEmpty()) {
                continue;
            }
            int next = invoices.reserveNumbers(kind.series(), year, ofKind.size());
            for (Invoice d : ofKind) {
                String number = kind.number(year, next++);
                invoices.finalise(d.id(), number, issuedOn, now);
                events.publishEvent(InvoiceFinalised.of(d, number, issuedOn, chargesOf.getOrDefault(d.id(), List.of())));
            }
        }
    }
}
