package org.switchboard.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.switchboard.partners.ProgrammeFixtures.OPERATOR;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.testing.IntegrationTestBase;

class SupportIntegrationTest extends IntegrationTestBase {

    @Autowired
    ProgrammeFixtures given;
    @Autowired
    PartnerSupport support;

    @Test
    void certifiedPartnersGoToPartnerSupportOthersToLicenceSupportOperatorsSeeBoth() {
        PartnerAccount registered = given.partnerRegisteredOn(LocalDate.of(2035, 1, 1), "Support Registered");
        PartnerAccount certified = given.partnerAt(PartnerLevel.CERTIFIED, LocalDate.of(2035, 1, 1), "Support Certified",
                List.of("DE-MV"), null);
        assertThat(support.request(registered.admin(), "Licence question", "How do concurrent users work?").queue())
                .isEqualTo("LICENCE_SUPPORT");
        assertThat(support.request(certified.admin(), "Porting", "A customer wants to port 20 numbers.").queue())
                .isEqualTo("PARTNER_SUPPORT");
        assertThatThrownBy(() -> support.request(certified.admin(), " ", "text")).isInstanceOf(InvalidInputException.class);

        assertThat(support.requests(OPERATOR, Optional.of("PARTNER_SUPPORT"))).extracting(PartnerSupport.Request::subject)
                .contains("Porting").doesNotContain("Licence question");
        assertThat(support.requests(OPERATOR, Optional.of("LICENCE_SUPPORT"))).extracting(PartnerSupport.Request::subject)
                .contains("Licence question");
        assertThat(support.requests(registered.admin(), Optional.empty())).extracting(PartnerSupport.Request::subject)
                .containsExactly("Licence question");
        // An operator answers once; the asker gets the answer by mail and sees it; a second answer is refused.
        PartnerSupport.Request asked = support.requests(registered.admin(), Optional.empty()).get(0);
        assertThat(asked.isOpen()).isTrue();
        assertThatThrownBy(() -> support.answer(registered.admin(), asked.id(), "me")).isInstanceOf(
                org.switchboard.platform.ForbiddenException.class);
        assertThatThrownBy(() -> support.answer(OPERATOR, asked.id(), " ")).isInstanceOf(InvalidInputException.class);
        PartnerSupport.Request answered = support.answer(OPERATOR, asked.id(), "One licence per person while in use.");
        assertThat(answered.isOpen()).isFalse();
        assertThat(answered.answeredBy()).isEqualTo(OPERATOR.email());
        assertThat(support.requests(registered.admin(), Optional.empty()).get(0).answer())
                .isEqualTo("One licence per person while in use.");
        assertThat(given.accounts.mailTo(registered.email(), "Re: Licence question").body())
                .contains("One licence per person while in use.");
        assertThatThrownBy(() -> support.answer(OPERATOR, asked.id(), "again"))
                .isInstanceOf(org.switchboard.platform.ConflictException.class);
    }

    @Test
    void operatorsPublishMediaPartnersDownloadCustomersCannot() {
        PartnerAccount partner = given.partnerRegisteredOn(LocalDate.of(2035, 2, 1), "Media Partner");
        PartnerSupport.MediaFile file = support.upload(OPERATOR, "price_list", "Price list 2035", "prices-2035.pdf",
                "application/pdf", "%PDF-1.4 price list".getBytes(StandardCharsets.UTF_8));
        assertThat(support.download(partner.admin(), file.id()).content())
                .isEqualTo("%PDF-1.4 price list".getBytes(StandardCharsets.UTF_8));
        var customer = given.customer(partner, "Media Kunde");
        assertThatThrownBy(() -> support.download(customer.admin(), file.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> support.upload(OPERATOR, "FLYER", "Empty", "x.pdf", "application/pdf", new byte[0]))
                .isInstanceOf(InvalidInputException.class);
    }
}
