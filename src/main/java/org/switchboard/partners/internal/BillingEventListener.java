package org.switchboard.partners.internal;

import java.util.Comparator;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.switchboard.billing.DirectDebitReturned;
import org.switchboard.billing.InvoiceFinalised;
import org.switchboard.billing.InvoicesFinalised;
import org.switchboard.partners.CustomerInvoice;
import org.switchboard.partners.CommissionLedger;
import org.switchboard.partners.PartnerTraining;

/**
 * Billing's finalised invoices of partners' customers become turnover and commission; an invoice
 * to a CSP partner for what it bought at wholesale becomes turnover without commission, and the
 * webinar seats it holds are marked invoiced. A credit note (negative nets, naming the invoice it
 * corrects) takes back turnover and, at the rate the corrected invoice earned, its commission. A
 * returned direct debit reverses its commission. All of it is safe to deliver twice (after a restart).
 */
@Component
class BillingEventListener {

    private final CommissionLedger ledger;
    private final PartnerTraining training;

    BillingEventListener(CommissionLedger ledger, PartnerTraining training) {
        this.ledger = ledger;
        this.training = training;
    }

    @ApplicationModuleListener
    void on(InvoiceFinalised invoice) {
        record(invoice);
    }

    /**
     * A batch of an invoice run: its invoices in this one transaction, partner by partner in the
     * order of their ids, so that batches handled side by side take the partners' rows (a rise
     * updates the level) in one order and cannot deadlock each other.
     */
    @ApplicationModuleListener
    void on(InvoicesFinalised batch) {
        batch.invoices().stream().sorted(Comparator.comparing((InvoiceFinalised i) -> i.partnerId() == null ? null
                : i.partnerId().value(), Comparator.nullsFirst(Comparator.naturalOrder()))).forEach(this::record);
    }

    private void record(InvoiceFinalised invoice) {
        if (invoice.partnerId() == null) {
            return; // a customer without a partner earns nobody commission
        }
        invoice.partnerCharges().forEach(training::markInvoiced);
        if (invoice.toPartner() && !invoice.wholesale()) {
            return; // only the partner's own charges (webinar seats): no turnover
        }
        // An invoice to a customer is never wholesale: a CSP partner's customers get none from the platform.
        ledger.recordCustomerInvoice(new CustomerInvoice(invoice.invoiceId(), invoice.customerId(),
                invoice.partnerId(), invoice.issuedOn(), invoice.netSubscriptions(), invoice.netAirtime(),
                invoice.wholesale()), invoice.corrects());
    }

    @ApplicationModuleListener
    void on(DirectDebitReturned returned) {
        if (returned.partnerId() != null) {
            ledger.recordDirectDebitReturned(returned.invoiceId(), returned.returnedOn());
        }
    }
}
