package org.switchboard.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;
import org.switchboard.testing.Mailbox;

class AccountsApiIntegrationTest extends IntegrationTestBase {

    @Autowired
    AccountFixtures fixtures;

    Api anonymous() {
        return new Api(port);
    }

    Api as(String email) {
        return new Api(port).as(email, PASSWORD);
    }

    static Map<String, Object> registration(String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("companyName", "Netzwerk Müller GmbH");
        body.put("street", "Lindenweg 3");
        body.put("postcode", "94469");
        body.put("city", "Deggendorf");
        body.put("country", "DE");
        body.put("vatId", "DE123456789");
        body.put("website", "https://mueller.example.com");
        body.put("adminName", "Mara Müller");
        body.put("email", email);
        body.put("password", PASSWORD);
        return body;
    }

    static void assertProblem(Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("detail")).isNotBlank();
        if (field != null) {
            assertThat(response.text("field")).as(response.toString()).isEqualTo(field);
        }
    }

    @Test
    void partnerRegistersVerifiesByMailAndIsRegistered() {
        String email = AccountFixtures.uniqueEmail("reseller");
        Response created = anonymous().post("/api/v1/partner-registrations", registration(email));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("PENDING_VERIFICATION");

        Response beforeVerification = as(email).get("/api/v1/me");
        assertProblem(beforeVerification, 401, null);
        assertThat(beforeVerification.text("detail")).contains("Confirm your e-mail");

        String link = Mailbox.awaitLink(MAIL, email, "/verify-email?token=");
        String token = link.substring(link.indexOf("token=") + 6);
        Response verified = anonymous().post("/api/v1/email-verifications", Map.of("token", token));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);

        Response me = as(email).get("/api/v1/me");
        assertThat(me.text("role")).isEqualTo("PARTNER_ADMIN");
        Response partner = as(email).get("/api/v1/partners/" + me.text("partnerId"));
        assertThat(partner.text("level")).isEqualTo("REGISTERED");
        assertThat(partner.text("status")).isEqualTo("ACTIVE");
        assertThat(partner.text("registeredOn")).isEqualTo(java.time.LocalDate.now(clock).toString());

        Response again = anonymous().post("/api/v1/email-verifications", Map.of("token", token));
        assertProblem(again, 400, "token");
        assertThat(again.text("detail")).contains("already been used");
    }

    @Test
    void invitationLinksTheCustomerToThePartnerThatInvitedIt() {
        PartnerAccount partner = fixtures.verifiedPartner("Invite Partner");
        String email = AccountFixtures.uniqueEmail("invitee");
        Response invited = as(partner.email()).post("/api/v1/invitations",
                Map.of("companyName", "Bäckerei Huber", "email", email));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        assertThat(invited.text("state")).isEqualTo("OPEN");
        assertThat(invited.body()).doesNotContain("token");

        String link = Mailbox.awaitLink(MAIL, email, "/invitations/");
        String token = link.substring(link.lastIndexOf('/') + 1);
        Response open = anonymous().get("/api/v1/invitation-links/" + token);
        assertThat(open.text("companyName")).isEqualTo("Bäckerei Huber");
        assertThat(open.text("partnerName")).isEqualTo("Invite Partner");

        Response weak = anonymous().post("/api/v1/invitation-links/" + token + "/acceptance",
                Map.of("adminName", "Hans Huber", "password", "short", "country", "DE"));
        assertProblem(weak, 400, "password");

        Response accepted = anonymous().post("/api/v1/invitation-links/" + token + "/acceptance",
                Map.of("adminName", "Hans Huber", "password", PASSWORD, "country", "DE"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        String customerId = accepted.text("id");

        Response customer = as(email).get("/api/v1/customers/" + customerId);
        assertThat(customer.text("partnerName")).isEqualTo("Invite Partner");
        assertThat(customer.json().path("validated").asBoolean()).isFalse();
        assertThat(as(partner.email()).get("/api/v1/customers").json().findValuesAsString("id")).contains(customerId);

        Response reused = anonymous().post("/api/v1/invitation-links/" + token + "/acceptance",
                Map.of("adminName", "Hans Huber", "password", PASSWORD, "country", "DE"));
        assertProblem(reused, 400, "token");
        assertThat(reused.text("detail")).contains("already been used");
    }

    @Test
    void invitingAnAddressThatHasAnAccountLinksNothing() {
        PartnerAccount partner = fixtures.verifiedPartner("Second Partner");
        PartnerAccount other = fixtures.verifiedPartner("Other Partner");
        CustomerAccount customer = fixtures.invitedCustomer(other, "Taken GmbH", false);

        Response response = as(partner.email()).post("/api/v1/invitations",
                Map.of("companyName", "Taken GmbH", "email", customer.email().toUpperCase()));
        assertProblem(response, 409, "email");
        assertThat(response.text("detail")).contains("already has a Switchboard account");
        assertThat(as(partner.email()).get("/api/v1/customers").json().size()).isZero();
        assertThat(as(partner.email()).get("/api/v1/invitations").json().size()).isZero();
    }

    @Test
    void expiredAndForgedInvitationLinksAreRefused() {
        PartnerAccount partner = fixtures.verifiedPartner("Expiry Partner");
        String email = AccountFixtures.uniqueEmail("late");
        as(partner.email()).post("/api/v1/invitations", Map.of("companyName", "Late GmbH", "email", email));
        String token = fixtures.tokenFromLink(email, "/invitations/");

        clock.advance(Duration.ofDays(14).plusMinutes(1));
        Response expired = anonymous().get("/api/v1/invitation-links/" + token);
        assertProblem(expired, 400, "token");
        assertThat(expired.text("detail")).contains("expired");
        assertThat(as(partner.email()).get("/api/v1/invitations").json().get(0).path("state").asString())
                .isEqualTo("EXPIRED");

        Response forged = anonymous().get("/api/v1/invitation-links/" + token.substring(1) + "x");
        assertProblem(forged, 400, "token");
        assertThat(forged.text("detail")).contains("not valid");
    }

    @Test
    void aPartnerSeesOnlyItsOwnCustomers() {
        PartnerAccount mine = fixtures.verifiedPartner("Mine Partner");
        PartnerAccount theirs = fixtures.verifiedPartner("Their Partner");
        CustomerAccount myCustomer = fixtures.invitedCustomer(mine, "Mine GmbH", true);
        CustomerAccount theirCustomer = fixtures.invitedCustomer(theirs, "Their GmbH", true);

        assertThat(as(mine.email()).get("/api/v1/customers/" + myCustomer.id().value()).status()).isEqualTo(200);
        assertProblem(as(mine.email()).get("/api/v1/customers/" + theirCustomer.id().value()), 404, null);
        assertProblem(as(mine.email()).put("/api/v1/customers/" + theirCustomer.id().value() + "/billing-details",
                Map.of("companyName", "X", "street", "S", "postcode", "1", "city", "C", "country", "DE")), 404, null);
        assertThat(as(mine.email()).get("/api/v1/customers").body())
                .contains(myCustomer.id().value().toString())
                .doesNotContain(theirCustomer.id().value().toString());

        // a customer sees itself only; an operator sees both
        assertProblem(as(myCustomer.email()).get("/api/v1/customers/" + theirCustomer.id().value()), 404, null);
        assertThat(as(OPERATOR_EMAIL).get("/api/v1/customers").body())
                .contains(myCustomer.id().value().toString(), theirCustomer.id().value().toString());
        // another partner's record is not found either
        assertProblem(as(mine.email()).get("/api/v1/partners/" + theirs.id().value()), 404, null);
        assertProblem(as(mine.email()).get("/api/v1/partners"), 403, null);
        assertProblem(as(mine.email()).get("/api/v1/outbox"), 403, null);
    }

    @Test
    void aCustomerIsValidatedOnceItsAdminIsVerifiedAndTheBillingAddressIsComplete() {
        PartnerAccount partner = fixtures.verifiedPartner("Validation Partner");
        CustomerAccount customer = fixtures.invitedCustomer(partner, "Pending GmbH", false);
        String path = "/api/v1/customers/" + customer.id().value();
        assertThat(as(customer.email()).get(path).json().path("missingForValidation").valueStream().map(n -> n.asString()))
                .anySatisfy(m -> assertThat(m).contains("billing address"));

        Response bad = as(customer.email()).put(path + "/billing-details",
                Map.of("companyName", "Pending GmbH", "street", "", "postcode", "80331", "city", "München",
                        "country", "XX", "vatId", "not a vat id"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).contains("street", "country", "vatId");
        assertThat(as(customer.email()).get(path).json().path("validated").asBoolean()).isFalse();

        Response good = as(customer.email()).put(path + "/billing-details",
                Map.of("companyName", "Pending GmbH", "street", "Marienplatz 1", "postcode", "80331",
                        "city", "München", "country", "de", "vatId", "de 123456789"));
        assertThat(good.status()).as(good.toString()).isEqualTo(200);
        assertThat(good.json().path("validated").asBoolean()).isTrue();
        assertThat(good.text("vatId")).isEqualTo("DE123456789");
        assertThat(good.json().path("billingAddress").path("country").asString()).isEqualTo("DE");
    }

    @Test
    void badInputIsAnsweredWithTheFieldAtFaultAndNothingIsSaved() {
        String email = AccountFixtures.uniqueEmail("bad");
        Map<String, Object> malformed = registration("not-an-address");
        assertProblem(anonymous().post("/api/v1/partner-registrations", malformed), 400, "email");

        Map<String, Object> weak = registration(email);
        weak.put("password", "12345");
        assertProblem(anonymous().post("/api/v1/partner-registrations", weak), 400, "password");

        Map<String, Object> oversized = registration(email);
        oversized.put("companyName", "x".repeat(201));
        assertProblem(anonymous().post("/api/v1/partner-registrations", oversized), 400, "companyName");

        Map<String, Object> unknown = registration(email);
        unknown.put("favouriteColour", "blue");
        Response unknownField = anonymous().post("/api/v1/partner-registrations", unknown);
        assertProblem(unknownField, 400, "favouriteColour");

        assertProblem(anonymous().post("/api/v1/partner-registrations", "{not json"), 400, null);
        // none of these left an account behind
        assertThat(as(OPERATOR_EMAIL).get("/api/v1/outbox").json().findValuesAsString("to")).doesNotContain(email);

        assertThat(anonymous().post("/api/v1/partner-registrations", registration(email)).status()).isEqualTo(201);
        Response duplicate = anonymous().post("/api/v1/customer-signups", Map.of("companyName", "Dup AG",
                "country", "DE", "adminName", "Dora", "email", email.toUpperCase(), "password", PASSWORD));
        assertProblem(duplicate, 400, "email");
        assertThat(duplicate.text("detail")).contains("exists already");
    }

    @Test
    void wrongCredentialsAreRefusedWithoutSayingWhichPartWasWrongAndRepeatedFailuresAreSlowedDown() {
        PartnerAccount partner = fixtures.verifiedPartner("Throttle Partner");
        Response wrongPassword = new Api(port).as(partner.email(), "wrong password!").get("/api/v1/me");
        Response unknownUser = new Api(port).as("nobody@example.com", PASSWORD).get("/api/v1/me");
        assertProblem(wrongPassword, 401, null);
        assertProblem(unknownUser, 401, null);
        assertThat(wrongPassword.text("detail")).isEqualTo(unknownUser.text("detail")).isEqualTo("Wrong e-mail or password.");

        for (int i = 0; i < 4; i++) {
            new Api(port).as(partner.email(), "wrong password!").get("/api/v1/me");
        }
        // five failures: even the right password has to wait now
        Response throttled = as(partner.email()).get("/api/v1/me");
        assertProblem(throttled, 429, null);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        clock.advance(Duration.ofSeconds(6));
        assertThat(as(partner.email()).get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void passwordResetByMailedLink() {
        PartnerAccount partner = fixtures.verifiedPartner("Reset Partner");
        assertThat(anonymous().post("/api/v1/password-resets", Map.of("email", partner.email())).status()).isEqualTo(202);
        assertThat(anonymous().post("/api/v1/password-resets", Map.of("email", "nobody@example.com")).status()).isEqualTo(202);
        String link = Mailbox.awaitLink(MAIL, partner.email(), "/password/reset?token=");
        String token = link.substring(link.indexOf("token=") + 6);
        String newPassword = "a much better secret 42";
        Response reset = anonymous().post("/api/v1/password-resets/confirm", Map.of("token", token, "password", newPassword));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(204);
        assertThat(new Api(port).as(partner.email(), newPassword).get("/api/v1/me").status()).isEqualTo(200);
        assertProblem(as(partner.email()).get("/api/v1/me"), 401, null);
        assertProblem(anonymous().post("/api/v1/password-resets/confirm", Map.of("token", token, "password", newPassword)),
                400, "token");
    }

    @Test
    void operatorCreatesAPartnerWhoseAdminSetsThePassword() {
        String email = AccountFixtures.uniqueEmail("created");
        Map<String, Object> body = registration(email);
        body.remove("password");
        Response created = as(OPERATOR_EMAIL).post("/api/v1/partners", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("level")).isEqualTo("REGISTERED");
        String token = fixtures.tokenFromLink(email, "/password/reset?token=");
        assertThat(anonymous().post("/api/v1/password-resets/confirm", Map.of("token", token, "password", PASSWORD))
                .status()).isEqualTo(204);
        assertThat(as(email).get("/api/v1/me").text("role")).isEqualTo("PARTNER_ADMIN");
        assertThat(as(OPERATOR_EMAIL).get("/api/v1/outbox").json().get(0).has("links")).isTrue();
    }
}
