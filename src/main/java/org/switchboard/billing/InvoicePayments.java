package org.switchboard.billing;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.billing.internal.Invoices;
import org.switchboard.billing.internal.Invoices.Payment;
import org.switchboard.mail.Outbox;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.NotFoundException;

/** Operators: an invoice's direct debit collected or returned (a return reopens the invoice). */
@Service
public class InvoicePayments {

    private final Invoices invoices;
    private final CustomerDirectory directory;
    private final Outbox outbox;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InvoicePayments(Invoices invoices, CustomerDirectory directory, Outbox outbox, ApplicationEventPublisher events,
            Clock clock) {
        this.invoices = invoices;
        this.directory = directory;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    /** Operator: the bank reported the direct debit as collected. */
    @Transactional
    public Payment markCollected(CurrentUser user, UUID invoice) {
        user.requireOperator("manage billing");
        change(invoice, "COLLECTED", null);
        return invoices.payment(invoice).orElseThrow();
    }

    /** Operator: the debit came back; the invoice is open again and the customer's admins are told. */
    @Transactional
    public Payment markReturned(CurrentUser user, UUID id, String reason) {
        user.requireOperator("manage billing");
        String why = reason == null || reason.isBlank() ? "returned by the bank" : reason.trim();
        if (why.length() > 200) {
            throw new org.switchboard.platform.InvalidInputException("reason", "Reason must be at most 200 characters");
        }
        change(id, "RETURNED", why);
        Invoice invoice = invoices.find(id).orElseThrow();
        events.publishEvent(new DirectDebitReturned(invoice.id(), invoice.customerId(), invoice.partnerId(),
                java.time.LocalDate.now(clock)));
        for (String email : directory.adminEmails(invoice.customerId())) {
            outbox.send(new org.switchboard.mail.OutgoingMail(email, "Direct debit of invoice " + invoice.number() + " was returned",
                    "Hello,\n\nthe direct debit of invoice " + invoice.number() + " over " + invoice.totals().gross()
                            + " was returned by your bank (" + why + "). The invoice is open again: please transfer "
                            + "the amount or tell us when we may debit it again.\n\nSwitchboard billing", List.of()));
        }
        return invoices.payment(id).orElseThrow();
    }

    private void change(UUID invoice, String to, String reason) {
        Payment payment = invoices.payment(invoice).orElseThrow(() -> new NotFoundException(
                "Invoice " + invoice + " has no direct debit"));
        if (!invoices.changePayment(invoice, "SUBMITTED", to, reason, clock.instant())) {
            throw new ConflictException("status", "The direct debit is " + payment.status().toLowerCase()
                    + " already; only a submitted debit can be marked collected or returned.");
        }
    }
}
