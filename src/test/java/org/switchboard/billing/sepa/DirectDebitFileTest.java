package org.switchboard.billing.sepa;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.switchboard.billing.BillingSettings.Settings;
import org.switchboard.billing.sepa.DirectDebitFile.Debit;
import org.switchboard.testing.SepaFile;

import com.prowidesoftware.swift.model.mx.MxPain00800108;

/**
 * The pain.008.001.08 file validated against the message's schema as the ISO 20022 model of the
 * SEPA library describes it (element order, cardinality, types: generated from its JAXB model),
 * and checked for the facets SEPA adds (lengths, IBAN and BIC patterns, two decimals).
 */
class DirectDebitFileTest {

    static final Settings CREDITOR = new Settings(SepaFile.OPERATOR_NAME, "DE98ZZZ09999999999", SepaFile.OPERATOR_IBAN,
            "BYLADEM1001", 5, "Friedrichstraße 100", "10117", "Berlin", "DE", "DE123456789", "billing@switchboard.local",
            "+49 30 1234560");
    static final String NS = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.08";

    static List<Debit> debits() {
        return List.of(
                new Debit("2030-000001", new BigDecimal("428.60"), "Huber GmbH", SepaFile.GERMAN_IBAN, "SB-a-1",
                        LocalDate.of(2030, 11, 10), "FRST", LocalDate.of(2030, 12, 6)),
                new Debit("2030-000002", new BigDecimal("105.91"), "Müller & Söhne KG", SepaFile.GERMAN_IBAN,
                        "SB-b-1", LocalDate.of(2029, 3, 1), "RCUR", LocalDate.of(2030, 12, 6)),
                new Debit("2030-000003", new BigDecimal("10.00"), "Groß AG", SepaFile.AUSTRIAN_IBAN, "SB-c-2",
                        LocalDate.of(2029, 3, 1), "RCUR", LocalDate.of(2030, 12, 6)));
    }

    static SepaFile file() {
        return SepaFile.of(DirectDebitFile.pain008("SB-DD-2030-11", OffsetDateTime.of(2030, 12, 1, 0, 30, 0, 0, ZoneOffset.ofHours(1)),
                CREDITOR, debits()), NS, MxPain00800108._classes);
    }

    @Test
    void theFileIsValidAgainstTheMessageSchema() throws Exception {
        file().assertValid();
    }

    @Test
    void aFileMissingARequiredElementIsNotValid() {
        file().assertInvalidWithout("<PmtMtd>DD</PmtMtd>");
    }

    @Test
    void firstAndRecurrentDebitsAreSeparateBlocksWithTheirSums() {
        SepaFile file = file();
        assertThat(file.all("SeqTp")).containsExactly("FRST", "RCUR");
        assertThat(file.all("CtrlSum")).containsExactly("544.51", "428.60", "115.91");
        assertThat(file.all("NbOfTxs")).containsExactly("3", "1", "2");
        assertThat(file.all("ReqdColltnDt")).containsOnly("2030-12-06");
        assertThat(file.all("MndtId")).containsExactly("SB-a-1", "SB-b-1", "SB-c-2");
        assertThat(file.all("DtOfSgntr")).containsExactly("2030-11-10", "2029-03-01", "2029-03-01");
        assertThat(file.all("EndToEndId")).containsExactly("2030-000001", "2030-000002", "2030-000003");
        assertThat(file.all("Cd")).contains("SEPA", "CORE");
        assertThat(file.all("Prtry")).containsOnly("SEPA");
        assertThat(file.xml()).contains("DE98ZZZ09999999999");
        // SEPA's character set: umlauts and & transliterated or dropped
        assertThat(file.all("Nm")).contains("Muller   Sohne KG", "Gross AG");
    }

    @Test
    void everyValueKeepsTheSepaFacets() {
        file().assertSepaFacets("MsgId", "PmtInfId", "EndToEndId", "MndtId");
    }

}
