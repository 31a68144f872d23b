package org.switchboard.billing;

import java.util.List;

/**
 * The customers' invoices of one batch of an invoice run, finalised together in one transaction:
 * one event for up to 200 invoices (each as {@link InvoiceFinalised} describes it), so that a run
 * pays the module event registry's row, its updates and the listeners' transaction once per batch,
 * not once per customer. Invoices finalised one at a time (credit notes, partners' invoices)
 * come as {@link InvoiceFinalised}.
 */
public record InvoicesFinalised(List<InvoiceFinalised> invoices) {

    public InvoicesFinalised {
        invoices = List.copyOf(invoices);
    }
}
