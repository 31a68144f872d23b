package org.switchboard.billing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.platform.Validation;

/** The operator's settings for direct debits: the creditor (name, SEPA creditor id, account) and the days until due. */
@Service
public class BillingSettings {

    /** The operator as the seller on invoices and the creditor of direct debits. */
    public record Settings(String creditorName, String creditorId, String creditorIban, String creditorBic,
            Integer daysUntilDue, String street, String postcode, String city, String country, String vatId,
            String email, String phone) {
    }

    private final JdbcClient jdbc;

    BillingSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Settings current() {
        return jdbc.sql("""
                select creditor_name, creditor_id, creditor_iban, creditor_bic, days_until_due, seller_street,
                  seller_postcode, seller_city, seller_country, seller_vat_id, seller_email, seller_phone
                from billing_settings""")
                .query((rs, n) -> new Settings(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getString(12))).single();
    }

    @Transactional
    public Settings update(CurrentUser user, Settings s) {
        TariffManagement.requireOperator(user);
        Validation v = new Validation().text("creditorName", "Creditor name", s.creditorName(), 70);
        v.check(s.creditorId() != null && s.creditorId().replace(" ", "").matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}"),
                "creditorId", "Creditor id must look like DE98ZZZ09999999999");
        v.check(s.creditorIban() != null && s.creditorIban().replace(" ", "").matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}"),
                "creditorIban", "Creditor IBAN must start with a country code and two check digits");
        v.check(s.creditorBic() != null && s.creditorBic().matches("[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?"),
                "creditorBic", "Creditor BIC must have 8 or 11 letters and digits");
        v.check(s.daysUntilDue() != null && s.daysUntilDue() >= 2 && s.daysUntilDue() <= 30, "daysUntilDue",
                "Days until due must be between 2 and 30");
        v.text("street", "Street", s.street(), 200).text("postcode", "Postcode", s.postcode(), 20)
                .text("city", "City", s.city(), 100).country("country", s.country())
                .text("vatId", "VAT ID", s.vatId(), 20).email("email", s.email()).text("phone", "Phone", s.phone(), 40);
        v.throwIfInvalid();
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
        return current();
    }
}
