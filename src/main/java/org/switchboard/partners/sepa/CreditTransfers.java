package org.switchboard.partners.sepa;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Writes a SEPA credit-transfer initiation (ISO 20022 pain.001.001.03) for a payout batch: one
 * payment information block, one transaction per statement. Texts are reduced to the SEPA Latin
 * character set; amounts are in euros with two decimals.
 */
public final class CreditTransfers {

    public record Debtor(String name, String iban) {
    }

    public record Transfer(String endToEndId, String creditorName, String creditorIban, BigDecimal amount,
            String remittance) {
    }

    private CreditTransfers() {
    }

    public static String pain001(String messageId, OffsetDateTime createdAt, LocalDate executionOn, Debtor debtor,
            List<Transfer> transfers) {
        BigDecimal sum = transfers.stream().map(Transfer::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        StringBuilder x = new StringBuilder(512 + transfers.size() * 512);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\" ")
                .append("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n")
                .append("  <CstmrCdtTrfInitn>\n")
                .append("    <GrpHdr>\n")
                .append("      <MsgId>").append(text(messageId, 35)).append("</MsgId>\n")
                .append("      <CreDtTm>").append(createdAt.truncatedTo(ChronoUnit.SECONDS)
                        .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)).append("</CreDtTm>\n")
                .append("      <NbOfTxs>").append(transfers.size()).append("</NbOfTxs>\n")
                .append("      <CtrlSum>").append(amount(sum)).append("</CtrlSum>\n")
                .append("      <InitgPty><Nm>").append(text(debtor.name(), 70)).append("</Nm></InitgPty>\n")
                .append("    </GrpHdr>\n")
                .append("    <PmtInf>\n")
                .append("      <PmtInfId>").append(text(messageId, 35)).append("</PmtInfId>\n")
                .append("      <PmtMtd>TRF</PmtMtd>\n")
                .append("      <BtchBookg>true</BtchBookg>\n")
                .append("      <NbOfTxs>").append(transfers.size()).append("</NbOfTxs>\n")
                .append("      <CtrlSum>").append(amount(sum)).append("</CtrlSum>\n")
                .append("      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>\n")
                .append("      <ReqdExctnDt>").append(executionOn).append("</ReqdExctnDt>\n")
                .append("      <Dbtr><Nm>").append(text(debtor.name(), 70)).append("</Nm></Dbtr>\n")
                .append("      <DbtrAcct><Id><IBAN>").append(iban(debtor.iban())).append("</IBAN></Id></DbtrAcct>\n")
                .append("      <DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt>\n")
                .append("      <ChrgBr>SLEV</ChrgBr>\n");
        for (Transfer t : transfers) {
            x.append("      <CdtTrfTxInf>\n")
                    .append("        <PmtId><EndToEndId>").append(text(t.endToEndId(), 35)).append("</EndToEndId></PmtId>\n")
                    .append("        <Amt><InstdAmt Ccy=\"EUR\">").append(amount(t.amount())).append("</InstdAmt></Amt>\n")
                    .append("        <Cdtr><Nm>").append(text(t.creditorName(), 70)).append("</Nm></Cdtr>\n")
                    .append("        <CdtrAcct><Id><IBAN>").append(iban(t.creditorIban())).append("</IBAN></Id></CdtrAcct>\n")
                    .append("        <RmtInf><Ustrd>").append(text(t.remittance(), 140)).append("</Ustrd></RmtInf>\n")
                    .append("      </CdtTrfTxInf>\n");
        }
        x.append("    </PmtInf>\n  </CstmrCdtTrfInitn>\n</Document>\n");
        return x.toString();
    }

    static String amount(BigDecimal a) {
        return a.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    /** An IBAN as the schema wants it: no spaces, capitals. */
    static String iban(String iban) {
        return iban.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    }

    /**
     * The SEPA character set: Latin letters and digits, space and / - ? : ( ) . , ' +; umlauts
     * spelled out, other characters dropped, runs of spaces made one. A text with nothing left
     * (a name in another script) becomes NOTPROVIDED, as an empty element would make the file invalid.
     */
    static String text(String s, int max) {
        String t = s == null ? "" : s.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("Ä", "Ae")
                .replace("Ö", "Oe").replace("Ü", "Ue").replace("ß", "ss").replace("&", "+");
        t = Normalizer.normalize(t, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        t = t.replaceAll("[^A-Za-z0-9/\\-?:().,'+ ]", " ").replaceAll(" {2,}", " ").trim();
        if (t.isEmpty()) {
            return "NOTPROVIDED";
        }
        return (t.length() > max ? t.substring(0, max) : t).trim();
    }
}
