package org.switchboard.telephony.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.switchboard.connector.CallRecord;
import org.switchboard.connector.CallRecord.Direction;
import org.switchboard.telephony.internal.Authenticator.Outcome;
import org.switchboard.telephony.internal.CallAdmission.Admission;
import org.switchboard.telephony.internal.CallLog.CallRow;
import org.switchboard.telephony.internal.Tenants.Tenant;
import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipTransport;
import org.switchboard.telephony.sip.SipUri;

/**
 * A new call from a phone: its instance (by the domain called, or the caller's own when the
 * Request-URI names the proxy), the caller authenticated (407 until then), admitted, then started:
 * internal calls ring the callee's devices, others go to the carrier, or through the customer's own
 * trunk when that trunk carries the caller's number (emergency calls always to the carrier).
 * <p>
 * Why this class is large: nine collaborators, one for each step a new call goes through in order
 * (tenant, authentication, admission, the customer's own trunk, the launch, the call table, hops,
 * transport, clock); splitting the order itself would hide it.
 */
final class OutboundCalls {

    private final SipTransport transport;
    private final Hops hops;
    private final Tenants tenants;
    private final Authenticator auth;
    private final CallAdmission admission;
    private final CallLauncher launcher;
    private final CallTable table;
    private final Clock clock;
    private final OwnTrunks ownTrunks;

    OutboundCalls(SipTransport transport, Hops hops, Tenants tenants, Authenticator auth, CallAdmission admission,
            CallLauncher launcher, CallTable table, Clock clock, OwnTrunks ownTrunks) {
        this.ownTrunks = ownTrunks;
        this.transport = transport;
        this.hops = hops;
        this.tenants = tenants;
        this.auth = auth;
        this.admission = admission;
        this.launcher = launcher;
        this.table = table;
        this.clock = clock;
    }

    void invite(SipMessage m, Flow from) {
        SipUri ruri = m.requestSipUri();
        SipUri fromUri = m.from().sipUri();
        Tenant tenant = tenants.ofDomain(ruri.host())
                .or(() -> hops.isUs(ruri) ? tenants.ofDomain(fromUri.host()) : Optional.empty()).orElse(null);
        if (tenant == null) {
            table.finalReply(m, from, SipReplies.reply(m, 404, "Not Found").add("Warning",
                    "399 - \"Domain not served here\""));
            return;
        }
        Outcome outcome = auth.authenticate(m, tenant, true);
        if (!outcome.authenticated()) {
            transport.send(outcome.challenge(), from);
            return;
        }
        String caller = outcome.device().device().extension();
        transport.send(SipReplies.reply(m, 100, "Trying"), from);
        Instant now = clock.instant();
        Admission admitted = admission.admit(tenant, m, outcome.device(), ruri.user(), now);
        if (!admitted.admitted()) {
            admission.abandoned(tenant, m);
            table.finalReply(m, from, admitted.refusal());
            return;
        }
        boolean internal = admitted.route().kind() == CallRouting.Kind.INTERNAL;
        String target = admitted.route().target();
        OwnTrunks.Route own = admitted.route().kind() == CallRouting.Kind.EXTERNAL
                ? ownTrunks.forCaller(tenant, admitted.callerNumber()).orElse(null) : null;
        String trunk = internal ? "internal" : own != null ? own.recordName() : CallRecord.PLATFORM_TRUNK;
        CallRow row = new CallRow(tenant.id(), m.callId(), tenant.customerId(), caller, caller, target,
                internal ? Direction.INTERNAL : Direction.OUTBOUND, trunk, admitted.licenceHeld(), now, null, null,
                null, null);
        Call call = launcher.open(tenant, m, from, row);
        if (internal) {
            launcher.ringExtensions(call, List.of(target), now);
        } else if (own != null) {
            launcher.ringOwnTrunk(call, own, target, admitted.callerNumber());
        } else {
            launcher.ringCarrier(call, target, admitted.callerNumber());
        }
    }
}
