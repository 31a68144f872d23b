package org.switchboard.billing;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.billing.documents.EInvoices;
import org.switchboard.billing.internal.CallRecords.StoredCall;
import org.switchboard.billing.internal.Invoices;
import org.switchboard.billing.internal.Invoices.Payment;
import org.switchboard.billing.sepa.DirectDebitFile;
import org.switchboard.platform.NotFoundException;

/** The documents of invoices (PDF with embedded EN 16931 XML, XRechnung) and the SEPA file of a run. */
@Service
public class InvoiceDocuments {

    private final InvoiceManagement management;
    private final Invoices invoices;
    private final BillingSettings settings;
    private final Clock clock;

    InvoiceDocuments(InvoiceManagement management, Invoices invoices, BillingSettings settings, Clock clock) {
        this.management = management;
        this.invoices = invoices;
        this.settings = settings;
        this.clock = clock;
    }

    public record Document(String filename, byte[] content) {
    }

    /** The PDF; partners see it without the itemised calls. */
    @Transactional(readOnly = true)
    public Document pdf(CurrentUser user, UUID id) {
        Invoice invoice = management.invoice(user, id);
        List<StoredCall> calls = user.isPartner() ? List.of() : management.callsOf(invoice);
        return new Document(invoice.number() + ".pdf", EInvoices.pdf(invoice, context(invoice, calls)));
    }

    @Transactional(readOnly = true)
    public Document xrechnung(CurrentUser user, UUID id) {
        Invoice invoice = management.invoice(user, id);
        return new Document(invoice.number() + "-xrechnung.xml", EInvoices.xrechnung(invoice, context(invoice, List.of())));
    }

    /** Operator: the pain.008 file of a run's direct debits. */
    @Transactional(readOnly = true)
    public Document directDebits(CurrentUser user, YearMonth month) {
        user.requireOperator("manage billing");
        List<DirectDebitFile.Debit> debits = new ArrayList<>();
        for (Payment p : invoices.paymentsOfBatch(month)) {
            Invoice invoice = invoices.find(p.invoiceId()).orElseThrow();
            debits.add(new DirectDebitFile.Debit(invoice.number(), invoice.totals().gross().amount(), p.accountHolder(),
                    p.iban(), p.mandateReference(), p.mandateSignedOn(), p.sequenceType(), p.dueOn()));
        }
        if (debits.isEmpty()) {
            throw new NotFoundException("The run of " + month + " has no direct debits");
        }
        String xml = DirectDebitFile.pain008("SB-DD-" + month, OffsetDateTime.now(clock), settings.current(), debits);
        return new Document("direct-debits-" + month + ".xml", xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A credit note is refunded to the account of the corrected invoice's direct debit while that
     * debit stands (submitted or collected), a run's credit note to the account of the customer's
     * latest debit; otherwise it is set off (see {@code documents.PaymentInstructions}).
     */
    private EInvoices.Context context(Invoice invoice, List<StoredCall> calls) {
        EInvoices.Context context = new EInvoices.Context(settings.current(), invoices.payment(invoice.id()).orElse(null),
                calls, clock.getZone());
        if (invoice.kind() != Invoice.Kind.CREDIT_NOTE) {
            return context;
        }
        java.util.Optional<Payment> refund = invoice.corrects() != null
                ? invoices.payment(invoice.corrects().invoiceId())
                        .filter(p -> p.status().equals("SUBMITTED") || p.status().equals("COLLECTED"))
                : invoice.toPartner() ? java.util.Optional.empty() : invoices.latestDebitOf(invoice.customerId().value());
        return refund.map(context::refundingTo).orElse(context);
    }
}
