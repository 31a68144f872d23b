package org.switchboard.billing;

import java.math.BigDecimal;

import org.switchboard.connector.CallRecord.Direction;
import org.switchboard.connector.CallRecord;
import org.switchboard.connector.EmergencyNumbers;
import org.switchboard.connector.ServiceRanges;

/**
 * Which calls cost airtime and what: only answered outbound calls over the platform's trunk to a
 * public number are rated, by the zone of the longest matching prefix; calls while the instance
 * is in its trial, free (NFR) or deactivated are kept but free; emergency calls (by the instance's
 * country) are never billed. A rated call that no zone matches, or a premium-rate or service number
 * no zone names ({@link ServiceRanges}), is kept as unrated for the operator to see, never dropped.
 */
public final class AirtimePolicy {

    public enum Outcome { RATED, FREE, NOT_BILLABLE, UNRATED }

    /** What rating decided for a call: the zone (if any), the billed seconds and the charge to 4 decimals. */
    public record RatedCall(CallRecord call, Outcome outcome, TariffZone zone, long billedSeconds, BigDecimal charge,
            String reason) {
    }

    private AirtimePolicy() {
    }

    /** Rates a call of an instance in Germany, {@link EmergencyNumbers#DEFAULT_COUNTRY}. */
    public static RatedCall rate(CallRecord call, Tariff tariff, SubscriptionTimeline timeline) {
        return rate(call, tariff, timeline, EmergencyNumbers.DEFAULT_COUNTRY);
    }

    /**
     * Rates a call of an instance in {@code country} (ISO 3166 alpha-2): its emergency numbers,
     * short or in E.164 form, are never billed.
     */
    public static RatedCall rate(CallRecord call, Tariff tariff, SubscriptionTimeline timeline, String country) {
        if (call.direction() != Direction.OUTBOUND) {
            return notBillable(call, call.direction() == Direction.INBOUND ? "inbound call" : "internal call");
        }
        if (!call.answered()) {
            return notBillable(call, "not answered");
        }
        if (!CallRecord.PLATFORM_TRUNK.equals(call.trunk())) {
            return notBillable(call, "over the customer's own trunk " + call.trunk());
        }
        if (EmergencyNumbers.isEmergency(call.to(), country)) {
            return notBillable(call, "emergency call");
        }
        TariffZone zone = tariff.zoneFor(call.to()).orElse(null);
        if (zone == null) {
            String reason = ServiceRanges.rangeOf(call.to())
                    .map(r -> r.description() + " number: rated only by a zone with the prefix " + r.prefix())
                    .orElse("no tariff zone matches " + call.to());
            return new RatedCall(call, Outcome.UNRATED, null, 0, BigDecimal.ZERO.setScale(Tariff.CALL_SCALE), reason);
        }
        long talk = talkSeconds(call);
        long billed = zone.increment().billedSeconds(talk);
        if (timeline == null || !timeline.chargeableAt(call.start())) {
            return new RatedCall(call, Outcome.FREE, zone, billed, BigDecimal.ZERO.setScale(Tariff.CALL_SCALE),
                    "made while the instance was not subscribed (trial, free or deactivated)");
        }
        return new RatedCall(call, Outcome.RATED, zone, billed, Tariff.price(zone, talk), null);
    }

    /**
     * Talk time in whole seconds, a started second counting as a second (as carriers count it)
     * before the zone's increment applies: 0.4 s is 1 s, 60.2 s is 61 s; an answered call whose
     * answer and hang-up are the same instant talks 0 s (and still pays the connect fee).
     */
    static long talkSeconds(CallRecord call) {
        if (!call.answered()) {
            return 0;
        }
        java.time.Duration talk = java.time.Duration.between(call.answer(), call.end());
        return talk.getSeconds() + (talk.getNano() > 0 ? 1 : 0);
    }

    private static RatedCall notBillable(CallRecord call, String reason) {
        return new RatedCall(call, Outcome.NOT_BILLABLE, null, 0, BigDecimal.ZERO.setScale(Tariff.CALL_SCALE), reason);
    }
}
