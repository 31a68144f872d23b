package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.billing.BillingFixtures.activated;
import static org.switchboard.billing.BillingFixtures.berlin;
import static org.switchboard.billing.BillingFixtures.deactivated;
import static org.switchboard.billing.BillingFixtures.outbound;
import static org.switchboard.billing.BillingFixtures.timeline;
import static org.switchboard.billing.BillingFixtures.zone;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.switchboard.billing.AirtimePolicy.Outcome;
import org.switchboard.billing.AirtimePolicy.RatedCall;
import org.switchboard.connector.CallRecord.Direction;
import org.switchboard.connector.CallRecord;
import org.switchboard.instances.InstanceId;

class AirtimePolicyTest {

    static final Tariff TARIFF = new Tariff(List.of(
            zone("German fixed", "60/60", "0.0190", "0", "49"),
            zone("German mobile", "60/1", "0.0890", "0", "4915", "4916", "4917"),
            zone("Service", "1/1", "0.0490", "0.0150", "49180")));
    static final Instant NOV_20 = berlin(2026, 11, 20, 9, 0);
    static final SubscriptionTimeline SUBSCRIBED = timeline(InstanceId.random(), "Office",
            activated(berlin(2026, 11, 10, 10, 0), 16, "128.16"), deactivated(berlin(2027, 1, 1, 0, 0)));

    RatedCall rate(CallRecord call) {
        return AirtimePolicy.rate(call, TARIFF, SUBSCRIBED);
    }

    @Test
    void sixtySixtyBillsStartedMinutes() {
        // 61 s -> 2 minutes x 0.0190 = 0.0380
        RatedCall call = rate(outbound("+4930901820", NOV_20, 61));
        assertThat(call.outcome()).isEqualTo(Outcome.RATED);
        assertThat(call.zone().name()).isEqualTo("German fixed");
        assertThat(call.billedSeconds()).isEqualTo(120);
        assertThat(call.charge()).isEqualByComparingTo("0.0380");
        // 1 s -> 1 minute = 0.0190
        assertThat(rate(outbound("+4930901820", NOV_20, 1)).charge()).isEqualByComparingTo("0.0190");
    }

    @Test
    void sixtyOneBillsAFirstMinuteThenSeconds() {
        // longest prefix: 4917 beats 49. 61 s x 0.0890 / 60 = 0.090483 -> 0.0905
        RatedCall call = rate(outbound("+491701234567", NOV_20, 61));
        assertThat(call.zone().name()).isEqualTo("German mobile");
        assertThat(call.billedSeconds()).isEqualTo(61);
        assertThat(call.charge()).isEqualByComparingTo("0.0905");
        assertThat(call.charge().scale()).isEqualTo(4);
        // 30 s -> first minute: 0.0890
        assertThat(rate(outbound("+491701234567", NOV_20, 30)).charge()).isEqualByComparingTo("0.0890");
    }

    @Test
    void oneOneBillsSecondsPlusTheConnectFee() {
        // 0.0150 + 61 x 0.0490 / 60 = 0.0150 + 0.049816 = 0.064816 -> 0.0648
        RatedCall call = rate(outbound("+491801234567", NOV_20, 61));
        assertThat(call.zone().name()).isEqualTo("Service");
        assertThat(call.billedSeconds()).isEqualTo(61);
        assertThat(call.charge()).isEqualByComparingTo("0.0648");
        // an answered call of 0 s costs the connect fee only
        assertThat(rate(outbound("+491801234567", NOV_20, 0)).charge()).isEqualByComparingTo("0.0150");
    }

    @Test
    void onlyAnsweredOutboundCallsOverThePlatformTrunkAreRated() {
        CallRecord base = outbound("+4930901820", NOV_20, 61);
        assertThat(rate(with(base, Direction.INBOUND, base.answer(), CallRecord.PLATFORM_TRUNK)).outcome())
                .isEqualTo(Outcome.NOT_BILLABLE);
        assertThat(rate(with(base, Direction.INTERNAL, base.answer(), CallRecord.PLATFORM_TRUNK)).outcome())
                .isEqualTo(Outcome.NOT_BILLABLE);
        assertThat(rate(with(base, Direction.OUTBOUND, null, CallRecord.PLATFORM_TRUNK)).outcome())
                .isEqualTo(Outcome.NOT_BILLABLE);
        RatedCall ownTrunk = rate(with(base, Direction.OUTBOUND, base.answer(), "sip-provider-1"));
        assertThat(ownTrunk.outcome()).isEqualTo(Outcome.NOT_BILLABLE);
        assertThat(ownTrunk.reason()).contains("own trunk");
        assertThat(rate(outbound("112", NOV_20, 61)).outcome()).isEqualTo(Outcome.NOT_BILLABLE);
    }

    @Test
    void aNumberNoZoneMatchesIsKeptUnrated() {
        RatedCall call = rate(outbound("+8613912345678", NOV_20, 61));
        assertThat(call.outcome()).isEqualTo(Outcome.UNRATED);
        assertThat(call.charge()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(call.reason()).contains("+8613912345678");
    }

    @Test
    void callsOutsideTheSubscriptionAreFree() {
        // before activation (the trial), and after deactivation
        assertThat(rate(outbound("+4930901820", berlin(2026, 11, 9, 9, 0), 61)).outcome()).isEqualTo(Outcome.FREE);
        assertThat(rate(outbound("+4930901820", berlin(2027, 1, 2, 9, 0), 61)).outcome()).isEqualTo(Outcome.FREE);
        assertThat(AirtimePolicy.rate(outbound("+4930901820", NOV_20, 61), TARIFF, null).outcome()).isEqualTo(Outcome.FREE);
    }

    @Test
    void emergencyCallsOfTheInstancesCountryAreNeverBilledShortOrE164() {
        for (String dialled : List.of("133", "144", "122", "112", "+43133", "+43144")) {
            RatedCall call = AirtimePolicy.rate(outbound(dialled, NOV_20, 61), TARIFF, SUBSCRIBED, "AT");
            assertThat(call.outcome()).as(dialled).isEqualTo(Outcome.NOT_BILLABLE);
            assertThat(call.reason()).isEqualTo("emergency call");
        }
        for (String dialled : List.of("+49112", "+49110", "112", "110")) {
            assertThat(AirtimePolicy.rate(outbound(dialled, NOV_20, 61), TARIFF, SUBSCRIBED, "DE").outcome())
                    .as(dialled).isEqualTo(Outcome.NOT_BILLABLE);
        }
        // +49112 was rated as a German fixed-line call before; another country's E.164 emergency number is a call
        assertThat(AirtimePolicy.rate(outbound("+43133", NOV_20, 61), TARIFF, SUBSCRIBED, "DE").outcome())
                .isEqualTo(Outcome.UNRATED);
        assertThat(rate(outbound("+49112", NOV_20, 61)).outcome()).isEqualTo(Outcome.NOT_BILLABLE);
    }

    @Test
    void premiumRateAndServiceNumbersAreNotRatedByAShorterPrefix() {
        for (String dialled : List.of("+499001234567", "+491371234567", "+4911833", "+497001234567", "+4980012345678")) {
            RatedCall call = rate(outbound(dialled, NOV_20, 61));
            assertThat(call.outcome()).as(dialled).isEqualTo(Outcome.UNRATED);
            assertThat(call.charge()).isEqualByComparingTo(BigDecimal.ZERO);
        }
        assertThat(rate(outbound("+499001234567", NOV_20, 61)).reason())
                .isEqualTo("premium-rate (0900) number: rated only by a zone with the prefix 49900");
        // a zone that names the range rates it (49180 above); ordinary numbers keep their zone
        assertThat(rate(outbound("+491801234567", NOV_20, 61)).zone().name()).isEqualTo("Service");
        assertThat(rate(outbound("+4990123456", NOV_20, 61)).zone().name()).isEqualTo("German fixed");
        Tariff premium = new Tariff(List.of(zone("German fixed", "60/60", "0.0190", "0", "49"),
                zone("German premium", "60/60", "1.9900", "0", "49900")));
        assertThat(AirtimePolicy.rate(outbound("+499001234567", NOV_20, 61), premium, SUBSCRIBED).zone().name())
                .isEqualTo("German premium");
    }

    @Test
    void aStartedSecondCountsAsASecondBeforeTheIncrement() {
        CallRecord base = outbound("+491701234567", NOV_20, 60);
        // 60.2 s on 60/1: 61 s billed, 61 x 0.0890 / 60 = 0.0905
        CallRecord longer = new CallRecord(base.callId(), base.subject(), base.from(), base.to(), base.start(),
                base.answer(), base.end().plusMillis(200), base.direction(), base.trunk());
        assertThat(rate(longer).billedSeconds()).isEqualTo(61);
        assertThat(rate(longer).charge()).isEqualByComparingTo("0.0905");
        // 0.4 s on 1/1: 1 s, connect fee plus 1 x 0.0490 / 60 = 0.0150 + 0.000817 -> 0.0158
        CallRecord blip = outbound("+491801234567", NOV_20, 0);
        CallRecord short1 = new CallRecord(blip.callId(), blip.subject(), blip.from(), blip.to(), blip.start(),
                blip.answer(), blip.end().plusMillis(400), blip.direction(), blip.trunk());
        assertThat(rate(short1).billedSeconds()).isEqualTo(1);
        assertThat(rate(short1).charge()).isEqualByComparingTo("0.0158");
        // exactly 0 s answered: 0 s billed, the connect fee only (see docs/billing.md)
        assertThat(rate(blip).billedSeconds()).isZero();
        assertThat(rate(blip).charge()).isEqualByComparingTo("0.0150");
    }

    static CallRecord with(CallRecord c, Direction direction, Instant answer, String trunk) {
        return new CallRecord(c.callId(), c.subject(), c.from(), c.to(), c.start(), answer, c.end(), direction, trunk);
    }
}
