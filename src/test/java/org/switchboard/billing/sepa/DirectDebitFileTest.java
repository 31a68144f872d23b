package org.switchboard.billing.sepa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.switchboard.billing.BillingSettings.Settings;
import org.switchboard.billing.sepa.DirectDebitFile.Debit;
import org.switchboard.testing.IsoMessageSchema;
import org.xml.sax.SAXException;

import com.prowidesoftware.swift.model.mx.MxPain00800108;

/**
 * The pain.008.001.08 file validated against the message's schema as the ISO 20022 model of the
 * SEPA library describes it (element order, cardinality, types: generated from its JAXB model),
 * and checked for the facets SEPA adds (lengths, IBAN and BIC patterns, two decimals).
 */
class DirectDebitFileTest {

    static final Settings CREDITOR = new Settings("Switchboard GmbH", "DE98ZZZ09999999999", "DE02120300000000202051",
            "BYLADEM1001", 5, "Friedrichstraße 100", "10117", "Berlin", "DE", "DE123456789", "billing@switchboard.local",
            "+49 30 1234560");
    static final String NS = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.08";

    static List<Debit> debits() {
        return List.of(
                new Debit("2030-000001", new BigDecimal("428.60"), "Huber GmbH", "DE89370400440532013000", "SB-a-1",
                        LocalDate.of(2030, 11, 10), "FRST", LocalDate.of(2030, 12, 6)),
                new Debit("2030-000002", new BigDecimal("105.91"), "Müller & Söhne KG", "DE89370400440532013000",
                        "SB-b-1", LocalDate.of(2029, 3, 1), "RCUR", LocalDate.of(2030, 12, 6)),
                new Debit("2030-000003", new BigDecimal("10.00"), "Groß AG", "AT611904300234573201", "SB-c-2",
                        LocalDate.of(2029, 3, 1), "RCUR", LocalDate.of(2030, 12, 6)));
    }

    static String file() {
        return DirectDebitFile.pain008("SB-DD-2030-11", OffsetDateTime.of(2030, 12, 1, 0, 30, 0, 0, ZoneOffset.ofHours(1)),
                CREDITOR, debits());
    }

    @Test
    void theFileIsValidAgainstTheMessageSchema() throws Exception {
        String xml = file();
        assertThat(xml).contains("xmlns=\"" + NS + "\"");
        schema().validate(xml);
    }

    @Test
    void aFileMissingARequiredElementIsNotValid() throws Exception {
        String broken = file().replaceFirst("<PmtMtd>DD</PmtMtd>", "");
        assertThatThrownBy(() -> schema().validate(broken))
                .isInstanceOf(SAXException.class);
    }

    @Test
    void firstAndRecurrentDebitsAreSeparateBlocksWithTheirSums() {
        String xml = file();
        assertThat(all(xml, "SeqTp")).containsExactly("FRST", "RCUR");
        assertThat(all(xml, "CtrlSum")).containsExactly("544.51", "428.60", "115.91");
        assertThat(all(xml, "NbOfTxs")).containsExactly("3", "1", "2");
        assertThat(all(xml, "ReqdColltnDt")).containsOnly("2030-12-06");
        assertThat(all(xml, "MndtId")).containsExactly("SB-a-1", "SB-b-1", "SB-c-2");
        assertThat(all(xml, "DtOfSgntr")).containsExactly("2030-11-10", "2029-03-01", "2029-03-01");
        assertThat(all(xml, "EndToEndId")).containsExactly("2030-000001", "2030-000002", "2030-000003");
        assertThat(all(xml, "Cd")).contains("SEPA", "CORE");
        assertThat(all(xml, "Prtry")).containsOnly("SEPA");
        assertThat(xml).contains("DE98ZZZ09999999999");
        // SEPA's character set: umlauts and & transliterated or dropped
        assertThat(all(xml, "Nm")).contains("Muller   Sohne KG", "Gross AG");
    }

    @Test
    void everyValueKeepsTheSepaFacets() {
        String xml = file();
        all(xml, "IBAN").forEach(iban -> assertThat(iban).matches("[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}"));
        all(xml, "BICFI").forEach(bic -> assertThat(bic).matches("[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?"));
        all(xml, "InstdAmt").forEach(a -> assertThat(a).matches("\\d{1,9}\\.\\d{2}"));
        for (String tag : List.of("MsgId", "PmtInfId", "EndToEndId", "MndtId")) {
            all(xml, tag).forEach(v -> assertThat(v.length()).as(tag).isBetween(1, 35));
        }
        all(xml, "Nm").forEach(v -> assertThat(v).matches("[A-Za-z0-9/\\-?:().,'+ ]{1,70}"));
        all(xml, "Ustrd").forEach(v -> assertThat(v.length()).isLessThanOrEqualTo(140));
    }

    // ---- helpers --------------------------------------------------------------------------------

    static IsoMessageSchema schema() {
        return IsoMessageSchema.of(NS, MxPain00800108._classes);
    }

    static List<String> all(String xml, String tag) {
        return IsoMessageSchema.all(xml, tag);
    }
}
