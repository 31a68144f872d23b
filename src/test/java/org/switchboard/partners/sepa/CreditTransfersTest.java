package org.switchboard.partners.sepa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.switchboard.partners.sepa.CreditTransfers.Debtor;
import org.switchboard.partners.sepa.CreditTransfers.Transfer;
import org.switchboard.testing.IsoMessageSchema;
import org.xml.sax.SAXException;

import com.prowidesoftware.swift.model.mx.MxPain00100103;

/**
 * The payout file (pain.001.001.03) validated against the message's schema as the ISO 20022 model
 * of the SEPA library describes it, and checked for the facets SEPA adds: IBAN and BIC patterns,
 * lengths, the SEPA character set, two decimals and control sums that add up.
 */
class CreditTransfersTest {

    static final String NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";
    static final Debtor DEBTOR = new Debtor("Switchboard GmbH", "DE02 1203 0000 0000 2020 51");

    static List<Transfer> transfers() {
        return List.of(
                new Transfer("PC-2030-000001", "Seewind Systeme GmbH", "DE89370400440532013000",
                        new BigDecimal("300.00"), "Commission statement PC-2030-000001"),
                new Transfer("PC-2030-000002", "Müller & Söhne Telekommunikation KG", "AT611904300234573201",
                        new BigDecimal("1234.56"), "Commission statement PC-2030-000002"),
                new Transfer("PC-2030-000003", "Groß <Büro> \"Systeme\" AG", "de89 3704 0044 0532 0130 00",
                        new BigDecimal("0.10"), "Commission statement PC-2030-000003"));
    }

    static String file() {
        return CreditTransfers.pain001("PO-0123456789ABCDEF01234567", OffsetDateTime.of(2030, 12, 1, 9, 15, 0, 0,
                ZoneOffset.ofHours(1)), LocalDate.of(2030, 12, 5), DEBTOR, transfers());
    }

    static IsoMessageSchema schema() {
        return IsoMessageSchema.of(NS, MxPain00100103._classes);
    }

    static List<String> all(String xml, String tag) {
        return IsoMessageSchema.all(xml, tag);
    }

    @Test
    void theFileIsValidAgainstTheMessageSchema() throws Exception {
        String xml = file();
        assertThat(xml).contains("xmlns=\"" + NS + "\"");
        schema().validate(xml);
    }

    @Test
    void aFileMissingARequiredElementIsNotValid() {
        for (String required : List.of("<PmtMtd>TRF</PmtMtd>", "<ReqdExctnDt>2030-12-05</ReqdExctnDt>",
                "<NbOfTxs>3</NbOfTxs>", "<DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt>",
                "<EndToEndId>PC-2030-000002</EndToEndId>")) {
            String broken = file().replaceFirst(java.util.regex.Pattern.quote(required), "");
            assertThat(broken).as(required).isNotEqualTo(file());
            assertThatThrownBy(() -> schema().validate(broken)).as(required).isInstanceOf(SAXException.class);
        }
        String notANumber = file().replace("<CtrlSum>1534.66</CtrlSum>", "<CtrlSum>1.534,66</CtrlSum>");
        assertThatThrownBy(() -> schema().validate(notANumber)).isInstanceOf(SAXException.class);
        String outOfOrder = file().replace("<PmtMtd>TRF</PmtMtd>\n      <BtchBookg>true</BtchBookg>",
                "<BtchBookg>true</BtchBookg>\n      <PmtMtd>TRF</PmtMtd>");
        assertThat(outOfOrder).isNotEqualTo(file());
        assertThatThrownBy(() -> schema().validate(outOfOrder)).isInstanceOf(SAXException.class);
    }

    @Test
    void countsAndControlSumsAddUp() {
        String xml = file();
        assertThat(all(xml, "NbOfTxs")).containsExactly("3", "3");
        assertThat(all(xml, "CtrlSum")).containsExactly("1534.66", "1534.66");
        BigDecimal sum = all(xml, "InstdAmt").stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo("1534.66");
        assertThat(all(xml, "EndToEndId")).containsExactly("PC-2030-000001", "PC-2030-000002", "PC-2030-000003");
        assertThat(xml).contains("<InstdAmt Ccy=\"EUR\">0.10</InstdAmt>");
        assertThat(all(xml, "ReqdExctnDt")).containsExactly("2030-12-05");
        assertThat(all(xml, "CreDtTm")).containsExactly("2030-12-01T09:15:00");
    }

    @Test
    void everyValueKeepsTheSepaFacets() {
        String xml = file();
        assertThat(all(xml, "IBAN")).containsExactly("DE02120300000000202051", "DE89370400440532013000",
                "AT611904300234573201", "DE89370400440532013000");
        all(xml, "IBAN").forEach(iban -> assertThat(iban).matches("[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}"));
        all(xml, "BIC").forEach(bic -> assertThat(bic).matches("[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?"));
        assertThat(all(xml, "Id")).contains("NOTPROVIDED"); // the debtor's bank, known by its IBAN
        for (String tag : List.of("InstdAmt", "CtrlSum")) {
            all(xml, tag).forEach(a -> assertThat(a).as(tag).matches("\\d{1,9}\\.\\d{2}"));
        }
        all(xml, "InstdAmt").forEach(a -> assertThat(new BigDecimal(a)).isGreaterThanOrEqualTo(new BigDecimal("0.01")));
        for (String tag : List.of("MsgId", "PmtInfId", "EndToEndId")) {
            all(xml, tag).forEach(v -> assertThat(v).as(tag).matches("[A-Za-z0-9/\\-?:().,'+ ]{1,35}")
                    .doesNotStartWith("/").doesNotEndWith("/").doesNotContain("//"));
        }
        all(xml, "Nm").forEach(v -> assertThat(v).matches("[A-Za-z0-9/\\-?:().,'+ ]{1,70}"));
        all(xml, "Ustrd").forEach(v -> assertThat(v).matches("[A-Za-z0-9/\\-?:().,'+ ]{1,140}"));
        // Optional for ISO, required by SEPA: every transfer names its creditor and account.
        List<String> transactions = List.of(xml.split("<CdtTrfTxInf>", -1)).subList(1, 4);
        assertThat(transactions).allSatisfy(tx -> assertThat(tx)
                .containsPattern("<Cdtr><Nm>[^<]+</Nm></Cdtr>").containsPattern("<CdtrAcct><Id><IBAN>[^<]+</IBAN>")
                .containsPattern("<RmtInf><Ustrd>[^<]+</Ustrd></RmtInf>"));
        // Codes (the generated schema types them as plain text).
        assertThat(all(xml, "PmtMtd")).containsExactly("TRF");
        assertThat(all(xml, "Cd")).containsExactly("SEPA");
        assertThat(all(xml, "ChrgBr")).containsExactly("SLEV");
        // SEPA's character set: umlauts spelled out, & as +, the rest dropped.
        assertThat(all(xml, "Nm")).contains("Mueller + Soehne Telekommunikation KG", "Gross Buero Systeme AG");
    }

    @Test
    void longTextsAreCutToTheirSepaLengthAndTheFileStaysValid() throws Exception {
        String name = "Ä".repeat(40) + " Partnergesellschaft";
        String xml = CreditTransfers.pain001("PO-" + "9".repeat(40), OffsetDateTime.of(2030, 12, 1, 9, 15, 30, 123,
                ZoneOffset.UTC), LocalDate.of(2030, 12, 5), DEBTOR, List.of(new Transfer("PC-2030-" + "1".repeat(40),
                name, "DE89370400440532013000", new BigDecimal("999999999.99"), "x".repeat(200))));
        schema().validate(xml);
        assertThat(all(xml, "MsgId").get(0)).hasSize(35);
        assertThat(all(xml, "EndToEndId").get(0)).hasSize(35);
        assertThat(all(xml, "Nm")).allSatisfy(n -> assertThat(n.length()).isLessThanOrEqualTo(70));
        assertThat(all(xml, "Ustrd").get(0)).hasSize(140);
        assertThat(all(xml, "CreDtTm")).containsExactly("2030-12-01T09:15:30");
    }

    @Test
    void aNameWithoutAnyLatinLetterStillHasOne() throws Exception {
        String xml = CreditTransfers.pain001("PO-1", OffsetDateTime.of(2030, 12, 1, 9, 15, 0, 0, ZoneOffset.UTC),
                LocalDate.of(2030, 12, 5), DEBTOR, List.of(new Transfer("PC-2030-000009", "Ελληνικά ΑΕ",
                        "DE89370400440532013000", new BigDecimal("12.30"), "Commission statement PC-2030-000009")));
        schema().validate(xml);
        assertThat(all(xml, "Nm")).containsExactly("Switchboard GmbH", "Switchboard GmbH", "NOTPROVIDED");
    }
}
