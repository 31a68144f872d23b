package org.switchboard.accounts;

import java.util.Locale;

import org.switchboard.platform.Validation;

/** The checks and normal forms of a company's fields, shared by registration and the billing details. */
final class AccountFields {

    private AccountFields() {
    }

    static Validation partnerFields(String companyName, String street, String postcode, String city,
            String country, String vatId, String website, String contactName, String contactPhone, String adminName,
            String email) {
        return new Validation()
                .text("companyName", "Company name", companyName, 200)
                .text("street", "Street", street, 200)
                .postcode("postcode", postcode, country)
                .text("city", "City", city, 100)
                .country("country", country)
                .optionalText("vatId", "VAT ID", vatId, 20)
                .check(VatIds.wellFormed(vatId), "vatId", VatIds.PROBLEM)
                .check(VatIds.ofCountry(vatId, country), "vatId", VatIds.countryProblem(country))
                .optionalText("website", "Website", website, 300)
                .check(website == null || website.isBlank() || website.trim().matches("(?i)https?://[^\\s<>\"]+"),
                        "website", "Website must be an address starting with http:// or https://")
                .optionalText("contactName", "Contact", contactName, 200)
                .optionalText("contactPhone", "Phone", contactPhone, 40)
                .text("adminName", "Your name", adminName, 200)
                .email("email", email);
    }

    static Address address(String street, String postcode, String city, String country) {
        return new Address(street.trim(), postcode.trim(), city.trim(), country(country));
    }

    static String country(String country) {
        return country.trim().toUpperCase(Locale.ROOT);
    }

    static String vatId(String vatId) {
        String v = Validation.trimToNull(vatId);
        return v == null ? null : v.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
