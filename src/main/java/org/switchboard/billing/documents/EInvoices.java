package org.switchboard.billing.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import org.mustangproject.BankDetails;
import org.mustangproject.Contact;
import org.mustangproject.DirectDebit;
import org.mustangproject.Item;
import org.mustangproject.Product;
import org.mustangproject.TradeParty;
import org.mustangproject.ZUGFeRD.IXMLProvider;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.ZUGFeRD2PullProvider;
import org.mustangproject.ZUGFeRD.ZUGFeRDDateFormat;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromA3;
import org.switchboard.billing.BillingSettings.Settings;
import org.switchboard.billing.Invoice;
import org.switchboard.billing.InvoiceLine;
import org.switchboard.billing.VatPolicy;
import org.switchboard.billing.internal.CallRecords.StoredCall;
import org.switchboard.billing.internal.Invoices.Payment;

/**
 * The documents of an invoice: a readable PDF (PDF/A-3 with the itemised calls as appendix)
 * that carries the ZUGFeRD / Factur-X XML of profile EN 16931, and the XRechnung XML (CII).
 * Only this package knows the libraries behind them.
 */
public final class EInvoices {

    private EInvoices() {
    }

    /**
     * What a document needs besides the invoice: the seller, the direct debit if any, the calls, the
     * business time zone all its dates are in, and for a credit note the direct debit of the
     * corrected invoice (or of the customer's mandate), whose account a refund is transferred to.
     */
    public record Context(Settings seller, Payment payment, List<StoredCall> calls, ZoneId zone, Payment refund) {

        public Context(Settings seller, Payment payment, List<StoredCall> calls, ZoneId zone) {
            this(seller, payment, calls, zone, null);
        }

        /** This context for a credit note whose refund goes to the account of {@code debit}. */
        public Context refundingTo(Payment debit) {
            return new Context(seller, payment, calls, zone, debit);
        }
    }

    public static byte[] pdf(Invoice invoice, Context context) {
        byte[] visible = InvoicePdf.render(invoice, context);
        try (ZUGFeRDExporterFromA3 exporter = new ZUGFeRDExporterFromA3()) {
            exporter.ignorePDFAErrors().load(visible);
            exporter.setProducer("Switchboard").setCreator("Switchboard billing");
            exporter.setProfile(Profiles.getByName("EN16931"));
            exporter.setTransaction(transaction(invoice, context));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            exporter.export(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CII XML of profile EN 16931 (as embedded in the PDF). */
    public static byte[] en16931(Invoice invoice, Context context) {
        return xml(invoice, context, "EN16931");
    }

    /** The XRechnung XML (CII syntax), for public-sector customers. */
    public static byte[] xrechnung(Invoice invoice, Context context) {
        return xml(invoice, context, "XRECHNUNG");
    }

    private static byte[] xml(Invoice invoice, Context context, String profile) {
        ZUGFeRD2PullProvider provider = new ZUGFeRD2PullProvider();
        provider.setProfile(Profiles.getByName(profile));
        provider.generateXML(transaction(invoice, context));
        return ((IXMLProvider) provider).getXML();
    }

    /**
     * The document as the e-invoice library takes it. All dates are days of the business time zone
     * ({@code context.zone()}), handed to the library so that it writes those days whatever the
     * JVM's default zone (see {@link #date}).
     */
    static org.mustangproject.Invoice transaction(Invoice invoice, Context context) {
        Settings s = context.seller();
        ZoneId zone = context.zone();
        boolean credit = invoice.kind() == Invoice.Kind.CREDIT_NOTE;
        VatPolicy.Treatment vat = invoice.totals().treatment();
        // BR-O-02: a document not subject to VAT names neither the seller's nor the buyer's VAT ID;
        // the seller is then identified by its SEPA creditor identifier (BT-29) and its VAT ID is noted.
        boolean notSubject = vat == VatPolicy.Treatment.NOT_TAXABLE;
        TradeParty seller = new TradeParty(s.creditorName(), s.street(), s.postcode(), s.city(), s.country())
                .setEmail(s.email()).setContact(new Contact("Billing", s.phone(), s.email()));
        if (notSubject) {
            seller.setID(s.creditorId());
        } else {
            seller.setVATID(s.vatId());
        }
        seller.addUriUniversalCommunicationID(new org.mustangproject.SchemedID("EM", s.email()));
        Invoice.BillTo to = invoice.billTo();
        // The buyer's id and reference: the customer id, or the partner id on an invoice to a partner.
        String buyerId = invoice.toPartner() ? invoice.partnerId().value().toString() : invoice.customerId().value().toString();
        TradeParty buyer = new TradeParty(to.name(), to.street(), to.postcode(), to.city(), to.country())
                .setID(buyerId);
        if (to.vatId() != null && !to.vatId().isBlank() && !notSubject) {
            buyer.setVATID(to.vatId());
        }
        String buyerEmail = (invoice.toPartner() ? "partner-" : "customer-") + buyerId + "@invoices.switchboard.local";
        buyer.addUriUniversalCommunicationID(new org.mustangproject.SchemedID("EM", buyerEmail));
        PaymentInstructions payment = PaymentInstructions.of(invoice, context);
        Period period = Period.of(invoice, zone);
        org.mustangproject.Invoice t = new org.mustangproject.Invoice()
                .setDocumentName(credit ? "Credit note" : "Invoice")
                .setNumber(invoice.number())
                .setIssueDate(date(invoice.issuedOn()))
                .setDueDate(date(payment.due()))
                .setDeliveryDate(date(invoice.month().atEndOfMonth()))
                .setDetailedDeliveryPeriod(date(period.from()), date(period.to()))
                .setCurrency("EUR")
                .setSender(seller)
                .setRecipient(buyer)
                .setReferenceNumber(buyerId);
        if (credit) {
            t.setCreditNote();
        }
        Invoice.Correction corrects = invoice.corrects();
        if (corrects != null) {
            // BT-25/BT-26: the invoice this credit note corrects
            t.setInvoiceReferencedDocumentID(corrects.number());
            if (corrects.issuedOn() != null) {
                // written with a formatter the library makes anew in the default zone of the moment
                t.setInvoiceReferencedIssueDate(Date.from(corrects.issuedOn().atStartOfDay(ZoneId.systemDefault())
                        .toInstant()));
            }
            t.addNote("Credit note for invoice " + corrects.number() + ". Reason: " + corrects.reason());
        }
        if (vat.note() != null) {
            t.addNote(vat.note());
        }
        if (notSubject && s.vatId() != null) {
            t.addNote("VAT ID of " + s.creditorName() + ": " + s.vatId() + ".");
        }
        t.setPaymentTermDescription(payment.text());
        switch (payment.means()) {
            case DIRECT_DEBIT -> {
                t.setCreditorReferenceID(s.creditorId());
                seller.addDebitDetails(new DirectDebit(payment.account(), context.payment().mandateReference()));
            }
            // SEPA credit transfer (58) to the operator's account, or of the refund to the customer's
            case TRANSFER_TO_SELLER -> seller.addBankDetails(new BankDetails(s.creditorIban(), s.creditorBic())
                    .setAccountName(s.creditorName()).setPaymentMeansCode(payment.means().code));
            case REFUND_BY_TRANSFER -> seller.addBankDetails(new BankDetails(payment.account())
                    .setAccountName(to.name()).setPaymentMeansCode(payment.means().code)
                    .setPaymentMeansInformation("Refund by credit transfer"));
            case OFFSET -> seller.addBankDetails(new Offset());
        }
        int position = 1;
        for (InvoiceLine line : invoice.lines()) {
            BigDecimal amount = credit ? line.amount().amount().negate() : line.amount().amount();
            String name = switch (line.kind()) {
                case AIRTIME -> "Airtime";
                case TRAINING -> "Training";
                case NUMBERS -> "Phone numbers";
                default -> "Subscription";
            };
            Product product = new Product(name,
                    line.description() + " (" + line.quantity() + ")", "C62", vat.ratePercent());
            product.setTaxCategoryCode(vat.category());
            if (vat == VatPolicy.Treatment.REVERSE_CHARGE) {
                product.setReverseCharge();
                product.setTaxExemptionReason(vat.note());
            } else if (notSubject) {
                product.setTaxExemptionReason(vat.note());
            }
            // EN 16931 forbids a negative price: a credit line is one unit taken back (quantity -1).
            Item item = new Item(product, amount.abs(), amount.signum() < 0 ? BigDecimal.ONE.negate() : BigDecimal.ONE)
                    .setId(Integer.toString(position++));
            if (line.periodFrom() != null && line.periodTo() != null) {
                item.setDetailedDeliveryPeriod(date(Period.firstDay(line, zone)), date(Period.lastDay(line, zone)));
            }
            t.addItem(item);
        }
        return t;
    }

    /**
     * The invoicing period (BT-73/74): the month invoiced, widened to the periods of all its lines,
     * so that every line period lies inside it (PEPPOL-EN16931-R110/R111): the next month's fee in
     * advance extends it to that month's end, late calls or changes of earlier months to their start.
     */
    record Period(LocalDate from, LocalDate to) {

        static Period of(Invoice invoice, ZoneId zone) {
            LocalDate from = invoice.month().atDay(1);
            LocalDate to = invoice.month().atEndOfMonth();
            for (InvoiceLine line : invoice.lines()) {
                if (line.periodFrom() != null && line.periodTo() != null) {
                    from = min(from, firstDay(line, zone));
                    to = max(to, lastDay(line, zone));
                }
            }
            return new Period(from, to);
        }

        static LocalDate firstDay(InvoiceLine line, ZoneId zone) {
            return LocalDate.ofInstant(line.periodFrom(), zone);
        }

        /** A line's period ends at an instant (exclusive): its last day is the day of the instant before. */
        static LocalDate lastDay(InvoiceLine line, ZoneId zone) {
            return max(firstDay(line, zone), LocalDate.ofInstant(line.periodTo().minusNanos(1), zone));
        }

        private static LocalDate min(LocalDate a, LocalDate b) {
            return a.isBefore(b) ? a : b;
        }

        private static LocalDate max(LocalDate a, LocalDate b) {
            return a.isAfter(b) ? a : b;
        }
    }

    /** Payment means 97, clearing between partners: the credited amount is set off, nothing is transferred. */
    private static final class Offset extends BankDetails {

        @Override
        public String getSettlementXML(org.mustangproject.ZUGFeRD.Profile profile) {
            return "<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>97</ram:TypeCode>"
                    + "<ram:Information>Set off against the open or next invoice</ram:Information>"
                    + "</ram:SpecifiedTradeSettlementPaymentMeans>";
        }
    }

    /**
     * A day as the e-invoice library takes it: a {@link Date} that the library formats with its own
     * formatter (one per thread, in the JVM's default zone when the thread first used it), so the
     * day's start in that formatter's zone; then the XML names this day whatever the default zone is.
     */
    private static Date date(LocalDate day) {
        java.util.TimeZone formatted = ZUGFeRDDateFormat.DATE.getFormatter().getTimeZone();
        return Date.from(day.atStartOfDay(formatted.toZoneId()).toInstant());
    }
}
