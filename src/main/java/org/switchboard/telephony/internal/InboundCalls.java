package org.switchboard.telephony.internal;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.connector.CallRecord;
import org.switchboard.connector.CallRecord.Direction;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.telephony.internal.CallLog.CallRow;
import org.switchboard.telephony.internal.Tenants.Tenant;
import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipTransport;
import org.switchboard.telephony.sip.SipUri;

/**
 * A call from the carrier, or from a customer's own provider over its trunk, to an instance: never
 * refused for the licence, reported as INBOUND_CALL.
 */
final class InboundCalls {

    private static final Logger log = LoggerFactory.getLogger(InboundCalls.class);

    private final SipTransport transport;
    private final InboundRouter router;
    private final LicenceReporter licences;
    private final CallLauncher launcher;
    private final CallTable table;
    private final Clock clock;
    private final OwnTrunks ownTrunks;

    InboundCalls(SipTransport transport, InboundRouter router, LicenceReporter licences, CallLauncher launcher,
            CallTable table, Clock clock, OwnTrunks ownTrunks) {
        this.ownTrunks = ownTrunks;
        this.transport = transport;
        this.router = router;
        this.licences = licences;
        this.launcher = launcher;
        this.table = table;
        this.clock = clock;
    }

    void invite(SipMessage m, Flow from) {
        start(m, from, router.target(SipUri.parse(m.requestUri())).orElse(null), CallRecord.PLATFORM_TRUNK);
    }

    /**
     * A call from a customer's own provider to a number of its trunk: routed like a call from the
     * carrier, recorded over that trunk. False when the INVITE is not one (the caller is a phone).
     */
    boolean fromOwnTrunk(SipMessage m, Flow from) {
        OwnTrunks.Inbound in = ownTrunks.inbound(m, from).orElse(null);
        if (in == null) {
            return false;
        }
        start(m, from, router.target(in.route()).orElse(null), OwnTrunks.Route.recordName(in.trunk()));
        return true;
    }

    private void start(SipMessage m, Flow from, InboundRouter.Target target, String trunk) {
        if (target == null) {
            table.finalReply(m, from, SipReplies.reply(m, 404, "Not Found"));
            return;
        }
        Tenant tenant = target.tenant();
        transport.send(SipReplies.reply(m, 100, "Trying"), from);
        Instant now = clock.instant();
        String caller = m.from().sipUri().user() == null ? "anonymous" : m.from().sipUri().user();
        String callee = target.extensions().get(0);
        // never refused: recorded without holding up the ringing
        licences.reportLater(tenant.id(), new LicenceEvent(EventType.INBOUND_CALL, callee, m.callId(), caller, now))
                .whenComplete((decision, failure) -> {
                    if (failure != null) {
                        log.debug("inbound call {} not reported: {}", m.callId(), failure.getMessage());
                    }
                });
        CallRow row = new CallRow(tenant.id(), m.callId(), tenant.customerId(), callee, caller, target.number(),
                Direction.INBOUND, trunk, false, now, null, null, null, null);
        Call call = launcher.open(tenant, m, from, row);
        launcher.ringExtensions(call, target.extensions(), now);
    }
}
