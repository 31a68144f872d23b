package org.switchboard.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.partners.LeadDistributionPolicy.Candidate;

class LeadDistributionPolicyTest {

    static final LocalDate REG = LocalDate.of(2026, 1, 1);
    final Candidate premiumBy = new Candidate(PartnerId.random(), PartnerLevel.PREMIUM, Set.of("DE-BY"), Instant.parse("2026-03-02T10:00:00Z"), REG);
    final Candidate excellenceBy = new Candidate(PartnerId.random(), PartnerLevel.EXCELLENCE, Set.of("DE-BY", "AT-7"), Instant.parse("2026-03-01T10:00:00Z"), REG);
    final Candidate certifiedBy = new Candidate(PartnerId.random(), PartnerLevel.CERTIFIED, Set.of("DE-BY"), null, REG);
    final Candidate certifiedBerlin = new Candidate(PartnerId.random(), PartnerLevel.CERTIFIED, Set.of("DE-BE"), null, REG);
    final Candidate registeredBy = new Candidate(PartnerId.random(), PartnerLevel.REGISTERED, Set.of("DE-BY"), null, REG);
    final List<Candidate> all = List.of(premiumBy, excellenceBy, certifiedBy, certifiedBerlin, registeredBy);

    @Test
    void premiumPartnersOfTheRegionFirstInRoundRobin() {
        assertThat(LeadDistributionPolicy.next("DE-BY", all, Set.of())).contains(excellenceBy);
        assertThat(LeadDistributionPolicy.next("DE-BY", all, Set.of(excellenceBy.partnerId()))).contains(premiumBy);
    }

    @Test
    void thenPartnersServingTheRegionThenAnyoneCertifiedNeverRegistered() {
        assertThat(LeadDistributionPolicy.next("DE-BY", all, Set.of(excellenceBy.partnerId(), premiumBy.partnerId())))
                .contains(certifiedBy);
        assertThat(LeadDistributionPolicy.next("DE-BY", all,
                Set.of(excellenceBy.partnerId(), premiumBy.partnerId(), certifiedBy.partnerId()))).contains(certifiedBerlin);
        assertThat(LeadDistributionPolicy.next("DE-BY", all, Set.of(excellenceBy.partnerId(), premiumBy.partnerId(),
                certifiedBy.partnerId(), certifiedBerlin.partnerId()))).isEmpty();
        assertThat(LeadDistributionPolicy.next("DE-BE", all, Set.of())).contains(certifiedBerlin);
    }

    @Test
    void postcodesAndRegions() {
        assertThat(Regions.validPostcode("DE", "80331")).isTrue();
        assertThat(Regions.validPostcode("DE", "8033")).isFalse();
        assertThat(Regions.validPostcode("AT", "1010")).isTrue();
        assertThat(Regions.validPostcode("FR", "75001")).isFalse();
        assertThat(Regions.normalize(" de-by ")).contains("DE-BY");
        assertThat(Regions.normalize("DE-XX")).isEmpty();
    }
}
