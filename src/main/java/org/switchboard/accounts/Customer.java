package org.switchboard.accounts;

import java.time.Instant;

/**
 * An end customer: the licensee and contractual partner. Validated once its admin has verified
 * the e-mail address and a complete billing address is given; only then may it be invoiced.
 * {@code ownUse} marks the record that holds a partner's own (NFR) phone system.
 */
public record Customer(CustomerId id, String name, Address billingAddress, String vatId, PartnerId partnerId,
        String partnerName, Instant createdAt, boolean adminVerified, String adminEmail, boolean ownUse) {

    public boolean isValidated() {
        return adminVerified && billingAddress.isComplete();
    }

    /** What is missing before the customer is validated, in words; empty when it is. */
    public java.util.List<String> missingForValidation() {
        java.util.List<String> missing = new java.util.ArrayList<>();
        if (!adminVerified) {
            missing.add("the customer admin has not verified the e-mail address yet");
        }
        if (!billingAddress.isComplete()) {
            missing.add("the billing address (street, postcode, city, country) is incomplete");
        }
        return missing;
    }
}
