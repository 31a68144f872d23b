package org.switchboard.billing.documents;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.switchboard.billing.BillingSettings.Settings;
import org.switchboard.billing.Invoice;
import org.switchboard.billing.internal.Invoices.Payment;

/**
 * How a document is settled, the one source of the PDF's payment sentence and the e-invoice's
 * payment instructions (BG-16), so that both name the same due date and the same way:
 * <ul>
 * <li>an invoice with a direct debit: collected on the debit's due date, which the SEPA file uses too
 * (payment means 59);</li>
 * <li>an invoice without one: a credit transfer to the operator's account within 14 days (58);</li>
 * <li>a credit note refunded: a credit transfer to the customer's account that was debited (58, that
 * account as the payment account);</li>
 * <li>a credit note not refunded (the debit was returned, the invoice is unpaid, an invoice to a
 * partner, no account known): set off against the open or next invoice (97, clearing between partners).</li>
 * </ul>
 */
record PaymentInstructions(Means means, LocalDate due, String text, String account) {

    /** Days a transfer is due in after the issue date. */
    static final int TRANSFER_DAYS = 14;

    enum Means {
        DIRECT_DEBIT("59"), TRANSFER_TO_SELLER("58"), REFUND_BY_TRANSFER("58"), OFFSET("97");

        final String code;

        Means(String code) {
            this.code = code;
        }
    }

    static PaymentInstructions of(Invoice invoice, EInvoices.Context context) {
        Settings s = context.seller();
        BigDecimal gross = invoice.totals().gross().amount();
        String amount = new java.text.DecimalFormat("#,##0.00",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ENGLISH)).format(gross.abs()) + " EUR";
        Payment p = context.payment();
        Invoice.Correction corrects = invoice.corrects();
        boolean credit = invoice.kind() == Invoice.Kind.CREDIT_NOTE;
        LocalDate transferBy = invoice.issuedOn().plusDays(TRANSFER_DAYS);
        if (!credit && p != null) {
            return new PaymentInstructions(Means.DIRECT_DEBIT, p.dueOn(), "We debit " + amount + " on " + p.dueOn()
                    + " under SEPA mandate " + p.mandateReference() + " (creditor id " + s.creditorId() + ") from "
                    + p.accountHolder() + ", account ending " + ending(p.iban()) + ".", p.iban());
        }
        if (!credit) {
            return new PaymentInstructions(Means.TRANSFER_TO_SELLER, transferBy, "Please transfer " + amount
                    + " within " + TRANSFER_DAYS + " days, by " + transferBy + ", to " + s.creditorName() + ", IBAN "
                    + s.creditorIban() + ", BIC " + s.creditorBic() + ", with the reference " + invoice.number() + ".",
                    s.creditorIban());
        }
        Payment refund = context.refund();
        if (corrects != null) {
            // The operator's credit note states its settlement as the operator chose it when issuing it.
            return refund != null
                    ? new PaymentInstructions(Means.REFUND_BY_TRANSFER, transferBy, corrects.settlement(), refund.iban())
                    : new PaymentInstructions(Means.OFFSET, transferBy, corrects.settlement(), null);
        }
        return refund != null
                ? new PaymentInstructions(Means.REFUND_BY_TRANSFER, transferBy, "We refund the credited " + amount
                        + " by credit transfer to the account ending " + ending(refund.iban()) + " by " + transferBy
                        + ".", refund.iban())
                : new PaymentInstructions(Means.OFFSET, transferBy, "The credited " + amount
                        + " is set off against your next invoice.", null);
    }

    private static String ending(String iban) {
        return iban.substring(iban.length() - 4);
    }
}
