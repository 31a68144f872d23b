package org.switchboard.billing;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

import org.switchboard.accounts.VatIds;
import org.switchboard.catalog.Money;

/**
 * VAT by where the customer is: German customers pay 19%; business customers in another EU
 * country with a VAT ID of valid format get a reverse-charge invoice (0%, with the legal note);
 * customers outside the EU pay none. An EU customer without a VAT ID is treated like a German one
 * (see docs/billing.md). VAT is computed once on the invoice's net, rounded half-up to the cent.
 */
public final class VatPolicy {

    static final Set<String> EU = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR",
            "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

    public enum Treatment {
        /** German VAT, category S of EN 16931. */
        STANDARD(new BigDecimal("19"), "S", null),
        /** Category AE of EN 16931. */
        REVERSE_CHARGE(BigDecimal.ZERO, "AE", "Reverse charge: the recipient is liable for VAT (Article 196 of "
                + "Council Directive 2006/112/EC). Steuerschuldnerschaft des Leistungsempfängers."),
        /** Category O of EN 16931: outside the scope of German and EU VAT. */
        NOT_TAXABLE(BigDecimal.ZERO, "O", "Not subject to German VAT: the place of supply is outside the EU "
                + "(Section 3a (2) UStG).");

        private final BigDecimal ratePercent;
        private final String category;
        private final String note;

        Treatment(BigDecimal ratePercent, String category, String note) {
            this.ratePercent = ratePercent;
            this.category = category;
            this.note = note;
        }

        public BigDecimal ratePercent() {
            return ratePercent;
        }

        /** The VAT on a net amount: the rate applied once to the whole of it, rounded to the cent. */
        public Money vatOn(Money net) {
            return net.times(ratePercent.movePointLeft(2));
        }

        /** The VAT category code of EN 16931 (UNCL 5305). */
        public String category() {
            return category;
        }

        /** The sentence the invoice must carry, or null. */
        public String note() {
            return note;
        }
    }

    private VatPolicy() {
    }

    public static Treatment treatment(String country, String vatId) {
        String c = country == null ? "" : country.trim().toUpperCase(Locale.ROOT);
        if (c.equals("DE")) {
            return Treatment.STANDARD;
        }
        if (EU.contains(c)) {
            boolean business = vatId != null && !vatId.isBlank() && VatIds.wellFormed(vatId);
            return business ? Treatment.REVERSE_CHARGE : Treatment.STANDARD;
        }
        return Treatment.NOT_TAXABLE;
    }
}
