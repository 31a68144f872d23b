package org.switchboard.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.switchboard.partners.ProgrammeFixtures.OPERATOR;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.InvitationAccepted;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.partners.ProgrammeCommands.RecordLead;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RefusedException;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

class LeadsIntegrationTest extends IntegrationTestBase {

    @Autowired
    ProgrammeFixtures given;
    @Autowired
    LeadManagement leads;
    @Autowired
    AccountManagement accounts;

    static RecordLead lead(String company, String postcode, String region) {
        return new RecordLead(company, "Clara Contact", AccountFixtures.uniqueEmail("lead"), "+49 421 1234", "DE", postcode,
                region, 25, "Wants 10 desk phones");
    }

    @Test
    void premiumPartnersOfTheRegionFirstInTurnThenTheNextAfterDeclineOr72Hours() {
        LocalDate day = LocalDate.of(2029, 3, 1);
        PartnerAccount p1 = given.partnerAt(PartnerLevel.PREMIUM, day, "Weser Premium 1", List.of("DE-HB"), null);
        PartnerAccount p2 = given.partnerAt(PartnerLevel.PREMIUM, day, "Weser Premium 2", List.of("DE-HB", "DE-NI"), null);
        PartnerAccount c1 = given.partnerAt(PartnerLevel.CERTIFIED, day, "Weser Certified", List.of("DE-HB"), null);
        PartnerAccount r1 = given.partnerRegisteredOn(day, "Weser Registered");
        given.today(day.plusDays(1));

        Lead first = leads.record(OPERATOR, lead("Hafenlogistik GmbH", "28195", "de-hb"));
        Lead second = leads.record(OPERATOR, lead("Speicherstadt Design", "28195", "DE-HB"));
        Lead third = leads.record(OPERATOR, lead("Schlachte Gastro", "28195", "DE-HB"));
        assertThat(Set.of(first.partnerId(), second.partnerId())).containsExactlyInAnyOrder(p1.id(), p2.id());
        assertThat(third.partnerId()).isEqualTo(first.partnerId());
        PartnerAccount x = first.partnerId().equals(p1.id()) ? p1 : p2;
        PartnerAccount y = x == p1 ? p2 : p1;

        // A partner sees its own offers only, and no contact before accepting.
        assertThat(leads.leads(c1.admin())).isEmpty();
        assertThat(leads.leads(r1.admin())).isEmpty();
        assertThat(leads.lead(x.admin(), first.id()).contactEmail()).isNull();
        assertThatThrownBy(() -> leads.lead(y.admin(), first.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> leads.accept(c1.admin(), first.id())).isInstanceOf(NotFoundException.class);

        // X declines: the other Premium partner of the region gets it.
        leads.decline(x.admin(), first.id());
        assertThat(leads.lead(OPERATOR, first.id()).partnerId()).isEqualTo(y.id());
        assertThatThrownBy(() -> leads.lead(x.admin(), first.id())).isInstanceOf(NotFoundException.class);

        // Y lets 72 hours pass: answering is refused, and the job hands the lead to the Certified partner.
        clock.advance(Duration.ofHours(72));
        assertThatThrownBy(() -> leads.accept(y.admin(), first.id())).isInstanceOf(RefusedException.class)
                .hasMessageContaining("72 hours");
        leads.handOnExpired();
        Lead moved = leads.lead(OPERATOR, first.id());
        assertThat(moved.partnerId()).isEqualTo(c1.id());
        assertThat(moved.offerExpiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(72)));
        assertThat(leads.offerHistory(OPERATOR, first.id())).containsExactly("Weser Premium " + (x == p1 ? 1 : 2)
                + ": declined", "Weser Premium " + (y == p1 ? 1 : 2) + ": expired", "Weser Certified: open");

        // C1 accepts within its 72 hours, sees the contact and invites the company, once.
        clock.advance(Duration.ofHours(71));
        Lead accepted = leads.accept(c1.admin(), first.id());
        assertThat(accepted.contactEmail()).isEqualTo(first.contactEmail());
        leads.invite(c1.admin(), first.id());
        assertThatThrownBy(() -> leads.invite(c1.admin(), first.id())).isInstanceOf(RefusedException.class);
    }

    @Test
    void aLeadIsConvertedWhenTheInvitedCompanyRegistersWithoutAnyoneOpeningAPage() {
        LocalDate day = LocalDate.of(2036, 6, 1);
        PartnerAccount partner = given.partnerAt(PartnerLevel.EXCELLENCE, day, "Tiroler Telefonie", List.of("AT-7"), null);
        given.today(day.plusDays(1));
        Lead lead = leads.record(OPERATOR, new RecordLead("Bergbahnen Hotel KG", "Clara Contact",
                AccountFixtures.uniqueEmail("lead"), "+43 512 1234", "AT", "6020", "AT-7", 40, null));
        assertThat(lead.partnerId()).isEqualTo(partner.id());
        leads.accept(partner.admin(), lead.id());
        Lead invited = leads.invite(partner.admin(), lead.id());
        assertThat(invited.convertedAt()).isNull();

        // Other invitations accepted convert nothing: one of the partner not made from a lead, and this
        // lead's invitation announced for another partner.
        CustomerAccount direct = given.customer(partner, "Direkt Eingeladen GmbH");
        leads.recordConversion(new InvitationAccepted(UUID.randomUUID(), direct.id(), partner.id(), clock.instant()));
        leads.recordConversion(new InvitationAccepted(invited.invitationId(), direct.id(), PartnerId.random(),
                clock.instant()));
        assertThat(leads.lead(OPERATOR, lead.id()).convertedAt()).isNull();

        // The contact registers through the link of the invitation mail, as a customer would.
        clock.advance(Duration.ofHours(5));
        Instant registeredAt = clock.instant();
        String token = given.accounts.tokenFromLink(lead.contactEmail(), "/invitations/");
        Response registered = new Api(port).post("/api/v1/invitation-links/" + token + "/acceptance",
                Map.of("adminName", "Clara Contact", "password", PASSWORD, "country", "AT"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        // Nobody looks at the leads page: the event converts the lead, and the operator's list counts it.
        await(() -> leads.lead(OPERATOR, lead.id()).convertedAt() != null);
        assertThat(leads.lead(OPERATOR, lead.id()).convertedAt()).isEqualTo(registeredAt);
        Response asOperator = new Api(port).as(OPERATOR_EMAIL, PASSWORD).get("/api/v1/leads/" + lead.id());
        assertThat(asOperator.text("convertedAt")).isNotNull();
        assertThat(leads.leads(OPERATOR).stream().filter(l -> l.convertedAt() != null).map(Lead::id))
                .contains(lead.id());
        assertThat(leads.lead(partner.admin(), lead.id()).convertedAt()).isEqualTo(registeredAt);

        // Delivered again (after a restart), the event changes nothing.
        UUID invitation = invited.invitationId();
        CustomerId customer = accounts.customers(partner.admin()).stream()
                .filter(c -> c.name().equals("Bergbahnen Hotel KG")).findFirst().orElseThrow().id();
        leads.recordConversion(new InvitationAccepted(invitation, customer, partner.id(), registeredAt.plusSeconds(60)));
        assertThat(leads.lead(OPERATOR, lead.id()).convertedAt()).isEqualTo(registeredAt);
    }

    static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 15 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aLeadWithoutRegionOrWithAnUnknownPostcodeFormatIsRefusedAndNothingSaved() {
        int before = leads.leads(OPERATOR).size();
        assertThatThrownBy(() -> leads.record(OPERATOR, lead("Ohne Region AG", "80331", " ")))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).messageFor("region")).contains("Region is required"));
        assertThatThrownBy(() -> leads.record(OPERATOR, lead("Falsche PLZ AG", "8033", "DE-BY")))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).messageFor("postcode"))
                        .isEqualTo("'8033' is not a postcode of DE: a German postcode has five digits, such as 80331"));
        assertThatThrownBy(() -> leads.record(OPERATOR, lead("Falsches Land AG", "80331", "AT-9")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(leads.leads(OPERATOR)).hasSize(before);
    }

}
