package org.switchboard.billing;

import java.math.BigDecimal;

import org.switchboard.connector.CallRecord.Direction;
import org.switchboard.connector.CallRecord;

/**
 * Which calls cost airtime and what: only answered outbound calls over the platform's trunk to a
 * public number are rated, by the zone of the longest matching prefix; calls while the instance
 * is in its trial, free (NFR) or deactivated are kept but free. A rated call that no zone matches
 * is kept as unrated for the operator to see, never dropped.
 */
public final class AirtimePolicy {

    public enum Outcome { RATED, FREE, NOT_BILLABLE, UNRATED }

    /** What rating decided for a call: the zone (if any), the billed seconds and the charge to 4 decimals. */
    public record RatedCall(CallRecord call, Outcome outcome, TariffZone zone, long billedSeconds, BigDecimal charge,
            String reason) {
    }

    private AirtimePolicy() {
    }

    public static RatedCall rate(CallRecord call, Tariff tariff, SubscriptionTimeline timeline) {
        if (call.direction() != Direction.OUTBOUND) {
            return notBillable(call, call.direction() == Direction.INBOUND ? "inbound call" : "internal call");
        }
        if (!call.answered()) {
            return notBillable(call, "not answered");
        }
        if (!CallRecord.PLATFORM_TRUNK.equals(call.trunk())) {
            return notBillable(call, "over the customer's own trunk " + call.trunk());
        }
        if (call.emergency()) {
            return notBillable(call, "emergency call");
        }
        TariffZone zone = tariff.zoneFor(call.to()).orElse(null);
        if (zone == null) {
            return new RatedCall(call, Outcome.UNRATED, null, 0, BigDecimal.ZERO.setScale(Tariff.CALL_SCALE),
                    "no tariff zone matches " + call.to());
        }
        long billed = zone.increment().billedSeconds(call.talkSeconds());
        if (timeline == null || !timeline.chargeableAt(call.start())) {
            return new RatedCall(call, Outcome.FREE, zone, billed, BigDecimal.ZERO.setScale(Tariff.CALL_SCALE),
                    "made while the instance was not subscribed (trial, free or deactivated)");
        }
        return new RatedCall(call, Outcome.RATED, zone, billed, Tariff.price(zone, call.talkSeconds()), null);
    }

    private static RatedCall notBillable(CallRecord call, String reason) {
        return new RatedCall(call, Outcome.NOT_BILLABLE, null, 0, BigDecimal.ZERO.setScale(Tariff.CALL_SCALE), reason);
    }
}
