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
import org.switchboard.testing.SepaFile;
import org.xml.sax.SAXException;

import com.prowidesoftware.swift.model.mx.MxPain00100103;

/**
 * The payout file (pain.001.001.03) validated against the message's schema as the ISO 20022 model
 * of the SEPA library describes it, and checked for the facets SEPA adds: IBAN and BIC patterns,
 * lengths, the SEPA character set, two decimals and control sums that add up.
 */
class CreditTransfersTest {

    static final String NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";
    static final Debtor DEBTOR = new Debtor(SepaFile.OPERATOR_NAME, "DE02 1203 0000 0000 2020 51");

    static List<Transfer> transfers() {
        return List.of(
                new Transfer("PC-2030-000001", "Seewind Systeme GmbH", SepaFile.GERMAN_IBAN,
                        new BigDecimal("300.00"), "Commission statement PC-2030-000001"),
                new Transfer("PC-2030-000002", "Müller & Söhne Telekommunikation KG", SepaFile.AUSTRIAN_IBAN,
                        new BigDecimal("1234.56"), "Commission statement PC-2030-000002"),
                new Transfer("PC-2030-000003", "Groß <Büro> \"Systeme\" AG", "de89 3704 0044 0532 0130 00",
                        new BigDecimal("0.10"), "Commission statement PC-2030-000003"));
    }

    static SepaFile file() {
        return SepaFile.of(CreditTransfers.pain001("PO-0123456789ABCDEF01234567", OffsetDateTime.of(2030, 12, 1, 9, 15, 0, 0,
                ZoneOffset.ofHours(1)), LocalDate.of(2030, 12, 5), DEBTOR, transfers()), NS, MxPain00100103._classes);
    }

    static IsoMessageSchema schema() {
        return IsoMessageSchema.of(NS, MxPain00100103._classes);
    }

    @Test
    void theFileIsValidAgainstTheMessageSchema() throws Exception {
        file().assertValid();
    }

    @Test
    void aFileMissingARequiredElementIsNotValid() {
        for (String required : List.of("<PmtMtd>TRF</PmtMtd>", "<ReqdExctnDt>2030-12-05</ReqdExctnDt>",
                "<NbOfTxs>3</NbOfTxs>", "<DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt>",
                "<EndToEndId>PC-2030-000002</EndToEndId>")) {
            file().assertInvalidWithout(required);
        }
        String notANumber = file().xml().replace("<CtrlSum>1534.66</CtrlSum>", "<CtrlSum>1.534,66</CtrlSum>");
        assertThatThrownBy(() -> schema().validate(notANumber)).isInstanceOf(SAXException.class);
        String outOfOrder = file().xml().replace("<PmtMtd>TRF</PmtMtd>\n      <BtchBookg>true</BtchBookg>",
                "<BtchBookg>true</BtchBookg>\n      <PmtMtd>TRF</PmtMtd>");
        assertThat(outOfOrder).isNotEqualTo(file().xml());
        assertThatThrownBy(() -> schema().validate(outOfOrder)).isInstanceOf(SAXException.class);
    }

    @Test
    void countsAndControlSumsAddUp() {
        SepaFile file = file();
        assertThat(file.all("NbOfTxs")).containsExactly("3", "3");
        assertThat(file.all("CtrlSum")).containsExactly("1534.66", "1534.66");
        BigDecimal sum = file.all("InstdAmt").stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo("1534.66");
        assertThat(file.all("EndToEndId")).containsExactly("PC-2030-000001", "PC-2030-000002", "PC-2030-000003");
        assertThat(file.xml()).contains("<InstdAmt Ccy=\"EUR\">0.10</InstdAmt>");
        assertThat(file.all("ReqdExctnDt")).containsExactly("2030-12-05");
        assertThat(file.all("CreDtTm")).containsExactly("2030-12-01T09:15:00");
    }

    @Test
    void everyValueKeepsTheSepaFacets() {
        SepaFile file = file();
        assertThat(file.all("IBAN")).containsExactly("DE02120300000000202051", "DE89370400440532013000",
                "AT611904300234573201", "DE89370400440532013000");
        file.assertSepaFacets("MsgId", "PmtInfId", "EndToEndId");
        assertThat(file.all("Id")).contains("NOTPROVIDED"); // the debtor's bank, known by its IBAN
        file.all("InstdAmt").forEach(a -> assertThat(new BigDecimal(a)).isGreaterThanOrEqualTo(new BigDecimal("0.01")));
        for (String tag : List.of("MsgId", "PmtInfId", "EndToEndId")) {
            file.all(tag).forEach(v -> assertThat(v).as(tag).doesNotStartWith("/").doesNotEndWith("/").doesNotContain("//"));
        }
        // Optional for ISO, required by SEPA: every transfer names its creditor and account.
        List<String> transactions = List.of(file.xml().split("<CdtTrfTxInf>", -1)).subList(1, 4);
        assertThat(transactions).allSatisfy(tx -> assertThat(tx)
                .containsPattern("<Cdtr><Nm>[^<]+</Nm></Cdtr>").containsPattern("<CdtrAcct><Id><IBAN>[^<]+</IBAN>")
                .containsPattern("<RmtInf><Ustrd>[^<]+</Ustrd></RmtInf>"));
        // Codes (the generated schema types them as plain text).
        assertThat(file.all("PmtMtd")).containsExactly("TRF");
        assertThat(file.all("Cd")).containsExactly("SEPA");
        assertThat(file.all("ChrgBr")).containsExactly("SLEV");
        // SEPA's character set: umlauts spelled out, & as +, the rest dropped.
        assertThat(file.all("Nm")).contains("Mueller + Soehne Telekommunikation KG", "Gross Buero Systeme AG");
    }

    @Test
    void longTextsAreCutToTheirSepaLengthAndTheFileStaysValid() throws Exception {
        String name = "Ä".repeat(40) + " Partnergesellschaft";
        String xml = CreditTransfers.pain001("PO-" + "9".repeat(40), OffsetDateTime.of(2030, 12, 1, 9, 15, 30, 123,
                ZoneOffset.UTC), LocalDate.of(2030, 12, 5), DEBTOR, List.of(new Transfer("PC-2030-" + "1".repeat(40),
                name, "DE89370400440532013000", new BigDecimal("999999999.99"), "x".repeat(200))));
        schema().validate(xml);
        assertThat(IsoMessageSchema.all(xml, "MsgId").get(0)).hasSize(35);
        assertThat(IsoMessageSchema.all(xml, "EndToEndId").get(0)).hasSize(35);
        assertThat(IsoMessageSchema.all(xml, "Nm")).allSatisfy(n -> assertThat(n.length()).isLessThanOrEqualTo(70));
        assertThat(IsoMessageSchema.all(xml, "Ustrd").get(0)).hasSize(140);
        assertThat(IsoMessageSchema.all(xml, "CreDtTm")).containsExactly("2030-12-01T09:15:30");
    }

    @Test
    void aNameWithoutAnyLatinLetterStillHasOne() throws Exception {
        String xml = CreditTransfers.pain001("PO-1", OffsetDateTime.of(2030, 12, 1, 9, 15, 0, 0, ZoneOffset.UTC),
                LocalDate.of(2030, 12, 5), DEBTOR, List.of(new Transfer("PC-2030-000009", "Ελληνικά ΑΕ",
                        "DE89370400440532013000", new BigDecimal("12.30"), "Commission statement PC-2030-000009")));
        schema().validate(xml);
        assertThat(IsoMessageSchema.all(xml, "Nm")).containsExactly("Switchboard GmbH", "Switchboard GmbH", "NOTPROVIDED");
    }
}
