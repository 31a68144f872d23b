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

    /** What a document needs besides the invoice: the seller, the direct debit if any, the calls, the time zone. */
    public record Context(Settings seller, Payment payment, List<StoredCall> calls, ZoneId zone) {
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

    static org.mustangproject.Invoice transaction(Invoice invoice, Context context) {
        Settings s = context.seller();
        ZoneId zone = context.zone();
        boolean credit = invoice.kind() == Invoice.Kind.CREDIT_NOTE;
        TradeParty seller = new TradeParty(s.creditorName(), s.street(), s.postcode(), s.city(), s.country())
                .setVATID(s.vatId()).setEmail(s.email())
                .setContact(new Contact("Billing", s.phone(), s.email()));
        seller.addUriUniversalCommunicationID(new org.mustangproject.SchemedID("EM", s.email()));
        Invoice.BillTo to = invoice.billTo();
        // The buyer's id and reference: the customer id, or the partner id on an invoice to a partner.
        String buyerId = invoice.toPartner() ? invoice.partnerId().value().toString() : invoice.customerId().value().toString();
        TradeParty buyer = new TradeParty(to.name(), to.street(), to.postcode(), to.city(), to.country())
                .setID(buyerId);
        if (to.vatId() != null && !to.vatId().isBlank()) {
            buyer.setVATID(to.vatId());
        }
        String buyerEmail = (invoice.toPartner() ? "partner-" : "customer-") + buyerId + "@invoices.switchboard.local";
        buyer.addUriUniversalCommunicationID(new org.mustangproject.SchemedID("EM", buyerEmail));
        LocalDate due = context.payment() != null && context.payment().dueOn() != null ? context.payment().dueOn()
                : invoice.issuedOn().plusDays(14);
        org.mustangproject.Invoice t = new org.mustangproject.Invoice()
                .setDocumentName(credit ? "Credit note" : "Invoice")
                .setNumber(invoice.number())
                .setIssueDate(date(invoice.issuedOn(), zone))
                .setDueDate(date(due, zone))
                .setDeliveryDate(date(invoice.month().atEndOfMonth(), zone))
                .setDetailedDeliveryPeriod(date(invoice.month().atDay(1), zone), date(invoice.month().atEndOfMonth(), zone))
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
                t.setInvoiceReferencedIssueDate(date(corrects.issuedOn(), zone));
            }
            t.addNote("Credit note for invoice " + corrects.number() + ". Reason: " + corrects.reason());
        }
        VatPolicy.Treatment vat = invoice.totals().treatment();
        if (vat.note() != null) {
            t.addNote(vat.note());
        }
        if (context.payment() != null) {
            Payment p = context.payment();
            t.setCreditorReferenceID(s.creditorId());
            seller.addDebitDetails(new DirectDebit(p.iban(), p.mandateReference()));
            t.setPaymentTermDescription("Direct debit under mandate " + p.mandateReference() + " on " + p.dueOn()
                    + " from the account ending " + p.iban().substring(p.iban().length() - 4) + ".");
        } else if (corrects != null) {
            t.setPaymentTermDescription(corrects.settlement());
        } else if (!credit) {
            // Bank transfer (SEPA credit transfer, payment means 58) to the operator's account.
            seller.addBankDetails(new BankDetails(s.creditorIban(), s.creditorBic()).setAccountName(s.creditorName())
                    .setPaymentMeansCode("58"));
            t.setPaymentTermDescription("Please transfer the amount by " + due + " to " + s.creditorName() + ", IBAN "
                    + s.creditorIban() + ", BIC " + s.creditorBic() + ", reference " + invoice.number() + ".");
        } else {
            t.setPaymentTermDescription("We pay the credited amount back to your account.");
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
            } else if (vat == VatPolicy.Treatment.NOT_TAXABLE) {
                product.setTaxExemptionReason(vat.note());
            }
            // EN 16931 forbids a negative price: a credit line is one unit taken back (quantity -1).
            Item item = new Item(product, amount.abs(), amount.signum() < 0 ? BigDecimal.ONE.negate() : BigDecimal.ONE)
                    .setId(Integer.toString(position++));
            if (line.periodFrom() != null && line.periodTo() != null) {
                item.setDetailedDeliveryPeriod(Date.from(line.periodFrom()), Date.from(line.periodTo().minusSeconds(1)));
            }
            t.addItem(item);
        }
        return t;
    }

    private static Date date(LocalDate day, ZoneId zone) {
        return Date.from(day.atStartOfDay(zone).toInstant());
    }
}
