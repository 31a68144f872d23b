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
}
