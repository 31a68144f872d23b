package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.billing.BillingFixtures.eur;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.switchboard.billing.VatPolicy.Treatment;

class VatPolicyTest {

    @Test
    void germanCustomersPay19Percent() {
        assertThat(VatPolicy.treatment("DE", "DE123456789")).isEqualTo(Treatment.STANDARD);
        assertThat(VatPolicy.treatment("DE", null)).isEqualTo(Treatment.STANDARD);
    }

    @Test
    void euBusinessesWithAWellFormedVatIdGetReverseCharge() {
        assertThat(VatPolicy.treatment("AT", "ATU12345678")).isEqualTo(Treatment.REVERSE_CHARGE);
        assertThat(Treatment.REVERSE_CHARGE.note()).contains("Article 196").contains("Steuerschuldnerschaft");
        assertThat(VatPolicy.treatment("AT", "not a VAT ID")).isEqualTo(Treatment.STANDARD);
        assertThat(VatPolicy.treatment("FR", null)).isEqualTo(Treatment.STANDARD);
    }

    @Test
    void customersOutsideTheEuPayNone() {
        assertThat(VatPolicy.treatment("CH", "CHE123456789")).isEqualTo(Treatment.NOT_TAXABLE);
        assertThat(VatPolicy.treatment("US", null)).isEqualTo(Treatment.NOT_TAXABLE);
    }

    @Test
    void vatIsComputedOnceOnTheInvoicesNet() {
        // Three lines of 0.35: VAT per line would be 3 x 0.07 = 0.21; on the net 1.05 x 19% = 0.1995 -> 0.20.
        var line = new InvoiceLine(null, InvoiceLine.Kind.AIRTIME, "x", null, null, "", eur("0.35"));
        InvoiceTotals totals = InvoiceTotals.of(List.of(line, line, line), Treatment.STANDARD);
        assertThat(totals.vat()).isEqualTo(eur("0.20"));
        assertThat(totals.gross()).isEqualTo(eur("1.25"));
        assertThat(InvoiceTotals.of(List.of(line), Treatment.REVERSE_CHARGE).vat()).isEqualTo(eur("0.00"));
    }

    static InvoiceTotals totals(String net) {
        return InvoiceTotals.of(List.of(new InvoiceLine(null, InvoiceLine.Kind.SUBSCRIPTION_FEE, "x", null, null, "",
                eur(net))), Treatment.STANDARD);
    }

    @Test
    void aCreditNotesVatIsOnItsOwnNetAndLeavesTheRemainingVatAtMostOneCentOff() {
        // 19.01 - 9.51 = 9.50 = 19% of the remaining 50.00
        assertThat(totals("100.05").vat().minus(totals("50.05").vat())).isEqualTo(totals("50.00").vat());
        // 1.91 - 0.95 = 0.96, one cent above 19% of the remaining 5.02 = 0.9538 -> 0.95
        assertThat(totals("10.03").vat()).isEqualTo(eur("1.91"));
        assertThat(totals("5.01").vat()).isEqualTo(eur("0.95"));
        assertThat(totals("5.02").vat()).isEqualTo(eur("0.95"));
        // the credit note's own VAT agrees with its own net (EN 16931 BR-CO-14), as each document's does
        assertThat(totals("-5.01").vat()).isEqualTo(eur("-0.95"));
    }

    @net.jqwik.api.Property(tries = 2000)
    void invoiceVatMinusCreditNoteVatIsTheRemainingVatToTheCent(
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.LongRange(min = 1, max = 100_000) long invoiceCents,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.LongRange(min = 1, max = 100_000) long creditCents) {
        net.jqwik.api.Assume.that(creditCents <= invoiceCents);
        java.math.BigDecimal invoice = java.math.BigDecimal.valueOf(invoiceCents, 2);
        java.math.BigDecimal credit = java.math.BigDecimal.valueOf(creditCents, 2);
        java.math.BigDecimal left = totals(invoice.toPlainString()).vat()
                .plus(totals(credit.negate().toPlainString()).vat()).amount();
        java.math.BigDecimal remaining = totals(invoice.subtract(credit).toPlainString()).vat().amount();
        assertThat(left.subtract(remaining).abs()).isLessThanOrEqualTo(new java.math.BigDecimal("0.01"));
    }
}
