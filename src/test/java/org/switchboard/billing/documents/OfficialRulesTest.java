package org.switchboard.billing.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Every kind of document the platform makes, checked with the official rules (CEN EN 16931 for
 * CII and KoSIT XRechnung): no assertion of level fatal or error may fail, in the XML embedded in
 * the PDF and in the XRechnung alike; and the documents do not depend on the JVM's default zone.
 */
class OfficialRulesTest {

    @Test
    void everyDocumentKindPassesTheOfficialRules() throws Exception {
        Map<String, List<OfficialRules.Failure>> failures = new LinkedHashMap<>();
        for (EInvoiceSamples.Sample sample : EInvoiceSamples.all()) {
            byte[] pdf = EInvoices.pdf(sample.invoice(), sample.context());
            byte[] embedded = embeddedXml(pdf);
            failures.put(sample.name() + " (PDF)", OfficialRules.en16931Errors(embedded));
            failures.put(sample.name() + " (XRechnung)",
                    OfficialRules.xrechnungErrors(EInvoices.xrechnung(sample.invoice(), sample.context())));
        }
        assertThat(failures).allSatisfy((name, errors) -> assertThat(errors).as(name).isEmpty());

        // Not subject to VAT (BR-O-02): neither VAT ID as an identifier; the seller's is given in a note.
        EInvoiceSamples.Sample swiss = EInvoiceSamples.all().get(3);
        String xml = new String(EInvoices.xrechnung(swiss.invoice(), swiss.context()), StandardCharsets.UTF_8);
        assertThat(xml).contains("<ram:CategoryCode>O</ram:CategoryCode>").doesNotContain("CHE-123.456.789")
                .doesNotContain("schemeID=\"VA\"").contains("VAT ID of Switchboard GmbH: DE123456789");
    }

    @Test
    void creditNotesSayHowTheMoneyGoesBack() {
        Map<String, String> xml = new LinkedHashMap<>();
        for (EInvoiceSamples.Sample sample : EInvoiceSamples.all()) {
            xml.put(sample.name(), new String(EInvoices.xrechnung(sample.invoice(), sample.context()),
                    StandardCharsets.UTF_8));
        }
        // Refunded by credit transfer (58) to the customer's account; set off (97) otherwise.
        assertThat(xml.get("the run's credit note, refunded to the account last debited"))
                .contains("<ram:TypeCode>58</ram:TypeCode>").contains("DE89370400440532013000")
                .contains("We refund the credited 27.97 EUR by credit transfer to the account ending 3000 by 2030-12-15.");
        assertThat(xml.get("the run's credit note (a month with a negative net)"))
                .contains("<ram:TypeCode>97</ram:TypeCode>")
                .contains("The credited 27.97 EUR is set off against your next invoice.");
        assertThat(xml.get("credit note to a customer, set off (debit returned)"))
                .contains("<ram:TypeCode>97</ram:TypeCode>").contains("was returned");
        assertThat(xml.get("credit note to a partner")).contains("<ram:TypeCode>97</ram:TypeCode>")
                .contains("is set off against invoice");
    }

    @Test
    void theRulesDoFindAFault() {
        // A document that lacks its invoice number fails BR-02: the check can fail.
        String xml = new String(EInvoices.xrechnung(EInvoiceSamples.all().get(0).invoice(),
                EInvoiceSamples.all().get(0).context()), StandardCharsets.UTF_8);
        String broken = xml.replaceFirst("<ram:ID>[^<]*</ram:ID>", "<ram:ID></ram:ID>");
        assertThat(OfficialRules.xrechnungErrors(broken.getBytes(StandardCharsets.UTF_8)))
                .extracting(OfficialRules.Failure::id).isNotEmpty();
    }

    @Test
    void theXmlIsTheSameWhateverTheJvmDefaultZone() {
        for (EInvoiceSamples.Sample sample : EInvoiceSamples.all()) {
            Supplier<String> xrechnung = () -> new String(EInvoices.xrechnung(sample.invoice(), sample.context()),
                    StandardCharsets.UTF_8);
            Supplier<String> en16931 = () -> new String(EInvoices.en16931(sample.invoice(), sample.context()),
                    StandardCharsets.UTF_8);
            String utcX = inZone("UTC", xrechnung);
            String utcE = inZone("UTC", en16931);
            assertThat(inZone("Pacific/Kiritimati", xrechnung)).as(sample.name()).isEqualTo(utcX);
            assertThat(inZone("America/Los_Angeles", xrechnung)).as(sample.name()).isEqualTo(utcX);
            assertThat(inZone("Europe/Berlin", en16931)).as(sample.name()).isEqualTo(utcE);
            assertThat(inZone("Pacific/Kiritimati", en16931)).as(sample.name()).isEqualTo(utcE);
        }
        // The dates are the business zone's (Europe/Berlin): issued on 1 December, the period is November.
        String utc = inZone("UTC", () -> new String(EInvoices.xrechnung(EInvoiceSamples.all().get(0).invoice(),
                EInvoiceSamples.all().get(0).context()), StandardCharsets.UTF_8));
        assertThat(utc).contains("<udt:DateTimeString format=\"102\">20301201</udt:DateTimeString>")
                .contains("<udt:DateTimeString format=\"102\">20301101</udt:DateTimeString>")
                .doesNotContain("20301130</udt:DateTimeString></ram:IssueDateTime>");
    }

    @Test
    void theDueDateIsOneDateInTheXmlThePaymentTextAndTheSepaFile() throws Exception {
        EInvoiceSamples.Sample sample = EInvoiceSamples.all().get(0);
        var debit = sample.context().payment();
        String xml = inZone("UTC", () -> new String(EInvoices.xrechnung(sample.invoice(), sample.context()),
                StandardCharsets.UTF_8));
        assertThat(xml).containsPattern("<ram:DueDateDateTime>\\s*<udt:DateTimeString format=\"102\">20301206<")
                .contains("on 2030-12-06 under SEPA mandate SB-1-1");
        String text;
        try (PDDocument document = Loader.loadPDF(EInvoices.pdf(sample.invoice(), sample.context()))) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(document).replace("\n", " ");
        }
        assertThat(text).contains("on 2030-12-06 under SEPA mandate SB-1-1");
        String sepa = org.switchboard.billing.sepa.DirectDebitFile.pain008("SB-DD-2030-11",
                java.time.OffsetDateTime.of(2030, 12, 1, 0, 30, 0, 0, java.time.ZoneOffset.UTC), EInvoicesTest.SELLER,
                List.of(new org.switchboard.billing.sepa.DirectDebitFile.Debit(sample.invoice().number(),
                        sample.invoice().totals().gross().amount(), debit.accountHolder(), debit.iban(),
                        debit.mandateReference(), debit.mandateSignedOn(), debit.sequenceType(), debit.dueOn())));
        assertThat(sepa).contains("2030-12-06</").doesNotContain("2030-12-05");

        // Paid by transfer: the XML's due date is the date the payment text names.
        EInvoiceSamples.Sample transfer = EInvoiceSamples.all().get(1);
        String byTransfer = inZone("UTC", () -> new String(EInvoices.xrechnung(transfer.invoice(), transfer.context()),
                StandardCharsets.UTF_8));
        assertThat(byTransfer).containsPattern("<ram:DueDateDateTime>\\s*<udt:DateTimeString format=\"102\">20301215<")
                .contains("by 2030-12-15");
    }

    /** The e-invoice XML the PDF carries as its attachment factur-x.xml. */
    static byte[] embeddedXml(byte[] pdf) throws java.io.IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            var files = document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames();
            return files.get("factur-x.xml").getEmbeddedFile().toByteArray();
        }
    }

    static <T> T inZone(String zone, Supplier<T> work) {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try {
            return work.get();
        } finally {
            TimeZone.setDefault(before);
        }
    }
}
