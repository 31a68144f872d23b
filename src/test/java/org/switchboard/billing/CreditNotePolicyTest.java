package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.switchboard.billing.BillingFixtures.CALENDAR;
import static org.switchboard.billing.BillingFixtures.activated;
import static org.switchboard.billing.BillingFixtures.berlin;
import static org.switchboard.billing.BillingFixtures.eur;
import static org.switchboard.billing.BillingFixtures.renewed;
import static org.switchboard.billing.BillingFixtures.timeline;
import static org.switchboard.billing.BillingFixtures.upgraded;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.switchboard.accounts.CustomerId;
import org.switchboard.billing.CreditNotePolicy.LineCredit;
import org.switchboard.billing.CreditNotePolicy.Request;
import org.switchboard.instances.InstanceId;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RefusedException;

/**
 * Credit notes against the November invoice of the billing story: 87.93 first month, 44.52
 * upgrade, 227.10 December in advance (net 359.55). Never more than is left per line and in all.
 */
class CreditNotePolicyTest {

    static final InstanceId ID = InstanceId.random();

    static Invoice november() {
        List<InvoiceLine> lines = InvoicePolicy.compose(YearMonth.of(2026, 11), CALENDAR,
                List.of(timeline(ID, "Head office", activated(berlin(2026, 11, 10, 10, 0), 16, "128.16"),
                        upgraded(berlin(2026, 11, 17, 12, 0), 30, "227.10"))), List.of());
        return invoice(lines);
    }

    static Invoice invoice(List<InvoiceLine> lines) {
        return new Invoice(UUID.randomUUID(), CustomerId.random(), null, YearMonth.of(2026, 11), Invoice.Kind.INVOICE,
                "2026-000042", LocalDate.of(2026, 12, 1), berlin(2026, 12, 1, 0, 30),
                new Invoice.BillTo("Huber GmbH", "Marienplatz 1", "80331", "München", "DE", null), lines,
                InvoiceTotals.of(lines, VatPolicy.Treatment.STANDARD));
    }

    @Test
    void partOfALineIsCreditedAsANegativeLineNamingIt() {
        CreditNotePolicy.Composed note = CreditNotePolicy.compose(november(), Map.of(),
                new Request("Outage of three days", null, List.of(new LineCredit(3, new BigDecimal("20.00")))));

        assertThat(note.positions()).containsExactly(3);
        InvoiceLine line = note.lines().get(0);
        assertThat(line.amount()).isEqualTo(eur("-20.00"));
        assertThat(line.kind()).isEqualTo(InvoiceLine.Kind.SUBSCRIPTION_FEE);
        assertThat(line.quantity()).isEqualTo("20.00 EUR of 227.10 EUR");
        assertThat(line.description()).startsWith("Credit for line 3 of invoice 2026-000042: Head office: Basic, 30 concurrent users, December 2026 in advance");
        // -20.00 net, 19% VAT -3.80, gross -23.80
        InvoiceTotals totals = InvoiceTotals.of(note.lines(), VatPolicy.Treatment.STANDARD);
        assertThat(totals.vat()).isEqualTo(eur("-3.80"));
        assertThat(totals.gross()).isEqualTo(eur("-23.80"));
    }

    @Test
    void neverMoreThanIsLeftOfALine() {
        // 20.00 of line 3 was credited before: 207.10 are left.
        Map<Integer, BigDecimal> before = Map.of(3, new BigDecimal("-20.00"));
        assertThatThrownBy(() -> CreditNotePolicy.compose(november(), before,
                new Request("Too much", false, List.of(new LineCredit(3, new BigDecimal("207.11"))))))
                .isInstanceOf(RefusedException.class)
                .hasMessage("Line 3 of invoice 2026-000042 can be credited by at most 207.10 EUR (227.10 invoiced, "
                        + "20.00 credited before), not 207.11.")
                .extracting(e -> ((RefusedException) e).field()).isEqualTo("lines[0].amount");
        assertThat(CreditNotePolicy.compose(november(), before,
                new Request("All of it", false, List.of(new LineCredit(3, new BigDecimal("207.10"))))).lines())
                .extracting(InvoiceLine::amount).containsExactly(eur("-207.10"));
    }

    @Test
    void theWholeInvoiceIsWhatIsLeftOfEveryLine() {
        Map<Integer, BigDecimal> before = Map.of(3, new BigDecimal("-20.00"));
        CreditNotePolicy.Composed whole = CreditNotePolicy.compose(november(), before, new Request("Cancelled", true, null));

        assertThat(whole.positions()).containsExactly(1, 2, 3);
        assertThat(whole.lines()).extracting(InvoiceLine::amount)
                .containsExactly(eur("-87.93"), eur("-44.52"), eur("-207.10"));
        assertThat(whole.lines().get(0).quantity()).isEqualTo("29,640/43,200 min");
        // -339.55 net; 19% = -64.5145 -> -64.51; gross -404.06
        InvoiceTotals totals = InvoiceTotals.of(whole.lines(), VatPolicy.Treatment.STANDARD);
        assertThat(totals.net()).isEqualTo(eur("-339.55"));
        assertThat(totals.vat()).isEqualTo(eur("-64.51"));
        assertThat(totals.gross()).isEqualTo(eur("-404.06"));

        Map<Integer, BigDecimal> all = Map.of(1, new BigDecimal("-87.93"), 2, new BigDecimal("-44.52"),
                3, new BigDecimal("-227.10"));
        assertThatThrownBy(() -> CreditNotePolicy.compose(november(), all, new Request("Again", true, null)))
                .isInstanceOf(RefusedException.class)
                .hasMessage("Invoice 2026-000042 has been credited in full already: nothing is left to credit.");
    }

    @Test
    void aCreditLineIsTakenBackOnlyWithTheWholeInvoiceAndTheNetCapsTheRest() {
        // November 2027: the downgrade at term end (-67.88) and December in advance (128.16): net 60.28.
        List<InvoiceLine> lines = InvoicePolicy.compose(YearMonth.of(2027, 11), CALENDAR,
                List.of(timeline(ID, "Head office", activated(berlin(2026, 11, 10, 10, 0), 16, "128.16").asBilled(),
                        upgraded(berlin(2026, 11, 17, 12, 0), 30, "227.10").asBilled(),
                        renewed(berlin(2027, 11, 10, 10, 0), 16, "128.16"))), List.of());
        Invoice invoice = invoice(lines);
        assertThat(invoice.totals().net()).isEqualTo(eur("60.28"));

        assertThatThrownBy(() -> CreditNotePolicy.compose(invoice, Map.of(),
                new Request("Wrong", false, List.of(new LineCredit(1, new BigDecimal("1.00"))))))
                .isInstanceOf(RefusedException.class).hasMessageContaining("is itself a credit (-67.88 EUR)");
        assertThatThrownBy(() -> CreditNotePolicy.compose(invoice, Map.of(),
                new Request("Too much", false, List.of(new LineCredit(2, new BigDecimal("100.00"))))))
                .isInstanceOf(RefusedException.class)
                .hasMessage("Invoice 2026-000042 can be credited by at most 60.28 EUR net in all (its net less earlier "
                        + "credit notes), not 100.00.");
        assertThatThrownBy(() -> CreditNotePolicy.compose(invoice, Map.of(),
                new Request("No such line", false, List.of(new LineCredit(3, new BigDecimal("1.00"))))))
                .isInstanceOf(RefusedException.class)
                .hasMessage("Invoice 2026-000042 has no line 3: its lines are numbered 1 to 2.");
        // The whole invoice: the credit taken back (+67.88), the fee credited (-128.16): -60.28 net.
        CreditNotePolicy.Composed whole = CreditNotePolicy.compose(invoice, Map.of(), new Request("Cancel", true, null));
        assertThat(whole.lines()).extracting(InvoiceLine::amount).containsExactly(eur("67.88"), eur("-128.16"));
        assertThat(InvoiceTotals.of(whole.lines(), VatPolicy.Treatment.STANDARD).net()).isEqualTo(eur("-60.28"));
    }

    @Test
    void aCreditNoteIsNotCreditedAgain() {
        Invoice invoice = november();
        Invoice note = new Invoice(UUID.randomUUID(), invoice.customerId(), null, invoice.month(),
                Invoice.Kind.CREDIT_NOTE, "CN-2026-000007", LocalDate.of(2026, 12, 5), berlin(2026, 12, 5, 9, 0),
                invoice.billTo(), List.of(), invoice.totals());
        assertThatThrownBy(() -> CreditNotePolicy.compose(note, Map.of(), new Request("x", true, null)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("CN-2026-000007 is a credit note");
    }

    @Test
    void malformedRequestsNameEveryFieldAtFault() {
        assertThatThrownBy(() -> CreditNotePolicy.check(new Request(" ", null, List.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(InvalidInputException.Violation::field).containsExactly("reason", "lines"));
        assertThatThrownBy(() -> CreditNotePolicy.check(new Request("x", true,
                List.of(new LineCredit(1, new BigDecimal("1.00"))))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> CreditNotePolicy.check(new Request("x", false, List.of(
                new LineCredit(0, new BigDecimal("1.00")), new LineCredit(2, new BigDecimal("1.234")),
                new LineCredit(2, BigDecimal.ZERO), new LineCredit(3, null)))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(InvalidInputException.Violation::field)
                        .containsExactly("lines[0].line", "lines[1].amount", "lines[2].line", "lines[2].amount",
                                "lines[3].amount"));
        assertThatThrownBy(() -> CreditNotePolicy.check(new Request("x".repeat(501), true, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 500");
    }

    @Test
    void theCreditNoteSaysWhatHappensToMoneyPaidAlready() {
        Invoice invoice = november();
        assertThat(CreditNotePolicy.settlement(invoice, "COLLECTED", "3000", eur("-23.80")))
                .isEqualTo("Invoice 2026-000042 is collected by SEPA direct debit as issued. We refund the credited "
                        + "23.80 EUR by bank transfer to the account ending 3000 within 14 days.");
        assertThat(CreditNotePolicy.settlement(invoice, "RETURNED", "3000", eur("-23.80")))
                .contains("was returned").contains("lowers the amount still open");
        assertThat(CreditNotePolicy.settlement(invoice, null, "", eur("-23.80"))).contains("set off against invoice 2026-000042");
    }

    @Test
    void aRefundPromisedBeforeTheDebitWasReturnedBecomesACreditAgainstWhatIsOpen() {
        String issued = CreditNotePolicy.settlement(november(), "SUBMITTED", "3000", eur("-23.80"));
        assertThat(CreditNotePolicy.settlementNow(issued, "2026-000042", "SUBMITTED", eur("-23.80"))).isEqualTo(issued);
        assertThat(CreditNotePolicy.settlementNow(issued, "2026-000042", "COLLECTED", eur("-23.80"))).isEqualTo(issued);
        assertThat(CreditNotePolicy.settlementNow(issued, "2026-000042", "RETURNED", eur("-23.80")))
                .isEqualTo("The direct debit of invoice 2026-000042 was returned: the credited 23.80 EUR lowers the "
                        + "amount still open on it.")
                .doesNotContain("refund");
        String noDebit = CreditNotePolicy.settlement(november(), null, "", eur("-23.80"));
        assertThat(CreditNotePolicy.settlementNow(noDebit, "2026-000042", null, eur("-23.80"))).isEqualTo(noDebit);
    }
}
