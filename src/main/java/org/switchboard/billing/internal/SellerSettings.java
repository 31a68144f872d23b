package org.switchboard.billing.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.billing.BillingSettings.Settings;

/** The one row of the operator's billing settings: seller and creditor data, days until a debit is due. */
@Repository
public class SellerSettings {

    private final JdbcClient jdbc;

    SellerSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Settings current() {
        return jdbc.sql("""
                select creditor_name, creditor_id, creditor_iban, creditor_bic, days_until_due, seller_street,
                  seller_postcode, seller_city, seller_country, seller_vat_id, seller_email, seller_phone
                from billing_settings""")
                .query((rs, n) -> new Settings(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getString(12))).single();
    }

    /** Stores settings already validated, normalised as the documents print them. */
    public void update(Settings s) {
        jdbc.sql("""
                update billing_settings set creditor_name = :n, creditor_id = :id, creditor_iban = :iban,
                  creditor_bic = :bic, days_until_due = :d, seller_street = :street, seller_postcode = :postcode,
                  seller_city = :city, seller_country = :country, seller_vat_id = :vat, seller_email = :email,
                  seller_phone = :phone""")
                .param("n", s.creditorName().trim()).param("id", s.creditorId().replace(" ", ""))
                .param("iban", s.creditorIban().replace(" ", "")).param("bic", s.creditorBic())
                .param("d", s.daysUntilDue()).param("street", s.street().trim()).param("postcode", s.postcode().trim())
                .param("city", s.city().trim()).param("country", s.country().trim().toUpperCase())
                .param("vat", s.vatId().replace(" ", "")).param("email", s.email().trim()).param("phone", s.phone().trim())
                .update();
    }
}
