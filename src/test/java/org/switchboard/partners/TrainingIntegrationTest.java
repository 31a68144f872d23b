package org.switchboard.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.switchboard.partners.ProgrammeFixtures.OPERATOR;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.catalog.Money;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.RefusedException;
import org.switchboard.testing.IntegrationTestBase;

class TrainingIntegrationTest extends IntegrationTestBase {

    @Autowired
    ProgrammeFixtures given;
    @Autowired
    PartnerTraining training;
    @Autowired
    LevelReview review;
    @Autowired
    MembershipManagement membership;

    @Test
    void theOnlineTestIsPassedWithEightyPercentAnsweredOnceAndRetakenAfterADay() {
        PartnerAccount partner = given.partnerRegisteredOn(LocalDate.of(2031, 1, 1), "Quiz Kommunikation");
        for (int i = 0; i < 5; i++) {
            training.addQuestion(OPERATOR, "How many licences does one employee use at most? (" + i + ")",
                    List.of("One", "Two", "As many as devices"), 0);
        }
        Map<UUID, Integer> key = new HashMap<>();
        training.questionBank(OPERATOR).forEach(q -> key.put(q.id(), q.correct()));

        Training.Test first = training.startTest(partner.admin(), partner.id());
        assertThat(first.questions()).hasSize(key.size());
        Map<UUID, Integer> mostlyRight = new HashMap<>(key);
        int wrong = key.size() - (key.size() * 80 + 99) / 100 + 1; // one more wrong than 80% allows
        first.questions().stream().limit(wrong).forEach(q -> mostlyRight.put(q.id(), key.get(q.id()) + 1));
        Training.Test failed = training.answerTest(partner.admin(), first.id(), mostlyRight);
        assertThat(failed.passed()).isFalse();
        assertThatThrownBy(() -> training.answerTest(partner.admin(), first.id(), key))
                .isInstanceOf(ConflictException.class).hasMessageContaining("answered already");
        assertThat(membership.member(partner.id()).basicTrainingOn()).isNull();

        clock.advance(Duration.ofHours(23));
        assertThatThrownBy(() -> training.startTest(partner.admin(), partner.id()))
                .isInstanceOf(RefusedException.class).hasMessageContaining("24 hours");
        clock.advance(Duration.ofHours(1));
        Training.Test second = training.startTest(partner.admin(), partner.id());
        assertThat(training.answerTest(partner.admin(), second.id(), key).passed()).isTrue();
        assertThat(review.figures(partner.id(), LocalDate.of(2031, 1, 2)).basicTraining()).isTrue();
    }

    @Test
    void aWebinarSeatIsHalfPriceUpToDay28AfterRegistrationAndFullOrPastWebinarsAreRefused() {
        LocalDate registered = LocalDate.of(2031, 1, 1);
        PartnerAccount early = given.partnerRegisteredOn(registered, "Früh AG");
        PartnerAccount late = given.partnerRegisteredOn(registered, "Spät AG");
        PartnerAccount third = given.partnerRegisteredOn(registered, "Dritt AG");
        given.today(registered);
        Training.Webinar webinar = training.addWebinar(OPERATOR, "Premium training March",
                ProgrammeFixtures.at(LocalDate.of(2031, 3, 3)), 2, Money.euros("399.00"));

        given.today(registered.plusDays(28));
        Training.Booking half = training.book(early.admin(), early.id(), webinar.id());
        assertThat(half.price()).isEqualTo(Money.euros("199.50"));
        assertThat(half.discount()).isEqualByComparingTo("0.50");
        assertThatThrownBy(() -> training.book(early.admin(), early.id(), webinar.id())).isInstanceOf(ConflictException.class);

        given.today(registered.plusDays(29));
        Training.Booking full = training.book(late.admin(), late.id(), webinar.id());
        assertThat(full.price()).isEqualTo(Money.euros("399.00"));

        assertThatThrownBy(() -> training.book(third.admin(), third.id(), webinar.id()))
                .isInstanceOf(RefusedException.class).hasMessageContaining("is full");
        Training.Webinar soon = training.addWebinar(OPERATOR, "Premium training February",
                ProgrammeFixtures.at(LocalDate.of(2031, 2, 3)), 10, Money.euros("399.00"));
        given.today(LocalDate.of(2031, 2, 4));
        assertThatThrownBy(() -> training.book(third.admin(), third.id(), soon.id()))
                .isInstanceOf(RefusedException.class).hasMessageContaining("already taken place");

        assertThat(training.chargesToInvoice()).filteredOn(c -> c.bookingId().equals(half.id())).singleElement()
                .satisfies(c -> assertThat(c.net()).isEqualTo(Money.euros("199.50")));
        training.markInvoiced(half.id());
        assertThat(training.chargesToInvoice()).noneMatch(c -> c.bookingId().equals(half.id()));

        given.today(LocalDate.of(2031, 3, 3));
        training.recordAttendance(OPERATOR, half.id());
        assertThat(membership.member(early.id()).premiumTrainingOn()).isEqualTo(LocalDate.of(2031, 3, 3));
    }

    @Test
    void aWebinarCostsAtMostFiveThousandEurosAndIsScheduledAtMostTwoYearsAhead() {
        given.today(LocalDate.of(2031, 5, 1));
        assertThatThrownBy(() -> training.addWebinar(OPERATOR, "Gold-plated", ProgrammeFixtures.at(LocalDate.of(2031, 6, 1)),
                10, Money.euros("5000.01")))
                .isInstanceOfSatisfying(org.switchboard.platform.InvalidInputException.class,
                        e -> assertThat(e.messageFor("listPrice")).isEqualTo("The list price must be at most 5000.00"));
        assertThatThrownBy(() -> training.addWebinar(OPERATOR, "Far away", ProgrammeFixtures.at(LocalDate.of(2033, 5, 2)),
                10, Money.euros("100.00")))
                .isInstanceOfSatisfying(org.switchboard.platform.InvalidInputException.class,
                        e -> assertThat(e.messageFor("startsAt")).contains("at most two years"));
        assertThat(training.addWebinar(OPERATOR, "Just in range", ProgrammeFixtures.at(LocalDate.of(2033, 4, 30)), 10,
                Money.euros("5000.00")).listPrice()).isEqualTo(Money.euros("5000.00"));
    }
}
