package org.switchboard.billing.sepa;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.switchboard.billing.BillingSettings.Settings;

import com.prowidesoftware.swift.model.mx.MxPain00800108;
import com.prowidesoftware.swift.model.mx.MxWriteParams;
import com.prowidesoftware.swift.model.mx.dic.AccountIdentification4Choice;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.BranchAndFinancialInstitutionIdentification6;
import com.prowidesoftware.swift.model.mx.dic.CashAccount38;
import com.prowidesoftware.swift.model.mx.dic.ChargeBearerType1Code;
import com.prowidesoftware.swift.model.mx.dic.CustomerDirectDebitInitiationV08;
import com.prowidesoftware.swift.model.mx.dic.DirectDebitTransaction10;
import com.prowidesoftware.swift.model.mx.dic.DirectDebitTransactionInformation23;
import com.prowidesoftware.swift.model.mx.dic.FinancialInstitutionIdentification18;
import com.prowidesoftware.swift.model.mx.dic.GenericFinancialIdentification1;
import com.prowidesoftware.swift.model.mx.dic.GenericPersonIdentification1;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader83;
import com.prowidesoftware.swift.model.mx.dic.LocalInstrument2Choice;
import com.prowidesoftware.swift.model.mx.dic.MandateRelatedInformation14;
import com.prowidesoftware.swift.model.mx.dic.Party38Choice;
import com.prowidesoftware.swift.model.mx.dic.PartyIdentification135;
import com.prowidesoftware.swift.model.mx.dic.PaymentIdentification6;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction29;
import com.prowidesoftware.swift.model.mx.dic.PaymentMethod2Code;
import com.prowidesoftware.swift.model.mx.dic.PaymentTypeInformation29;
import com.prowidesoftware.swift.model.mx.dic.PersonIdentification13;
import com.prowidesoftware.swift.model.mx.dic.PersonIdentificationSchemeName1Choice;
import com.prowidesoftware.swift.model.mx.dic.RemittanceInformation16;
import com.prowidesoftware.swift.model.mx.dic.SequenceType3Code;
import com.prowidesoftware.swift.model.mx.dic.ServiceLevel8Choice;

/**
 * The SEPA core direct-debit file of an invoice run (ISO 20022 pain.008.001.08): one payment
 * information block per sequence type (FRST, RCUR) and due date, one transaction per invoice.
 * Only this package knows the library that writes it.
 */
public final class DirectDebitFile {

    /** One debit: the invoice it collects, the amount, and the mandate it is drawn under. */
    public record Debit(String invoiceNumber, BigDecimal amount, String debtorName, String iban, String mandateReference,
            LocalDate mandateSignedOn, String sequenceType, LocalDate dueOn) {
    }

    private DirectDebitFile() {
    }

    public static String pain008(String messageId, OffsetDateTime createdAt, Settings creditor, List<Debit> debits) {
        if (debits.isEmpty()) {
            throw new IllegalArgumentException("a direct-debit file needs at least one debit");
        }
        CustomerDirectDebitInitiationV08 initiation = new CustomerDirectDebitInitiationV08()
                .setGrpHdr(new GroupHeader83().setMsgId(max35(messageId)).setCreDtTm(createdAt.withNano(0))
                        .setNbOfTxs(Integer.toString(debits.size())).setCtrlSum(sum(debits))
                        .setInitgPty(new PartyIdentification135().setNm(max70(creditor.creditorName()))));
        Map<String, List<Debit>> blocks = new TreeMap<>();
        for (Debit d : debits) {
            blocks.computeIfAbsent(d.sequenceType() + " " + d.dueOn(), k -> new java.util.ArrayList<>()).add(d);
        }
        int block = 1;
        for (List<Debit> group : blocks.values()) {
            Debit first = group.get(0);
            PaymentInstruction29 info = new PaymentInstruction29()
                    .setPmtInfId(max35(messageId + "-" + block++))
                    .setPmtMtd(PaymentMethod2Code.DD)
                    .setBtchBookg(true)
                    .setNbOfTxs(Integer.toString(group.size()))
                    .setCtrlSum(sum(group))
                    .setPmtTpInf(new PaymentTypeInformation29()
                            .addSvcLvl(new ServiceLevel8Choice().setCd("SEPA"))
                            .setLclInstrm(new LocalInstrument2Choice().setCd("CORE"))
                            .setSeqTp(SequenceType3Code.valueOf(first.sequenceType())))
                    .setReqdColltnDt(first.dueOn())
                    .setCdtr(new PartyIdentification135().setNm(max70(creditor.creditorName())))
                    .setCdtrAcct(new CashAccount38().setId(new AccountIdentification4Choice().setIBAN(creditor.creditorIban())))
                    .setCdtrAgt(new BranchAndFinancialInstitutionIdentification6()
                            .setFinInstnId(new FinancialInstitutionIdentification18().setBICFI(creditor.creditorBic())))
                    .setChrgBr(ChargeBearerType1Code.SLEV)
                    .setCdtrSchmeId(new PartyIdentification135().setId(new Party38Choice().setPrvtId(
                            new PersonIdentification13().addOthr(new GenericPersonIdentification1()
                                    .setId(creditor.creditorId())
                                    .setSchmeNm(new PersonIdentificationSchemeName1Choice().setPrtry("SEPA"))))));
            for (Debit d : group) {
                info.addDrctDbtTxInf(new DirectDebitTransactionInformation23()
                        .setPmtId(new PaymentIdentification6().setEndToEndId(max35(d.invoiceNumber())))
                        .setInstdAmt(new ActiveOrHistoricCurrencyAndAmount().setCcy("EUR").setValue(d.amount().setScale(2)))
                        .setDrctDbtTx(new DirectDebitTransaction10().setMndtRltdInf(new MandateRelatedInformation14()
                                .setMndtId(max35(d.mandateReference())).setDtOfSgntr(d.mandateSignedOn())))
                        // The debtor's BIC is optional within SEPA since 2016.
                        .setDbtrAgt(new BranchAndFinancialInstitutionIdentification6().setFinInstnId(
                                new FinancialInstitutionIdentification18().setOthr(
                                        new GenericFinancialIdentification1().setId("NOTPROVIDED"))))
                        .setDbtr(new PartyIdentification135().setNm(max70(d.debtorName())))
                        .setDbtrAcct(new CashAccount38().setId(new AccountIdentification4Choice().setIBAN(d.iban())))
                        .setRmtInf(new RemittanceInformation16().addUstrd(max140("Invoice " + d.invoiceNumber()))));
            }
            initiation.addPmtInf(info);
        }
        // Without a namespace prefix, as German banks' portals expect the document.
        MxWriteParams params = new MxWriteParams();
        params.prefix = null;
        params.includeXMLDeclaration = true;
        return new MxPain00800108().setCstmrDrctDbtInitn(initiation).document(params);
    }

    private static BigDecimal sum(List<Debit> debits) {
        return debits.stream().map(Debit::amount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
    }

    private static String max35(String s) {
        return cut(s, 35);
    }

    private static String max70(String s) {
        return cut(s, 70);
    }

    private static String max140(String s) {
        return cut(s, 140);
    }

    /** SEPA allows a restricted Latin character set; others become spaces or are transliterated. */
    private static String cut(String s, int max) {
        String t = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace("ß", "ss").replaceAll("[^A-Za-z0-9/\\-?:().,'+ ]", " ").trim();
        return t.length() > max ? t.substring(0, max) : t;
    }
}
