package org.switchboard.telephony.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.switchboard.connector.CallRecord;
import org.switchboard.connector.CallRecord.Direction;
import org.switchboard.telephony.SipSettings;
import org.switchboard.telephony.internal.CallLog.CallRow;
import org.switchboard.telephony.internal.Tenants.Tenant;
import org.switchboard.telephony.sip.SipMessage;

/**
 * The toll-fraud guards in force for calls to the public network ({@link TollFraudPolicy} decides):
 * a refused call is kept in the call log with why, and the caller gets 403 with the reason.
 */
final class FraudGuards {

    private final CallLog callLog;
    private final TollFraudPolicy.Guards guards;
    /** Set-up times of each device's recent calls to the public network (this node's share). */
    private final Map<UUID, ArrayDeque<Long>> recent = new ConcurrentHashMap<>();

    FraudGuards(SipSettings settings, CallLog callLog) {
        this.callLog = callLog;
        this.guards = new TollFraudPolicy.Guards(Set.copyOf(settings.fraud().allowedCountries()),
                settings.fraud().blockedPrefixes(), settings.fraud().callsPerMinutePerDevice(),
                settings.fraud().concurrentOutboundPerInstance());
    }

    /** The refusal for the caller when a guard stops this call to {@code e164}; else counts the call. */
    Optional<SipMessage> check(Tenant tenant, SipMessage invite, String caller, UUID device, String e164,
            Instant now) {
        var refusal = TollFraudPolicy.check(e164, tenant.country(), guards, recentCalls(device, now),
                callLog.liveOutbound(tenant.id()));
        if (refusal.isPresent()) {
            callLog.refused(new CallRow(tenant.id(), invite.callId(), tenant.customerId(), caller, caller, e164,
                    Direction.OUTBOUND, CallRecord.PLATFORM_TRUNK, false, now, null, null, null, null), now,
                    refusal.get().code());
            return Optional.of(SipReplies.reply(invite, 403, "Forbidden").add("Warning",
                    SipReplies.warning(tenant.domain(), refusal.get().sentence())));
        }
        countCall(device, now);
        return Optional.empty();
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
