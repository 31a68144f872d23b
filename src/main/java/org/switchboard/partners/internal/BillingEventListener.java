package org.switchboard.partners.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.switchboard.billing.DirectDebitReturned;
import org.switchboard.billing.InvoiceFinalised;
import org.switchboard.partners.CustomerInvoice;
import org.switchboard.partners.PartnerProgramme;

/**
 * Billing's finalised invoices of partners' customers become turnover and commission (a credit
 * note, with negative nets, takes both back); a returned direct debit reverses its commission. Both are safe to deliver twice (after a restart).
 */
@Component
class BillingEventListener {

    private final PartnerProgramme programme;

    BillingEventListener(PartnerProgramme programme) {
        this.programme = programme;
    }

    @ApplicationModuleListener
    void on(InvoiceFinalised invoice) {
        if (invoice.partnerId() == null) {
            return; // a customer without a partner earns nobody commission
        }
        programme.recordCustomerInvoice(new CustomerInvoice(invoice.invoiceId(), invoice.customerId(),
                invoice.partnerId(), invoice.issuedOn(), invoice.netSubscriptions(), invoice.netAirtime(),
                programme.wholesaleTermsFor(invoice.customerId()).isPresent()), invoice.corrects());
    }

    @ApplicationModuleListener
    void on(DirectDebitReturned returned) {
        if (returned.partnerId() != null) {
            programme.recordDirectDebitReturned(returned.invoiceId(), returned.returnedOn());
        }
    }
}
