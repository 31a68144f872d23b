package org.switchboard.telephony.internal;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.connector.CallRecord;
import org.switchboard.connector.CallRecord.Direction;
import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.numbers.NumberRouting;
import org.switchboard.telephony.internal.CallLog.CallRow;
import org.switchboard.telephony.internal.CallRouting.Route;
import org.switchboard.telephony.internal.Devices.Secrets;
import org.switchboard.telephony.internal.Tenants.Tenant;
import org.switchboard.telephony.sip.SipMessage;

/**
 * Whether an authenticated caller's call may start, and where it goes: the route ({@link CallRouting}),
 * the toll-fraud guards for the public network, and the licence ({@code OUTBOUND_CALL_STARTED} with
 * the Call-ID as ref, in process). Emergency calls go out over the limit and when the licence engine
 * cannot be asked.
 */
final class CallAdmission {

    private static final Logger log = LoggerFactory.getLogger(CallAdmission.class);
    static final String LICENCE_WARNING = "Licence limit reached";

    /**
     * Either the call's route, whether it holds a licence and the number it presents to the public
     * network (null: none assigned), or the final answer refusing it.
     */
    record Admission(Route route, boolean licenceHeld, String callerNumber, SipMessage refusal) {
        boolean admitted() {
            return refusal == null;
        }
    }

    private final CarrierTrunk carrier;
    private final Devices devices;
    private final FraudGuards fraud;
    private final LicenceReporter licences;
    private final CallLogWriter callLog;
    private final NumberRouting numbers;

    CallAdmission(CarrierTrunk carrier, Devices devices, FraudGuards fraud, LicenceReporter licences,
            CallLogWriter callLog, NumberRouting numbers) {
        this.numbers = numbers;
        this.carrier = carrier;
        this.devices = devices;
        this.fraud = fraud;
        this.licences = licences;
        this.callLog = callLog;
    }

    Admission admit(Tenant tenant, SipMessage m, Secrets device, String dialled, Instant now) {
        String caller = device.device().extension();
        Route route = CallRouting.route(dialled, tenant.country(), tenant.deactivated(),
                ext -> devices.extensionHasDevices(tenant.id(), ext), carrier.configured());
        switch (route.kind()) {
            case NOT_FOUND -> {
                return refused(route, SipReplies.reply(m, 404, "Not Found"));
            }
            case DEACTIVATED -> {
                record(tenant, m, caller, route, now, "DEACTIVATED");
                return refused(route, SipReplies.reply(m, 403, "Phone System Deactivated").add("Warning",
                        SipReplies.warning(tenant.domain(),
                                "This phone system is deactivated: only emergency calls go out")));
            }
            case NO_TRUNK -> {
                record(tenant, m, caller, route, now, "NO_TRUNK");
                return refused(route, SipReplies.reply(m, 503, "No Trunk").add("Retry-After", "60").add("Warning",
                        SipReplies.warning(tenant.domain(),
                                "No carrier trunk is configured for calls to the public network")));
            }
            default -> {
            }
        }
        if (route.kind() == CallRouting.Kind.EXTERNAL) {
            Optional<SipMessage> refusal = fraud.check(tenant, m, caller, device.device().id(), route.target(), now);
            if (refusal.isPresent()) {
                return refused(route, refusal.get());
            }
        }
        Decision decision;
        try {
            decision = licences.report(tenant.id(), new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, caller,
                    m.callId(), route.target(), now, device.device().licenceDevice()));
        } catch (RuntimeException e) {
            log.warn("licence engine unavailable for call {}: {}", m.callId(), e.getMessage());
            if (route.kind() != CallRouting.Kind.EMERGENCY) {
                return refused(route, SipReplies.reply(m, 503, "Service Unavailable").add("Retry-After", "5"));
            }
            decision = null; // an emergency call goes out even when the licence cannot be asked
        }
        if (decision != null && !decision.admitted()) {
            record(tenant, m, caller, route, now, "LICENCE_LIMIT");
            return refused(route, SipReplies.reply(m, 403, LICENCE_WARNING).add("Warning",
                    SipReplies.warning(tenant.domain(), LICENCE_WARNING + ": " + decision.reason())));
        }
        String callerNumber = route.kind() == CallRouting.Kind.INTERNAL ? null
                : numbers.callerIdOf(tenant.id(), caller).orElse(null);
        return new Admission(route, decision != null, callerNumber, null);
    }

    /** The call was admitted but did not start (or was refused by the licence after the guards): its place is free. */
    void abandoned(Tenant tenant, SipMessage m) {
        fraud.release(tenant.id(), m.callId());
    }

    /** A refused call is kept with why, like every call (the fraud guards keep theirs themselves). */
    private void record(Tenant tenant, SipMessage m, String caller, Route route, Instant now, String why) {
        String to = route.target();
        boolean internal = route.kind() == CallRouting.Kind.INTERNAL || route.kind() == CallRouting.Kind.DEACTIVATED
                && !to.startsWith("+") && !to.startsWith("0") && devices.extensionHasDevices(tenant.id(), to);
        if (!internal && !to.startsWith("+")) {
            to = CallRouting.e164(to, tenant.country());
            if (to == null) {
                return; // not a number: nothing was called
            }
        }
        callLog.started(new CallRow(tenant.id(), m.callId(), tenant.customerId(), caller, caller, to,
                internal ? Direction.INTERNAL : Direction.OUTBOUND, internal ? "internal" : CallRecord.PLATFORM_TRUNK,
                false, now, null, null, null, null));
        callLog.ended(tenant.id(), m.callId(), now, why);
    }

    private static Admission refused(Route route, SipMessage answer) {
        return new Admission(route, false, null, answer);
    }
}
