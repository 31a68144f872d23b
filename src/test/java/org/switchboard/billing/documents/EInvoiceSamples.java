package org.switchboard.billing.documents;

import static org.switchboard.billing.documents.EInvoicesTest.BERLIN;
import static org.switchboard.billing.documents.EInvoicesTest.SELLER;
import static org.switchboard.billing.documents.EInvoicesTest.berlin;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.switchboard.accounts.CustomerId;
import org.switchboard.billing.AirtimeSummary;
import org.switchboard.billing.BillingCalendar;
import org.switchboard.billing.CreditNotePolicy;
import org.switchboard.billing.Invoice;
import org.switchboard.billing.InvoiceLine;
import org.switchboard.billing.InvoicePolicy;
import org.switchboard.billing.InvoiceTotals;
import org.switchboard.billing.PartnerChargeProvider.PartnerCharge;
import org.switchboard.billing.PartnerInvoicePolicy;
import org.switchboard.billing.SubscriptionTimeline;
import org.switchboard.billing.SubscriptionTimeline.Entry;
import org.switchboard.billing.SubscriptionTimeline.Kind;
import org.switchboard.billing.VatPolicy;
import org.switchboard.billing.internal.Invoices.Payment;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.instances.InstanceId;

/** One document of every kind the platform makes, as the invoice run and the credit notes build them. */
final class EInvoiceSamples {

    record Sample(String name, Invoice invoice, EInvoices.Context context) {
    }

    private static final YearMonth NOVEMBER = YearMonth.of(2030, 11);

    private EInvoiceSamples() {
    }

    static List<Sample> all() {
        List<Sample> samples = new ArrayList<>();
        Invoice standard = customerInvoice(VatPolicy.Treatment.STANDARD, "DE", null, "2030-000001");
        samples.add(new Sample("invoice 19% by direct debit, pro-rata, credit and airtime lines", standard,
                withDebit(standard)));
        Invoice byTransfer = customerInvoice(VatPolicy.Treatment.STANDARD, "DE", null, "2030-000002");
        samples.add(new Sample("invoice 19% by bank transfer", byTransfer, noDebit()));
        Invoice reverse = customerInvoice(VatPolicy.Treatment.REVERSE_CHARGE, "AT", "ATU12345678", "2030-000003");
        samples.add(new Sample("invoice reverse charge (AT)", reverse, withDebit(reverse)));
        Invoice outside = customerInvoice(VatPolicy.Treatment.NOT_TAXABLE, "CH", "CHE-123.456.789", "2030-000004");
        samples.add(new Sample("invoice not subject to VAT (CH, with a Swiss VAT number)", outside, withDebit(outside)));
        Invoice us = customerInvoice(VatPolicy.Treatment.NOT_TAXABLE, "US", null, "2030-000005");
        samples.add(new Sample("invoice not subject to VAT (US) by bank transfer", us, noDebit()));
        Invoice partner = EInvoicesTest.toPartner();
        samples.add(new Sample("invoice to a CSP partner", partner, noDebit()));
        Invoice webinar = webinarInvoice();
        samples.add(new Sample("webinar invoice to a partner", webinar, noDebit()));
        samples.add(new Sample("the run's credit note (a month with a negative net)", runCreditNote(
                VatPolicy.Treatment.STANDARD, "DE", null), noDebit()));
        Invoice refunded = runCreditNote(VatPolicy.Treatment.STANDARD, "DE", null);
        samples.add(new Sample("the run's credit note, refunded to the account last debited", refunded,
                refundTo(standard)));
        samples.add(new Sample("the run's credit note, not subject to VAT", runCreditNote(
                VatPolicy.Treatment.NOT_TAXABLE, "NO", null), noDebit()));
        samples.add(new Sample("credit note to a customer, refunded by transfer", creditNote(standard, "COLLECTED"),
                refundTo(standard)));
        samples.add(new Sample("credit note to a customer, set off (debit returned)", creditNote(standard, "RETURNED"),
                noDebit()));
        samples.add(new Sample("credit note to a customer, reverse charge", creditNote(reverse, "COLLECTED"),
                refundTo(reverse)));
        samples.add(new Sample("credit note to a customer, not subject to VAT", creditNote(outside, "COLLECTED"),
                refundTo(outside)));
        samples.add(new Sample("credit note to a partner", creditNote(partner, null), noDebit()));
        return samples;
    }

    /**
     * November of a customer: "Head office" sold on the 10th and upgraded on the 17th (pro-rata
     * lines, December in advance, airtime), "Branch" (subscribed since October) deactivated on the
     * 20th, which gives a credit line.
     */
    static Invoice customerInvoice(VatPolicy.Treatment treatment, String country, String vatId, String number) {
        InstanceId head = InstanceId.random();
        InstanceId branch = InstanceId.random();
        SubscriptionTimeline headOffice = new SubscriptionTimeline(head, "Head office", List.of(
                new Entry(berlin(2030, 11, 10, 10, 0), Kind.ACTIVATED, Plan.BASIC, 16, Money.euros("128.16"), false),
                new Entry(berlin(2030, 11, 17, 12, 0), Kind.UPGRADED, Plan.BASIC, 30, Money.euros("227.10"), false)));
        SubscriptionTimeline branchOffice = new SubscriptionTimeline(branch, "Branch", List.of(
                new Entry(berlin(2030, 10, 1, 9, 0), Kind.ACTIVATED, Plan.BASIC, 8, Money.euros("64.08"), false, true),
                new Entry(berlin(2030, 11, 20, 0, 0), Kind.DEACTIVATED, null, 0, Money.zero(Money.EUR), false)));
        List<InvoiceLine> lines = InvoicePolicy.compose(NOVEMBER, new BillingCalendar(BERLIN),
                List.of(headOffice, branchOffice), List.of(new AirtimeSummary(head, "German mobile", 2, 121,
                        new BigDecimal("0.6200"))));
        return new Invoice(UUID.randomUUID(), CustomerId.random(), null, NOVEMBER, Invoice.Kind.INVOICE, number,
                LocalDate.of(2030, 12, 1), berlin(2030, 12, 1, 0, 30),
                new Invoice.BillTo("Huber GmbH", "Marienplatz 1", "80331", "München", country, vatId), lines,
                InvoiceTotals.of(lines, treatment));
    }

    /** A partner with no customers bought as CSP and one webinar seat. */
    static Invoice webinarInvoice() {
        org.switchboard.accounts.PartnerId partner = org.switchboard.accounts.PartnerId.random();
        List<InvoiceLine> lines = PartnerInvoicePolicy.compose(null, List.of(), List.of(new PartnerCharge(
                UUID.randomUUID(), partner, "Premium training webinar \"Selling phone systems\"", Money.euros("399.00"),
                berlin(2030, 11, 12, 10, 0)))).stream().map(PartnerInvoicePolicy.PartnerLine::line).toList();
        return new Invoice(UUID.randomUUID(), null, partner, NOVEMBER, Invoice.Kind.INVOICE, "2030-000006",
                LocalDate.of(2030, 12, 1), berlin(2030, 12, 1, 0, 30),
                new Invoice.BillTo("Anruf & Co. KG", "Hafenstraße 5", "20457", "Hamburg", "DE", "DE987654321"), lines,
                InvoiceTotals.of(lines, VatPolicy.Treatment.STANDARD));
    }

    /** A month whose only change is a deactivation: its net is negative, so the run makes a credit note. */
    static Invoice runCreditNote(VatPolicy.Treatment treatment, String country, String vatId) {
        InstanceId branch = InstanceId.random();
        SubscriptionTimeline timeline = new SubscriptionTimeline(branch, "Branch", List.of(
                new Entry(berlin(2030, 10, 1, 9, 0), Kind.ACTIVATED, Plan.BASIC, 8, Money.euros("64.08"), false, true),
                new Entry(berlin(2030, 11, 20, 0, 0), Kind.DEACTIVATED, null, 0, Money.zero(Money.EUR), false)));
        List<InvoiceLine> lines = InvoicePolicy.compose(NOVEMBER, new BillingCalendar(BERLIN), List.of(timeline),
                List.of());
        return new Invoice(UUID.randomUUID(), CustomerId.random(), null, NOVEMBER, Invoice.Kind.CREDIT_NOTE,
                "CN-2030-000001", LocalDate.of(2030, 12, 1), berlin(2030, 12, 1, 0, 30),
                new Invoice.BillTo("Fjord AS", "Karl Johans gate 1", "0154", "Oslo", country, vatId), lines,
                InvoiceTotals.of(lines, treatment));
    }

    /** An operator's credit note of 20.00 on line 3 of the invoice and the whole of line 2. */
    static Invoice creditNote(Invoice invoice, String paymentStatus) {
        CreditNotePolicy.Composed composed = CreditNotePolicy.compose(invoice, Map.of(), new CreditNotePolicy.Request(
                "Outage of three days", null, List.of(new CreditNotePolicy.LineCredit(3, new BigDecimal("20.00")),
                        new CreditNotePolicy.LineCredit(2, invoice.lines().get(1).amount().amount()))));
        InvoiceTotals totals = InvoiceTotals.of(composed.lines(), invoice.totals().treatment());
        String settlement = CreditNotePolicy.settlement(invoice, paymentStatus, "3000", totals.gross());
        return new Invoice(UUID.randomUUID(), invoice.customerId(), invoice.partnerId(), invoice.month(),
                Invoice.Kind.CREDIT_NOTE, "CN-2030-000002", LocalDate.of(2030, 12, 9), berlin(2030, 12, 9, 11, 0),
                invoice.billTo(), composed.lines(), totals, new Invoice.Correction(invoice.id(), invoice.number(),
                        invoice.issuedOn(), "Outage of three days", settlement));
    }

    static EInvoices.Context withDebit(Invoice invoice) {
        return new EInvoices.Context(SELLER, debit(invoice), List.of(), BERLIN);
    }

    static EInvoices.Context noDebit() {
        return new EInvoices.Context(SELLER, null, List.of(), BERLIN);
    }

    /** A credit note of a debited invoice: the corrected invoice's debit names the account refunded to. */
    static EInvoices.Context refundTo(Invoice corrected) {
        return new EInvoices.Context(SELLER, null, List.of(), BERLIN).refundingTo(debit(corrected));
    }

    static Payment debit(Invoice invoice) {
        return new Payment(invoice.id(), invoice.customerId().value(), "SUBMITTED", "SB-1-1", LocalDate.of(2030, 11, 10),
                "DE89370400440532013000", "Huber GmbH", "FRST", LocalDate.of(2030, 12, 6), "2030-11", null);
    }
}
