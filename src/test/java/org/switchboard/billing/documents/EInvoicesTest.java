package org.switchboard.billing.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.mustangproject.ZUGFeRD.TransactionCalculator;
import org.mustangproject.ZUGFeRD.ZUGFeRDImporter;
import org.mustangproject.ZUGFeRD.ZUGFeRDInvoiceImporter;
import org.switchboard.accounts.CustomerId;
import org.switchboard.billing.BillingCalendar;
import org.switchboard.billing.BillingSettings.Settings;
import org.switchboard.billing.Invoice;
import org.switchboard.billing.InvoiceLine;
import org.switchboard.billing.InvoicePolicy;
import org.switchboard.billing.InvoiceTotals;
import org.switchboard.billing.SubscriptionTimeline;
import org.switchboard.billing.SubscriptionTimeline.Entry;
import org.switchboard.billing.SubscriptionTimeline.Kind;
import org.switchboard.billing.VatPolicy;
import org.switchboard.billing.internal.CallRecords.StoredCall;
import org.switchboard.billing.internal.Invoices.Payment;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.instances.InstanceId;

/**
 * The e-invoice documents, read back with the e-invoice library's own importer: the PDF carries
 * the EN 16931 XML whose totals, recalculated from its lines, are the invoice's totals.
 * The official rules (EN 16931, XRechnung) check every document kind in {@link OfficialRulesTest}.
 */
class EInvoicesTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Settings SELLER = new Settings("Switchboard GmbH", "DE98ZZZ09999999999", "DE02120300000000202051",
            "BYLADEM1001", 5, "Friedrichstraße 100", "10117", "Berlin", "DE", "DE123456789", "billing@switchboard.local",
            "+49 30 1234560");

    static Instant berlin(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min).atZone(BERLIN).toInstant();
    }

    /** The November of the billing story: 87.93 + 44.52 + 227.10 subscriptions, 0.62 airtime. */
    static Invoice november(VatPolicy.Treatment treatment, String country, String vatId) {
        InstanceId instance = InstanceId.random();
        SubscriptionTimeline timeline = new SubscriptionTimeline(instance, "Head office", List.of(
                new Entry(berlin(2030, 11, 10, 10, 0), Kind.ACTIVATED, Plan.BASIC, 16, Money.euros("128.16"), false),
                new Entry(berlin(2030, 11, 17, 12, 0), Kind.UPGRADED, Plan.BASIC, 30, Money.euros("227.10"), false)));
        List<InvoiceLine> lines = InvoicePolicy.compose(YearMonth.of(2030, 11), new BillingCalendar(BERLIN),
                List.of(timeline), List.of(new org.switchboard.billing.AirtimeSummary(instance, "German mobile", 2, 121,
                        new BigDecimal("0.6200"))));
        return new Invoice(UUID.randomUUID(), CustomerId.random(), null, YearMonth.of(2030, 11), Invoice.Kind.INVOICE,
                "2030-000001", LocalDate.of(2030, 12, 1), berlin(2030, 12, 1, 0, 30),
                new Invoice.BillTo("Huber GmbH", "Marienplatz 1", "80331", "München", country, vatId), lines,
                InvoiceTotals.of(lines, treatment));
    }

    static EInvoices.Context context(boolean withCalls) {
        Payment payment = new Payment(UUID.randomUUID(), UUID.randomUUID(), "SUBMITTED", "SB-1-1", LocalDate.of(2030, 11, 10),
                "DE89370400440532013000", "Huber GmbH", "FRST", LocalDate.of(2030, 12, 6), "2030-11", null);
        List<StoredCall> calls = withCalls ? List.of(new StoredCall(UUID.randomUUID(), UUID.randomUUID(), "m1", "ext-101",
                "+4930123456", "+491701234567", berlin(2030, 11, 20, 9, 0), berlin(2030, 11, 20, 9, 0),
                berlin(2030, 11, 20, 9, 1).plusSeconds(1), "OUTBOUND", "platform", "RATED", "German mobile", 61,
                new BigDecimal("0.0905"), null)) : List.of();
        return new EInvoices.Context(SELLER, payment, calls, BERLIN);
    }

    @Test
    void thePdfIsReadableAndCarriesTheEn16931XmlWithTheSameTotals() throws Exception {
        Invoice invoice = november(VatPolicy.Treatment.STANDARD, "DE", null);
        byte[] pdf = EInvoices.pdf(invoice, context(true));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Invoice 2030-000001").contains("Huber GmbH").contains("87.93").contains("44.52")
                    .contains("227.10").contains("428.60").contains("SB-1-1")
                    .contains("Appendix: itemised calls of 2030-11").contains("+491701234567").contains("0.0905");
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            assertThat(document.getDocumentCatalog().getMetadata()).isNotNull();
            assertThat(document.getDocumentCatalog().getOutputIntents()).hasSize(1);
        }

        ZUGFeRDImporter embedded = new ZUGFeRDImporter(new ByteArrayInputStream(pdf));
        String xml = new String(embedded.getRawXML(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xml).contains("urn:cen.eu:en16931:2017").contains("<ram:GrandTotalAmount>428.60</ram:GrandTotalAmount>")
                .contains("<ram:TaxTotalAmount currencyID=\"EUR\">68.43</ram:TaxTotalAmount>")
                .contains("SB-1-1").contains("DE98ZZZ09999999999");

        ZUGFeRDInvoiceImporter importer = new ZUGFeRDInvoiceImporter(new ByteArrayInputStream(pdf));
        org.mustangproject.Invoice read = importer.extractInvoice();
        TransactionCalculator recalculated = new TransactionCalculator(read);
        assertThat(recalculated.getGrandTotal()).isEqualByComparingTo(invoice.totals().gross().amount());
        assertThat(recalculated.getTaxBasis()).isEqualByComparingTo(invoice.totals().net().amount());
        assertThat(read.getNumber()).isEqualTo("2030-000001");

        // The Mustang validator: PDF/A-3, the embedded XML against the EN 16931 schema and its rules.
        org.mustangproject.validator.ZUGFeRDValidator validator = new org.mustangproject.validator.ZUGFeRDValidator();
        String report = validator.validate(pdf, "2030-000001.pdf");
        assertThat(validator.wasCompletelyValid()).as(report).isTrue();

        // ... which does refuse a PDF without the e-invoice in it.
        java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
        try (PDDocument empty = new PDDocument()) {
            empty.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            empty.save(plain);
        }
        org.mustangproject.validator.ZUGFeRDValidator strict = new org.mustangproject.validator.ZUGFeRDValidator();
        strict.validate(plain.toByteArray(), "plain.pdf");
        assertThat(strict.wasCompletelyValid()).isFalse();
    }

    @Test
    void aReverseChargeInvoiceStatesCategoryAeAndTheNote() {
        Invoice invoice = november(VatPolicy.Treatment.REVERSE_CHARGE, "AT", "ATU12345678");
        String xml = new String(EInvoices.en16931(invoice, context(false)), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xml).contains("<ram:CategoryCode>AE</ram:CategoryCode>").contains("Article 196")
                .contains("ATU12345678").contains("<ram:GrandTotalAmount>360.17</ram:GrandTotalAmount>");
    }

    @Test
    void theXRechnungNamesItsSpecification() {
        Invoice invoice = november(VatPolicy.Treatment.STANDARD, "DE", null);
        String xml = new String(EInvoices.xrechnung(invoice, context(false)), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xml).contains("urn:xeinkauf.de:kosit:xrechnung").contains("<ram:BuyerReference>")
                .contains("<ram:GrandTotalAmount>428.60</ram:GrandTotalAmount>");
    }

    /**
     * An invoice to a CSP partner: the November lines of its customer at 85% (74.74 + 37.84 + 193.04
     * subscriptions, 0.62 x 0.85 = 0.527 -> 0.53 airtime) and a webinar seat of 199.50; net 505.65,
     * VAT 19% = 96.0735 -> 96.07, gross 601.72. It is paid by bank transfer, so it names the
     * operator's account instead of a mandate, and it must be just as valid.
     */
    static Invoice toPartner() {
        Invoice november = november(VatPolicy.Treatment.STANDARD, "DE", null);
        org.switchboard.billing.WholesaleTermsProvider.WholesaleBuyer buyer =
                new org.switchboard.billing.WholesaleTermsProvider.WholesaleBuyer(
                        org.switchboard.accounts.PartnerId.random(), new BigDecimal("0.15"));
        List<org.switchboard.billing.PartnerInvoicePolicy.PartnerLine> parts =
                org.switchboard.billing.PartnerInvoicePolicy.compose(buyer,
                        List.of(new org.switchboard.billing.PartnerInvoicePolicy.CustomerLines(november.customerId(),
                                "Huber GmbH", november.lines())),
                        List.of(new org.switchboard.billing.PartnerChargeProvider.PartnerCharge(UUID.randomUUID(),
                                buyer.partnerId(), "Premium training webinar \"CSP basics\" (50% early-booking discount)",
                                Money.euros("199.50"), berlin(2030, 11, 5, 10, 0))));
        List<InvoiceLine> lines = parts.stream().map(org.switchboard.billing.PartnerInvoicePolicy.PartnerLine::line).toList();
        return new Invoice(UUID.randomUUID(), null, buyer.partnerId(), YearMonth.of(2030, 11),
                Invoice.Kind.INVOICE, "2030-000002", LocalDate.of(2030, 12, 1), berlin(2030, 12, 1, 0, 30),
                new Invoice.BillTo("Telefonie Partner GmbH", "Hafenstraße 5", "20457", "Hamburg", "DE", "DE987654321"),
                lines, InvoiceTotals.of(lines, VatPolicy.Treatment.STANDARD));
    }

    @Test
    void anInvoiceToAPartnerPaidByTransferIsAValidEn16931Invoice() throws Exception {
        Invoice invoice = toPartner();
        org.switchboard.accounts.PartnerId partner = invoice.partnerId();
        assertThat(invoice.totals().net().amount()).isEqualByComparingTo("505.65");
        assertThat(invoice.totals().gross().amount()).isEqualByComparingTo("601.72");

        byte[] pdf = EInvoices.pdf(invoice, new EInvoices.Context(SELLER, null, List.of(), BERLIN));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Invoice 2030-000002").contains("Telefonie Partner GmbH")
                    .contains("Partner " + partner.value()).contains("Customer Huber GmbH")
                    .contains("193.04").contains("Net training").contains("601.72")
                    .contains("IBAN DE02120300000000202051").contains("2030-12-15");
        }
        String xml = new String(new ZUGFeRDImporter(new ByteArrayInputStream(pdf)).getRawXML(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xml).contains("<ram:GrandTotalAmount>601.72</ram:GrandTotalAmount>")
                .contains("<ram:TypeCode>58</ram:TypeCode>").contains("DE02120300000000202051")
                .contains("DE987654321").contains(partner.value().toString());
        TransactionCalculator recalculated = new TransactionCalculator(
                new ZUGFeRDInvoiceImporter(new ByteArrayInputStream(pdf)).extractInvoice());
        assertThat(recalculated.getGrandTotal()).isEqualByComparingTo("601.72");

        org.mustangproject.validator.ZUGFeRDValidator validator = new org.mustangproject.validator.ZUGFeRDValidator();
        String report = validator.validate(pdf, "2030-000002.pdf");
        assertThat(validator.wasCompletelyValid()).as(report).isTrue();
    }

    /** An operator's credit note of 20.00 on the December fee of the November invoice, and the rest of the upgrade line. */
    static Invoice creditNote(Invoice invoice) {
        org.switchboard.billing.CreditNotePolicy.Composed composed = org.switchboard.billing.CreditNotePolicy.compose(
                invoice, java.util.Map.of(), new org.switchboard.billing.CreditNotePolicy.Request("Outage of three days",
                        null, List.of(new org.switchboard.billing.CreditNotePolicy.LineCredit(3, new BigDecimal("20.00")),
                                new org.switchboard.billing.CreditNotePolicy.LineCredit(2, new BigDecimal("44.52")))));
        InvoiceTotals totals = InvoiceTotals.of(composed.lines(), invoice.totals().treatment());
        String settlement = org.switchboard.billing.CreditNotePolicy.settlement(invoice, "COLLECTED", "3000", totals.gross());
        return new Invoice(UUID.randomUUID(), invoice.customerId(), null, invoice.month(), Invoice.Kind.CREDIT_NOTE,
                "CN-2030-000003", LocalDate.of(2030, 12, 9), berlin(2030, 12, 9, 11, 0), invoice.billTo(),
                composed.lines(), totals, new Invoice.Correction(invoice.id(), invoice.number(), invoice.issuedOn(),
                        "Outage of three days", settlement));
    }

    @Test
    void aCreditNoteIsAValidEn16931DocumentOfType381ReferencingTheCorrectedInvoice() throws Exception {
        Invoice note = creditNote(november(VatPolicy.Treatment.STANDARD, "DE", null));
        // -64.52 net; 19% = -12.2588 -> -12.26; gross -76.78
        assertThat(note.totals().gross().amount()).isEqualByComparingTo("-76.78");
        EInvoices.Context noDebit = new EInvoices.Context(SELLER, null, List.of(), BERLIN);
        byte[] pdf = EInvoices.pdf(note, noDebit);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Credit note CN-2030-000003").contains("Corrects invoice 2030-000001 of 2030-12-01")
                    .contains("Reason: Outage of three days").contains("-20.00").contains("-44.52").contains("-76.78")
                    .contains("We refund the credited 76.78 EUR by bank transfer");
        }
        String xml = new String(new ZUGFeRDImporter(new ByteArrayInputStream(pdf)).getRawXML(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xml).contains("<ram:TypeCode>381</ram:TypeCode>")
                .containsPattern("<ram:InvoiceReferencedDocument>\\s*<ram:IssuerAssignedID>2030-000001</ram:IssuerAssignedID>")
                .contains("<ram:GrandTotalAmount>76.78</ram:GrandTotalAmount>")
                .contains("<ram:TaxTotalAmount currencyID=\"EUR\">12.26</ram:TaxTotalAmount>");
        org.mustangproject.Invoice read = new ZUGFeRDInvoiceImporter(new ByteArrayInputStream(pdf)).extractInvoice();
        assertThat(new TransactionCalculator(read).getGrandTotal()).isEqualByComparingTo("76.78");

        org.mustangproject.validator.ZUGFeRDValidator validator = new org.mustangproject.validator.ZUGFeRDValidator();
        String report = validator.validate(pdf, "CN-2030-000003.pdf");
        assertThat(validator.wasCompletelyValid()).as(report).isTrue();

        String xrechnung = new String(EInvoices.xrechnung(note, noDebit), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xrechnung).contains("urn:xeinkauf.de:kosit:xrechnung").contains("<ram:TypeCode>381</ram:TypeCode>")
                .contains("2030-000001");
    }

    /**
     * An operator's credit note against the invoice to the CSP partner: 20.00 of its customer's
     * December fee (line 3, 193.04 at wholesale) and the whole webinar seat (line 5, 199.50):
     * -219.50 net, 19% = -41.705 -> -41.71, gross -261.21. No direct debit: refunded by transfer.
     */
    @Test
    void aCreditNoteOfAnInvoiceToAPartnerIsAValidEn16931DocumentOfType381() throws Exception {
        Invoice invoice = toPartner();
        org.switchboard.billing.CreditNotePolicy.Composed composed = org.switchboard.billing.CreditNotePolicy.compose(
                invoice, java.util.Map.of(), new org.switchboard.billing.CreditNotePolicy.Request("Webinar cancelled",
                        null, List.of(new org.switchboard.billing.CreditNotePolicy.LineCredit(3, new BigDecimal("20.00")),
                                new org.switchboard.billing.CreditNotePolicy.LineCredit(5, new BigDecimal("199.50")))));
        InvoiceTotals totals = InvoiceTotals.of(composed.lines(), invoice.totals().treatment());
        assertThat(totals.netTraining().amount()).isEqualByComparingTo("-199.50");
        assertThat(totals.gross().amount()).isEqualByComparingTo("-261.21");
        Invoice note = new Invoice(UUID.randomUUID(), null, invoice.partnerId(), invoice.month(), Invoice.Kind.CREDIT_NOTE,
                "CN-2030-000004", LocalDate.of(2030, 12, 9), berlin(2030, 12, 9, 11, 0), invoice.billTo(),
                composed.lines(), totals, new Invoice.Correction(invoice.id(), invoice.number(), invoice.issuedOn(),
                        "Webinar cancelled", org.switchboard.billing.CreditNotePolicy.settlement(invoice, null, "",
                                totals.gross())));
        byte[] pdf = EInvoices.pdf(note, new EInvoices.Context(SELLER, null, List.of(), BERLIN));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Credit note CN-2030-000004").contains("Partner " + invoice.partnerId().value())
                    .contains("Corrects invoice 2030-000002 of 2030-12-01").contains("Reason: Webinar cancelled")
                    .contains("-261.21").contains("refund it by bank transfer").doesNotContain("Bought as CSP partner");
        }
        String xml = new String(new ZUGFeRDImporter(new ByteArrayInputStream(pdf)).getRawXML(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xml).contains("<ram:TypeCode>381</ram:TypeCode>")
                .containsPattern("<ram:InvoiceReferencedDocument>\\s*<ram:IssuerAssignedID>2030-000002</ram:IssuerAssignedID>")
                .contains("<ram:GrandTotalAmount>261.21</ram:GrandTotalAmount>");
        org.mustangproject.Invoice read = new ZUGFeRDInvoiceImporter(new ByteArrayInputStream(pdf)).extractInvoice();
        assertThat(new TransactionCalculator(read).getGrandTotal()).isEqualByComparingTo("261.21");

        org.mustangproject.validator.ZUGFeRDValidator validator = new org.mustangproject.validator.ZUGFeRDValidator();
        String report = validator.validate(pdf, "CN-2030-000004.pdf");
        assertThat(validator.wasCompletelyValid()).as(report).isTrue();
    }
}
