package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.billing.BillingFixtures.CALENDAR;
import static org.switchboard.billing.BillingFixtures.berlin;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.switchboard.accounts.CustomerId;
import org.switchboard.billing.NumberChargeProvider.NumberCharge;
import org.switchboard.billing.NumberChargeProvider.NumberFee;
import org.switchboard.catalog.Money;
import org.switchboard.instances.InstanceId;

class NumberChargePolicyTest {

    static final CustomerId CUSTOMER = CustomerId.random();
    static final InstanceId INSTANCE = InstanceId.random();
    static final YearMonth NOVEMBER = YearMonth.of(2030, 11);

    static NumberCharge charge(String net, java.time.Instant from, java.time.Instant until) {
        return new NumberCharge(UUID.randomUUID(), CUSTOMER, INSTANCE, "Head office: number block", Money.euros(net),
                from, until);
    }

    static List<String> amounts(List<InvoiceLine> lines) {
        return lines.stream().map(l -> l.amount().amount().toPlainString()).toList();
    }

    @Test
    void aBlockOrderedMidMonthIsChargedProRataAndTheNextMonthInAdvance() {
        // 5.00 x 29,640 / 43,200 (10 Nov 10:00 to 1 Dec) = 3.4305 -> 3.43
        List<InvoiceLine> lines = NumberChargePolicy.compose(NOVEMBER, CALENDAR,
                List.of(charge("5.00", berlin(2030, 11, 10, 10, 0), null)), List.of());
        assertThat(amounts(lines)).containsExactly("3.43", "5.00");
        assertThat(lines).allMatch(l -> l.kind() == InvoiceLine.Kind.NUMBERS);
        assertThat(lines.get(0).quantity()).isEqualTo("29,640/43,200 min");
        assertThat(lines.get(1).description()).contains("December 2030 in advance");
    }

    @Test
    void aReleaseCreditsTheRestOfAMonthPaidInAdvanceAndNothingFollows() {
        // paid in advance for November; released 16 Nov 00:00: -5.00 x 21,600 / 43,200 = -2.50
        List<InvoiceLine> lines = NumberChargePolicy.compose(NOVEMBER, CALENDAR,
                List.of(charge("5.00", berlin(2030, 9, 3, 8, 0), berlin(2030, 11, 16, 0, 0))), List.of());
        assertThat(amounts(lines)).containsExactly("-2.50");
        assertThat(lines.get(0).description()).contains("credit after release");
    }

    @Test
    void aRunningChargeIsOnlyPaidInAdvanceAndOneWithinTheMonthOnlyForItsDays() {
        List<InvoiceLine> running = NumberChargePolicy.compose(NOVEMBER, CALENDAR,
                List.of(charge("1.00", berlin(2030, 9, 3, 8, 0), null)), List.of());
        assertThat(amounts(running)).containsExactly("1.00");
        // 11 Nov 00:00 to 21 Nov 00:00: 14,400 / 43,200 of 30.00 = 10.00, nothing in advance
        List<InvoiceLine> within = NumberChargePolicy.compose(NOVEMBER, CALENDAR,
                List.of(charge("30.00", berlin(2030, 11, 11, 0, 0), berlin(2030, 11, 21, 0, 0))), List.of());
        assertThat(amounts(within)).containsExactly("10.00");
        List<InvoiceLine> ended = NumberChargePolicy.compose(NOVEMBER, CALENDAR,
                List.of(charge("1.00", berlin(2030, 9, 3, 8, 0), berlin(2030, 10, 3, 8, 0))), List.of());
        assertThat(ended).isEmpty();
    }

    @Test
    void feesOfTheMonthAreLinesOfTheirOwn() {
        NumberFee fee = new NumberFee(UUID.randomUUID(), CUSTOMER, INSTANCE, "Porting of 2 numbers",
                Money.euros("19.80"), berlin(2030, 11, 20, 6, 0));
        NumberFee later = new NumberFee(UUID.randomUUID(), CUSTOMER, INSTANCE, "Porting", Money.euros("9.90"),
                berlin(2030, 12, 1, 6, 0));
        assertThat(amounts(NumberChargePolicy.compose(NOVEMBER, CALENDAR, List.of(), List.of(fee, later))))
                .containsExactly("19.80");
    }
}
