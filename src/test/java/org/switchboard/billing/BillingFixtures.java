package org.switchboard.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.switchboard.billing.SubscriptionTimeline.Entry;
import org.switchboard.billing.SubscriptionTimeline.Kind;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.connector.CallRecord.Direction;
import org.switchboard.connector.CallRecord;
import org.switchboard.instances.InstanceId;

/** Small builders for billing's domain tests. */
final class BillingFixtures {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final BillingCalendar CALENDAR = new BillingCalendar(BERLIN);

    private BillingFixtures() {
    }

    static Instant berlin(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(BERLIN).toInstant();
    }

    static Money eur(String amount) {
        return Money.euros(amount);
    }

    static Entry activated(Instant at, int cu, String net) {
        return new Entry(at, Kind.ACTIVATED, Plan.BASIC, cu, eur(net), false);
    }

    static Entry upgraded(Instant at, int cu, String net) {
        return new Entry(at, Kind.UPGRADED, Plan.BASIC, cu, eur(net), false);
    }

    static Entry renewed(Instant at, int cu, String net) {
        return new Entry(at, Kind.RENEWED, Plan.BASIC, cu, eur(net), false);
    }

    static Entry deactivated(Instant at) {
        return new Entry(at, Kind.DEACTIVATED, null, 0, eur("0"), false);
    }

    static SubscriptionTimeline timeline(InstanceId id, String name, Entry... entries) {
        return new SubscriptionTimeline(id, name, List.of(entries));
    }

    static TariffZone zone(String name, String increment, String perMinute, String connectFee, String... prefixes) {
        return new TariffZone(UUID.randomUUID(), name, List.of(prefixes), new BigDecimal(perMinute),
                Increment.byCode(increment).orElseThrow(), new BigDecimal(connectFee));
    }

    /** An answered outbound call over the platform's trunk, {@code seconds} long from answer. */
    static CallRecord outbound(String to, Instant answer, long seconds) {
        return new CallRecord(UUID.randomUUID().toString(), "ext-101", "+4930123456", to, answer.minusSeconds(5),
                answer, answer.plusSeconds(seconds), Direction.OUTBOUND, CallRecord.PLATFORM_TRUNK);
    }
}
