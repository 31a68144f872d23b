package org.switchboard.accounts;

/** What people ask the accounts module to do, as plain records the pages and the API fill in. */
public final class Commands {

    private Commands() {
    }

    /** A reseller registering itself on the public page. */
    public record RegisterPartner(String companyName, String street, String postcode, String city, String country,
            String vatId, String website, String contactName, String contactPhone, String adminName, String email,
            String password) {
    }

    /** An operator creating a partner; its first admin is invited by e-mail to set a password. */
    public record CreatePartner(String companyName, String street, String postcode, String city, String country,
            String vatId, String website, String contactName, String contactPhone, String adminName, String email) {
    }

    /** A customer signing up without a partner. */
    public record SignUpCustomer(String companyName, String country, String adminName, String email, String password) {
    }

    /** A partner user inviting a customer ("Customers / Add customer"). */
    public record InviteCustomer(String companyName, String email) {
    }

    /** The invited customer following the link: sets its admin's name, password and country. */
    public record AcceptInvitation(String adminName, String password, String country) {
    }

    /** A customer admin giving the company's billing details. */
    public record UpdateBillingDetails(String companyName, String street, String postcode, String city, String country,
            String vatId) {
    }

    public record ResetPassword(String token, String password) {
    }
}
