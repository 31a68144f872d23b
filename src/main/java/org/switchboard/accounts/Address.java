package org.switchboard.accounts;

/** A postal address; a customer's billing address is complete when street, postcode, city and country are given. */
public record Address(String street, String postcode, String city, String country) {

    public boolean isComplete() {
        return notBlank(street) && notBlank(postcode) && notBlank(city) && notBlank(country);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
