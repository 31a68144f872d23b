package org.switchboard.billing;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.billing.internal.SellerSettings;
import org.switchboard.platform.Validation;

/** The operator's settings for direct debits: the creditor (name, SEPA creditor id, account) and the days until due. */
@Service
public class BillingSettings {

    /** The operator as the seller on invoices and the creditor of direct debits. */
    public record Settings(String creditorName, String creditorId, String creditorIban, String creditorBic,
            Integer daysUntilDue, String street, String postcode, String city, String country, String vatId,
            String email, String phone) {
    }

    private final SellerSettings rows;

    BillingSettings(SellerSettings rows) {
        this.rows = rows;
    }

    @Transactional(readOnly = true)
    public Settings current() {
        return rows.current();
    }

    @Transactional
    public Settings update(CurrentUser user, Settings s) {
        user.requireOperator("manage billing");
        Validation v = new Validation().text("creditorName", "Creditor name", s.creditorName(), 70);
        v.check(s.creditorId() != null && s.creditorId().replace(" ", "").matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}"),
                "creditorId", "Creditor id must look like DE98ZZZ09999999999");
        v.check(s.creditorIban() != null && s.creditorIban().replace(" ", "").matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}"),
                "creditorIban", "Creditor IBAN must start with a country code and two check digits");
        v.check(s.creditorBic() != null && s.creditorBic().matches("[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?"),
                "creditorBic", "Creditor BIC must have 8 or 11 letters and digits");
        v.check(s.daysUntilDue() != null && s.daysUntilDue() >= 2 && s.daysUntilDue() <= 30, "daysUntilDue",
                "Days until due must be between 2 and 30");
        v.text("street", "Street", s.street(), 200).postcode("postcode", s.postcode(), s.country())
                .text("city", "City", s.city(), 100).country("country", s.country())
                .text("vatId", "VAT ID", s.vatId(), 20).email("email", s.email()).phone("phone", "Phone", s.phone());
        v.throwIfInvalid();
        rows.update(s);
        return current();
    }
}
