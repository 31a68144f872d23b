package org.switchboard.billing;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.billing.internal.CallRecords;
import org.switchboard.billing.internal.CallRecords.StoredCall;
import org.switchboard.billing.internal.Invoices;
import org.switchboard.billing.internal.Invoices.Payment;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.NotFoundException;

/**
 * Invoices as people see them: a customer its own, a partner its customers' (totals, no call
 * details), an operator all. The preview of the open month is {@link InvoicePreviews}, payments
 * collected or returned {@link InvoicePayments}.
 */
@Service
public class InvoiceManagement {

    private final Invoices invoices;
    private final CallRecords calls;
    private final AccountManagement accounts;
    private final CustomerDirectory directory;
    private final org.springframework.beans.factory.ObjectProvider<WholesaleTermsProvider> wholesaleTerms;

    InvoiceManagement(Invoices invoices, CallRecords calls, AccountManagement accounts, CustomerDirectory directory,
            org.springframework.beans.factory.ObjectProvider<WholesaleTermsProvider> wholesaleTerms) {
        this.wholesaleTerms = wholesaleTerms;
        this.invoices = invoices;
        this.calls = calls;
        this.accounts = accounts;
        this.directory = directory;
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
    public Optional<Payment> payment(CurrentUser user, UUID invoice) {
        invoice(user, invoice);
        return invoices.payment(invoice);
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("There is no invoice " + id);
    }
}
