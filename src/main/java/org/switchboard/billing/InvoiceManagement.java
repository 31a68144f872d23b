package org.switchboard.billing;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.billing.internal.CallRecords;
import org.switchboard.billing.internal.CallRecords.StoredCall;
import org.switchboard.billing.internal.Invoices;
import org.switchboard.billing.internal.Invoices.Payment;
import org.switchboard.billing.internal.SubscriptionTimelines;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.mail.Outbox;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.NotFoundException;

/**
 * Invoices as people see them: a customer its own, a partner its customers' (totals, no call
 * details), an operator all; the preview of the open month; payments collected or returned.
 */
@Service
public class InvoiceManagement {

    /**
     * The charges of an instance's open month so far, composed by the same rule as the run: with
     * what no run billed yet, also of earlier months (late call records and changes).
     * {@code invoicedTo} is CUSTOMER, or PARTNER when the customer's CSP partner buys them: then
     * the lines are at wholesale with the partner's VAT (for the partner and operators), and the
     * customer itself sees no lines, only the {@code note} that its partner invoices it.
     */
    public record Preview(InstanceId instanceId, YearMonth month, List<InvoiceLine> lines, InvoiceTotals totals,
            String invoicedTo, String note) {
    }

    private final Invoices invoices;
    private final SubscriptionTimelines timelines;
    private final CallRecords calls;
    private final AccountManagement accounts;
    private final CustomerDirectory directory;
    private final InstanceManagement instances;
    private final Outbox outbox;
    private final InvoiceComposer composer;
    private final Clock clock;
    private final BillingCalendar calendar;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final org.springframework.beans.factory.ObjectProvider<WholesaleTermsProvider> wholesaleTerms;

    InvoiceManagement(Invoices invoices, SubscriptionTimelines timelines, CallRecords calls, AccountManagement accounts,
            CustomerDirectory directory, InstanceManagement instances, Outbox outbox, InvoiceComposer composer, Clock clock,
            org.springframework.context.ApplicationEventPublisher events,
            org.springframework.beans.factory.ObjectProvider<WholesaleTermsProvider> wholesaleTerms) {
        this.wholesaleTerms = wholesaleTerms;
        this.events = events;
        this.invoices = invoices;
        this.timelines = timelines;
        this.calls = calls;
        this.accounts = accounts;
        this.directory = directory;
        this.instances = instances;
        this.outbox = outbox;
        this.composer = composer;
        this.clock = clock;
        this.calendar = new BillingCalendar(clock.getZone());
    }

    @Transactional(readOnly = true)
    public List<Invoice> invoices(CurrentUser user) {
        if (user.isOperator()) {
            return invoices.all();
        }
        List<Invoice> seen = invoices.ofCustomers(accounts.customers(user).stream().map(c -> c.id().value()).toList());
        if (!user.isPartner()) {
            return seen;
        }
        // A partner sees its customers' invoices and the invoices addressed to itself.
        List<Invoice> all = new java.util.ArrayList<>(invoices.ofPartner(user.partnerId().value()));
        all.addAll(seen);
        all.sort(java.util.Comparator.comparing(Invoice::finalisedAt, java.util.Comparator.reverseOrder())
                .thenComparing(Invoice::number, java.util.Comparator.reverseOrder()));
        return all;
    }

    /**
     * For a customer user whose partner buys as CSP: that partner's name, since the partner, not
     * the platform, invoices the customer.
     */
    @Transactional(readOnly = true)
    public Optional<String> invoicingPartner(CurrentUser user) {
        if (!user.isCustomer() || user.customerId() == null) {
            return Optional.empty();
        }
        return wholesaleTerms.getIfAvailable(() -> WholesaleTermsProvider.NONE).wholesaleBuyerOf(user.customerId())
                .flatMap(b -> directory.partner(b.partnerId())).map(org.switchboard.accounts.Partner::name);
    }

    /** Operator: the invoices of one run's month. */
    @Transactional(readOnly = true)
    public List<Invoice> invoicesOfMonth(CurrentUser user, YearMonth month) {
        user.requireOperator("manage billing");
        return invoices.ofMonth(month);
    }

    @Transactional(readOnly = true)
    public Invoice invoice(CurrentUser user, UUID id) {
        Invoice invoice = invoices.find(id).orElseThrow(() -> notFound(id));
        if (!user.maySee(invoice.customerId(), invoice.partnerId())) {
            throw notFound(id);
        }
        return invoice;
    }

    /** The itemised calls of an invoice: for the customer and operators, not for partners. */
    @Transactional(readOnly = true)
    public List<StoredCall> calls(CurrentUser user, UUID id) {
        Invoice invoice = invoice(user, id);
        if (user.isPartner()) {
            throw new ForbiddenException("Partners see their customers' invoice totals, not their calls.");
        }
        return callsOf(invoice);
    }

    /**
     * For documents of an invoice the caller was allowed to see: the calls its run billed (late
     * ones too). An invoice to a partner itemises no calls, nor does a credit note.
     */
    @Transactional(readOnly = true)
    List<StoredCall> callsOf(Invoice invoice) {
        if (invoice.toPartner() || invoice.corrects() != null) {
            return List.of();
        }
        return calls.billedBy(invoice.customerId(), invoice.month());
    }

    @Transactional(readOnly = true)
    public Preview preview(CurrentUser user, InstanceId id) {
        var details = instances.instance(user, id); // 404 unless the caller may see it
        Customer customer = details.customer();
        YearMonth open = calendar.monthOf(clock.instant());
        List<SubscriptionTimeline> own = timelines.of(id).map(List::of).orElse(List.of());
        List<AirtimeSummary> airtime = calls.unbilled(customer.id(), id, calendar.end(open), calendar.zone());
        List<InvoiceLine> lines = composer.previewLines(open, customer.id(), id, own, Map.of(id, airtime));
        Optional<WholesaleTermsProvider.WholesaleBuyer> buyer = wholesaleTerms
                .getIfAvailable(() -> WholesaleTermsProvider.NONE).wholesaleBuyerOf(customer.id());
        if (buyer.isEmpty()) {
            return new Preview(id, open, lines, InvoiceTotals.of(lines, composer.recipient(customer).treatment()),
                    "CUSTOMER", null);
        }
        org.switchboard.accounts.Partner partner = directory.partner(buyer.get().partnerId()).orElseThrow();
        VatPolicy.Treatment partnerVat = composer.recipient(partner).treatment();
        if (user.isCustomer()) {
            return new Preview(id, open, List.of(), InvoiceTotals.of(List.of(), partnerVat), "PARTNER",
                    partner.name() + " invoices this phone system to you; the platform sends you no invoice for it.");
        }
        List<InvoiceLine> wholesale = composer.wholesale(buyer.get(), customer, lines);
        return new Preview(id, open, wholesale, InvoiceTotals.of(wholesale, partnerVat), "PARTNER",
                "Bought by " + partner.name() + " as CSP partner at the retail price less "
                        + PartnerInvoicePolicy.percent(buyer.get().discountRate()) + ", on its monthly invoice.");
    }

    @Transactional(readOnly = true)
    public Optional<Payment> payment(CurrentUser user, UUID invoice) {
        invoice(user, invoice);
        return invoices.payment(invoice);
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

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("There is no invoice " + id);
    }
}
