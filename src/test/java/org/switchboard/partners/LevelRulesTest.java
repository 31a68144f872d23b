package org.switchboard.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.catalog.Money;
import org.switchboard.partners.ReviewPolicy.Kind;
import org.switchboard.partners.ReviewPolicy.PendingNotice;

class LevelRulesTest {

    static final LocalDate ON = LocalDate.of(2026, 6, 1);

    static LevelFigures figures(String turnover, int subscriptions, boolean listing, boolean basic, boolean premium) {
        return new LevelFigures(ON.minusYears(1), ON, Money.euros(turnover), subscriptions, listing, basic, premium);
    }

    @Test
    void theLevelIsTheHighestWhoseRequirementsAreAllMet() {
        assertThat(LevelPolicy.qualifiedLevel(figures("0", 0, false, false, false))).isEqualTo(PartnerLevel.REGISTERED);
        assertThat(LevelPolicy.qualifiedLevel(figures("1999.99", 1, true, true, false))).isEqualTo(PartnerLevel.REGISTERED);
        assertThat(LevelPolicy.qualifiedLevel(figures("2000.00", 1, true, true, false))).isEqualTo(PartnerLevel.CERTIFIED);
        assertThat(LevelPolicy.qualifiedLevel(figures("2000.00", 1, false, true, false))).isEqualTo(PartnerLevel.REGISTERED);
        assertThat(LevelPolicy.qualifiedLevel(figures("5000.00", 4, true, true, false))).isEqualTo(PartnerLevel.CERTIFIED);
        assertThat(LevelPolicy.qualifiedLevel(figures("5000.00", 4, true, true, true))).isEqualTo(PartnerLevel.PREMIUM);
        assertThat(LevelPolicy.qualifiedLevel(figures("20000.00", 7, true, true, true))).isEqualTo(PartnerLevel.PREMIUM);
        assertThat(LevelPolicy.qualifiedLevel(figures("20000.00", 8, true, true, true))).isEqualTo(PartnerLevel.EXCELLENCE);
        assertThat(LevelPolicy.qualifiedLevel(figures("90000.00", 30, true, false, true))).isEqualTo(PartnerLevel.REGISTERED);
    }

    @Test
    void risesAtOnceAndFallsOnlyAtTheReviewAfterNotice() {
        LocalDate registered = LocalDate.of(2026, 1, 1);
        var rise = ReviewPolicy.decide(PartnerLevel.REGISTERED, PartnerLevel.PREMIUM, registered, ON, Optional.empty(), false);
        assertThat(rise.kind()).isEqualTo(Kind.RISE);
        assertThat(rise.level()).isEqualTo(PartnerLevel.PREMIUM);

        var onDemand = ReviewPolicy.decide(PartnerLevel.PREMIUM, PartnerLevel.CERTIFIED, registered, ON, Optional.empty(), false);
        assertThat(onDemand.kind()).isEqualTo(Kind.NONE);

        var notice = ReviewPolicy.decide(PartnerLevel.PREMIUM, PartnerLevel.CERTIFIED, registered,
                LocalDate.of(2026, 12, 1), Optional.empty(), true);
        assertThat(notice.kind()).isEqualTo(Kind.GIVE_NOTICE);
        assertThat(notice.reviewOn()).isEqualTo(LocalDate.of(2027, 1, 1));

        PendingNotice pending = new PendingNotice(PartnerLevel.CERTIFIED, LocalDate.of(2027, 1, 1));
        assertThat(ReviewPolicy.decide(PartnerLevel.PREMIUM, PartnerLevel.CERTIFIED, registered,
                LocalDate.of(2026, 12, 31), Optional.of(pending), true).kind()).isEqualTo(Kind.NONE);
        var fall = ReviewPolicy.decide(PartnerLevel.PREMIUM, PartnerLevel.REGISTERED, registered,
                LocalDate.of(2027, 1, 1), Optional.of(pending), true);
        assertThat(fall.kind()).isEqualTo(Kind.FALL);
        assertThat(fall.level()).isEqualTo(PartnerLevel.REGISTERED);
        assertThat(ReviewPolicy.decide(PartnerLevel.PREMIUM, PartnerLevel.PREMIUM, registered,
                LocalDate.of(2026, 12, 15), Optional.of(pending), false).kind()).isEqualTo(Kind.WITHDRAW_NOTICE);
    }

    @Test
    void aNoticeNamesTheFirstAnniversaryAtLeastThirtyDaysAhead() {
        LocalDate registered = LocalDate.of(2026, 1, 15);
        assertThat(ReviewPolicy.reviewAfterNotice(registered, LocalDate.of(2026, 12, 16))).isEqualTo(LocalDate.of(2027, 1, 15));
        assertThat(ReviewPolicy.reviewAfterNotice(registered, LocalDate.of(2026, 12, 17))).isEqualTo(LocalDate.of(2028, 1, 15));
        assertThat(ReviewPolicy.reviewAfterNotice(registered, LocalDate.of(2026, 2, 1))).isEqualTo(LocalDate.of(2027, 1, 15));
    }

    @Test
    void commissionIsTheNetTimesTheRateRoundedOnceAndAReturnReversesIt() {
        CustomerInvoice invoice = new CustomerInvoice(UUID.randomUUID(), CustomerId.random(), PartnerId.random(),
                ON, Money.euros("88.11"), Money.euros("3.37"), false);
        CommissionLine line = CommissionPolicy.commission(invoice, PartnerLevel.CERTIFIED);
        assertThat(line.rate()).isEqualByComparingTo("0.15");
        assertThat(line.amount()).isEqualTo(Money.euros("13.72")); // 91.48 x 0.15 = 13.722
        CommissionLine reversal = CommissionPolicy.reversal(line, java.util.List.of(), ON.plusDays(9)).orElseThrow();
        assertThat(reversal.amount()).isEqualTo(Money.euros("-13.72"));
        assertThat(reversal.occurredOn()).isEqualTo(ON.plusDays(9));
        // After a credit note of 41.48 (-6.22 commission), a return reverses the 7.50 left; after one of all, nothing.
        CommissionLine credited = CommissionPolicy.commission(new CustomerInvoice(UUID.randomUUID(),
                invoice.customerId(), invoice.partnerId(), ON.plusDays(2), Money.euros("-38.11"), Money.euros("-3.37"),
                false), PartnerLevel.CERTIFIED);
        assertThat(credited.amount()).isEqualTo(Money.euros("-6.22")); // -41.48 x 0.15 = -6.222
        CommissionLine rest = CommissionPolicy.reversal(line, java.util.List.of(credited), ON.plusDays(9)).orElseThrow();
        assertThat(rest.amount()).isEqualTo(Money.euros("-7.50"));
        assertThat(rest.subscriptionsNet()).isEqualTo(Money.euros("-50.00"));
        assertThat(rest.airtimeNet()).isEqualTo(Money.euros("0.00"));
        CommissionLine all = CommissionPolicy.commission(new CustomerInvoice(UUID.randomUUID(), invoice.customerId(),
                invoice.partnerId(), ON.plusDays(2), Money.euros("-88.11"), Money.euros("-3.37"), false),
                PartnerLevel.CERTIFIED);
        assertThat(CommissionPolicy.reversal(line, java.util.List.of(all), ON.plusDays(9))).isEmpty();
        assertThat(LevelBenefits.commissionRate(PartnerLevel.REGISTERED)).isEqualByComparingTo("0.10");
        assertThat(LevelBenefits.commissionRate(PartnerLevel.PREMIUM)).isEqualByComparingTo("0.20");
        assertThat(LevelBenefits.commissionRate(PartnerLevel.EXCELLENCE)).isEqualByComparingTo("0.25");
        assertThat(CommissionPolicy.creditNoteNumber(2026, 7)).isEqualTo("PC-2026-000007");
    }

    @Test
    void nfrLicenceGrowsWithTheLevel() {
        assertThat(LevelBenefits.nfrConcurrentUsers(PartnerLevel.REGISTERED)).isZero();
        assertThat(LevelBenefits.nfrConcurrentUsers(PartnerLevel.CERTIFIED)).isEqualTo(10);
        assertThat(LevelBenefits.nfrConcurrentUsers(PartnerLevel.PREMIUM)).isEqualTo(25);
        assertThat(LevelBenefits.nfrConcurrentUsers(PartnerLevel.EXCELLENCE)).isEqualTo(50);
    }

    @Test
    void pagesNameTheFirstLevelOfEachBenefit() {
        assertThat(LevelBenefits.firstWith(l -> LevelBenefits.nfrConcurrentUsers(l) > 0)).isEqualTo(PartnerLevel.CERTIFIED);
        assertThat(LevelBenefits.firstWith(LevelBenefits::receivesLeads)).isEqualTo(PartnerLevel.CERTIFIED);
        assertThat(LevelBenefits.firstWith(LevelBenefits::hasRegionalPriority)).isEqualTo(PartnerLevel.PREMIUM);
        assertThat(LevelBenefits.firstWith(l -> true)).isEqualTo(PartnerLevel.REGISTERED);
        assertThatThrownBy(() -> LevelBenefits.firstWith(l -> false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wholesaleIsRetailLessTheCommissionRate() {
        WholesaleTerms terms = new WholesaleTerms(PartnerId.random(), PartnerLevel.CERTIFIED, LevelBenefits.commissionRate(PartnerLevel.CERTIFIED));
        assertThat(terms.wholesale(Money.euros("8.90"))).isEqualTo(Money.euros("7.57")); // 7.565 half up
        assertThat(terms.wholesale(Money.euros("712.00"))).isEqualTo(Money.euros("605.20"));
    }
}
