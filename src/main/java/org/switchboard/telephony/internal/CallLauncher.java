package org.switchboard.telephony.internal;

import java.time.Instant;
import java.util.List;

import org.switchboard.telephony.internal.Bindings.Reachable;
import org.switchboard.telephony.internal.CallLog.CallRow;
import org.switchboard.telephony.internal.Tenants.Tenant;
import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.SipMessage;

/**
 * An admitted call starts: it enters the call table and the call log, its INVITE goes to every live
 * contact of the extensions called (or to the carrier, or the customer's own trunk), and its no-answer
 * timer runs. Nobody registered: 480.
 */
final class CallLauncher {

    private final CallTable table;
    private final CallLogWriter callLog;
    private final Bindings bindings;
    private final Forker forker;
    private final CallCancellation cancellation;
    private final CallEnding ending;
    private final CarrierTrunk carrier;

    CallLauncher(CallTable table, CallLogWriter callLog, Bindings bindings, Forker forker, CallCancellation cancellation,
            CallEnding ending, CarrierTrunk carrier) {
        this.table = table;
        this.callLog = callLog;
        this.bindings = bindings;
        this.forker = forker;
        this.cancellation = cancellation;
        this.ending = ending;
        this.carrier = carrier;
    }

    Call open(Tenant tenant, SipMessage invite, Flow from, CallRow row) {
        Call call = new Call(tenant, invite, from, row);
        table.add(call);
        callLog.started(row);
        return call;
    }

    /** Rings every device of the extensions; 480 when none is registered. */
    void ringExtensions(Call call, List<String> extensions, Instant now) {
        synchronized (call) {
            for (String extension : extensions) {
                for (Reachable r : bindings.ofExtension(call.tenant.id(), extension, now)) {
                    forker.fork(call, r.binding().contact(), Flow.parse(r.binding().flow()));
                }
            }
            if (call.branches.isEmpty()) {
                ending.failCall(call, SipReplies.reply(call.invite, 480, "Temporarily Unavailable"),
                        "NOT_REGISTERED");
                return;
            }
        }
        cancellation.startNoAnswerTimer(call);
    }

    /**
     * Sends the call to the public number through the platform's carrier trunk, presenting
     * {@code callerNumber} (null: none, the carrier shows what it shows) as the carrier expects.
     */
    void ringCarrier(Call call, String e164, String callerNumber) {
        synchronized (call) {
            if (callerNumber != null) {
                call.identity = new CallerIdentity(callerNumber, carrier.callerIdHeader());
            }
            if (carrier.hasCredentials()) {
                call.login = new Call.Login(carrier.flow(), carrier.username(), carrier.password());
            }
            forker.fork(call, carrier.uri(e164), carrier.flow());
        }
        cancellation.startNoAnswerTimer(call);
    }

    /**
     * Sends the call to the public number through the customer's own trunk, presenting
     * {@code callerNumber} (a number the trunk carries) in the header its template names.
     */
    void ringOwnTrunk(Call call, OwnTrunks.Route trunk, String e164, String callerNumber) {
        synchronized (call) {
            call.identity = new CallerIdentity(callerNumber, trunk.trunk().template().callerIdHeader());
            call.login = trunk.login();
            forker.fork(call, trunk.uri(e164), trunk.target());
        }
        cancellation.startNoAnswerTimer(call);
    }
}
