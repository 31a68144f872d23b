package org.switchboard.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.instances.InstanceCommands.CreateInstance;
import org.switchboard.instances.InstanceSales;
import org.switchboard.testing.IntegrationTestBase;

class InstanceEventsIntegrationTest extends IntegrationTestBase {

    @Autowired
    ProgrammeFixtures given;
    @Autowired
    InstanceSales sales;
    @Autowired
    LevelReview review;

    @Test
    void aSubscriptionSoldToAPartnersCustomerCountsAsANewSubscription() throws InterruptedException {
        LocalDate day = LocalDate.of(2034, 2, 1);
        PartnerAccount partner = given.partnerRegisteredOn(day, "Listener Partner");
        CustomerAccount customer = given.customer(partner, "Listener Kunde");
        sales.create(customer.admin(), new CreateInstance("Head office",
                "listener-" + Long.toHexString(System.nanoTime()), "DE", false, "basic", 12,
                "DE89370400440532013000", "Listener Kunde GmbH", true));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (review.figures(partner.id(), day).newSubscriptions() == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(review.figures(partner.id(), day).newSubscriptions()).isEqualTo(1);
        assertThat(review.figures(partner.id(), day).turnover().amount()).isEqualByComparingTo("0");
    }
}
