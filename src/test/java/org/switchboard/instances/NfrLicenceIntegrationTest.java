package org.switchboard.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

class NfrLicenceIntegrationTest extends IntegrationTestBase {

    @Autowired
    AccountFixtures accounts;

    @Autowired
    NfrProvision provision;

    @Test
    void aPartnersNfrPhoneSystemFollowsItsLevelAndIsNeverSold() {
        PartnerAccount partner = accounts.verifiedPartner("Nfr Müller & Söhne");
        Api api = new Api(port).as(partner.email(), PASSWORD);

        InstanceId id = provision.provideNfrLicence(partner.id(), 10).orElseThrow().instance().id();
        Response nfr = api.get("/api/v1/instances/" + id);
        assertThat(nfr.status()).as(nfr.toString()).isEqualTo(200);
        assertThat(nfr.text("status")).isEqualTo("NFR");
        assertThat(nfr.json().path("concurrentUsers").asInt()).isEqualTo(10);
        assertThat(nfr.text("subdomain")).startsWith("nfr-m-ller-s-hne-nfr");
        assertThat(nfr.text("customerName")).isEqualTo("Nfr Müller & Söhne (own use)");

        Response sold = new Api(port).as(OPERATOR_EMAIL, PASSWORD).post("/api/v1/instances/" + id + "/subscription",
                Map.of("plan", "basic", "concurrentUsers", 10, "iban", "DE89370400440532013000",
                        "accountHolder", "X", "mandateAccepted", true));
        assertThat(sold.status()).isEqualTo(422);
        assertThat(sold.text("detail")).contains("not for resale");

        // the level rises: the same system grows
        assertThat(provision.provideNfrLicence(partner.id(), 25).orElseThrow().instance().id()).isEqualTo(id);
        assertThat(api.get("/api/v1/instances/" + id).json().path("concurrentUsers").asInt()).isEqualTo(25);

        // the level falls below Certified: withdrawn, kept for when it qualifies again
        provision.provideNfrLicence(partner.id(), 0);
        Response withdrawn = api.get("/api/v1/instances/" + id);
        assertThat(withdrawn.text("status")).isEqualTo("DEACTIVATED");
        assertThat(withdrawn.json().path("concurrentUsers").asInt()).isZero();
        assertThat(withdrawn.json().path("deletionDueAt").isNull()).isTrue();

        provision.provideNfrLicence(partner.id(), 10);
        assertThat(api.get("/api/v1/instances/" + id).text("status")).isEqualTo("NFR");
        assertThat(api.get("/api/v1/instances?status=NFR").json().size()).isEqualTo(1);
        assertThat(api.get("/api/v1/customers").json().findValues("ownUse")).extracting(n -> n.asBoolean()).contains(true);
    }

    @Test
    void aPartnerWithoutNfrLicenceGetsNothing() {
        PartnerAccount partner = accounts.verifiedPartner("No Nfr Partner");
        assertThat(provision.provideNfrLicence(partner.id(), 0)).isEmpty();
    }
}
