package org.switchboard.telephony.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.switchboard.connector.CallRecord;
import org.switchboard.connector.CallRecord.Direction;
import org.switchboard.instances.InstanceId;
import org.switchboard.telephony.SipSettings;
import org.switchboard.telephony.internal.CallLog.CallRow;
import org.switchboard.telephony.internal.Tenants.Tenant;
import org.switchboard.telephony.sip.SipMessage;

/**
 * The toll-fraud guards in force for calls to the public network ({@link TollFraudPolicy} decides):
 * a refused call is kept in the call log with why, and the caller gets 403 with the reason. The
 * day's airtime is counted in {@code switchboard.sip.fraud.airtime-zone}; the first call refused by
 * the cap on a day sends the alert mail. The concurrent cap counts this node's calls in flight from
 * memory ({@link OutboundInFlight}) and other nodes' from the call log, and takes the call's place in
 * the same step as the check; the call's end gives it back ({@link EndWriter}).
 */
final class FraudGuards {

    private final CallLog callLog;
    private final OpenCountries countries;
    private final AirtimeAlerts alerts;
    private final OperatorSipSettings settings;
    private final ZoneId zone;
    private final OutboundInFlight inFlight;
    /** The guards of the settings in force, made again when those change. */
    private volatile GuardsOf guardsOf;

    private record GuardsOf(SipSettings.Fraud fraud, TollFraudPolicy.Guards guards) {
    }
    /** Set-up times of each device's recent calls to the public network (this node's share). */
    private final Map<UUID, ArrayDeque<Long>> recent = new ConcurrentHashMap<>();

    FraudGuards(OperatorSipSettings settings, CallLog callLog, OpenCountries countries, AirtimeAlerts alerts,
            OutboundInFlight inFlight) {
        this.settings = settings;
        this.inFlight = inFlight;
        this.callLog = callLog;
        this.countries = countries;
        this.alerts = alerts;
        this.zone = ZoneId.of(settings.fraud().airtimeZone());
    }

    private TollFraudPolicy.Guards guards() {
        SipSettings.Fraud f = settings.fraud();
        GuardsOf g = guardsOf;
        if (g == null || g.fraud() != f) {
            g = new GuardsOf(f, new TollFraudPolicy.Guards(Set.copyOf(f.allowedCountries()), f.blockedPrefixes(),
                    f.callsPerMinutePerDevice(), f.concurrentOutboundPerInstance(), f.dailyAirtimeMinutes(),
                    f.allowedPrefixes()));
            guardsOf = g;
        }
        return g.guards();
    }

    /** The refusal for the caller when a guard stops this call to {@code e164}; else counts the call. */
    Optional<SipMessage> check(Tenant tenant, SipMessage invite, String caller, UUID device, String e164,
            Instant now) {
        TollFraudPolicy.Guards guards = guards();
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant dayStart = today.atStartOfDay(zone).toInstant();
        Optional<TollFraudPolicy.Refusal> refusal;
        OutboundInFlight.OfInstance here = inFlight.of(tenant.id());
        synchronized (here) { // the check and taking the place are one step: no two calls take the last place
            Set<String> mine = here.callIds();
            var usage = new TollFraudPolicy.Usage(countries.of(tenant.id()), recentCalls(device, now),
                    mine.size() + callLog.liveOutboundExcept(tenant.id(), mine), guards.dailyAirtimeMinutes() > 0
                            ? callLog.airtimeSeconds(tenant.id(), dayStart, now) : 0);
            refusal = TollFraudPolicy.check(e164, tenant.country(), guards, usage);
            if (refusal.isEmpty()) {
                here.take(invite.callId());
            }
        }
        if (refusal.isPresent()) {
            callLog.refused(new CallRow(tenant.id(), invite.callId(), tenant.customerId(), caller, caller, e164,
                    Direction.OUTBOUND, CallRecord.PLATFORM_TRUNK, false, now, null, null, null, null), now,
                    refusal.get().code());
            if (refusal.get().code().equals(TollFraudPolicy.AIRTIME_CAP)) {
                alerts.capReached(tenant, today, guards.dailyAirtimeMinutes(), now);
            }
            return Optional.of(SipReplies.reply(invite, 403, "Forbidden").add("Warning",
                    SipReplies.warning(tenant.domain(), refusal.get().sentence())));
        }
        countCall(device, now);
        return Optional.empty();
    }

    /** The call's place under the concurrent cap is free: it was refused after the guards. */
    void release(InstanceId instance, String callId) {
        inFlight.release(instance, callId);
    }

    /** The countries a customer admin may open besides the home country. */
    Set<String> openable() {
        return guards().openableCountries();
    }

    private int recentCalls(UUID device, Instant now) {
        ArrayDeque<Long> times = recent.get(device);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            long since = now.toEpochMilli() - 60_000;
            while (!times.isEmpty() && times.peekFirst() < since) {
                times.pollFirst();
            }
            return times.size();
        }
    }

    private void countCall(UUID device, Instant now) {
        if (recent.size() > 100_000) {
            recent.clear(); // bounded: forgetting the window is safer than growing without end
        }
        ArrayDeque<Long> times = recent.computeIfAbsent(device, d -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now.toEpochMilli());
        }
    }
}
