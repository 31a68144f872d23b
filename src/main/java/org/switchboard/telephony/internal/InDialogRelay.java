package org.switchboard.telephony.internal;

import java.util.List;

import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.NameAddress;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipTransport;
import org.switchboard.telephony.sip.SipUri;
import org.switchboard.telephony.sip.Via;

/**
 * Requests inside a call's dialog (ACK, BYE, re-INVITE for hold, UPDATE, INFO, ...), which pass here
 * because we recorded the route: relayed to the other party (by the call held in memory, else by
 * Route and Request-URI, so a call set up on another node or before a restart still works). A BYE
 * ends the call.
 */
final class InDialogRelay {

    private final SipTransport transport;
    private final Hops hops;
    private final CallTable table;
    private final CallEnding ending;
    private final CallLog callLog;
    private final MediaAnchor media;

    InDialogRelay(SipTransport transport, Hops hops, CallTable table, CallEnding ending, CallLog callLog,
            MediaAnchor media) {
        this.media = media;
        this.transport = transport;
        this.hops = hops;
        this.table = table;
        this.ending = ending;
        this.callLog = callLog;
    }

    /** OPTIONS inside a dialog is relayed; outside one it asks us what we support. */
    void options(SipMessage m, Flow from) {
        if (m.to().tag() != null || hops.topRouteIsUs(m)) {
            relay(m, from);
        } else {
            transport.send(SipReplies.reply(m, 200, "OK").add("Allow", SipReplies.ALLOW)
                    .add("Accept", "application/sdp"), from);
        }
    }

    void ack(SipMessage m, Flow from) {
        Call call = table.get(m.callId());
        String branch = m.topVia().branch();
        if (call != null && branch.equals(call.callerBranch)) {
            return; // the ACK of a final error response: ends the INVITE here
        }
        if (table.answeredFinally(m.callId(), branch)) {
            return;
        }
        if (hops.topRouteIsUs(m) || m.to().tag() != null && call != null) {
            relay(m, from);
        }
    }

    void relay(SipMessage m, Flow from) {
        if (!hops.topRouteIsUs(m) && !hops.isUs(m.requestSipUri())) {
            // a request inside a dialog that did not record our route: not ours to relay
            if (!"ACK".equals(m.method())) {
                transport.send(SipReplies.reply(m, 403, "Forbidden").add("Warning",
                        "399 - \"Not a dialog of this proxy\""), from);
            }
            return;
        }
        Call call = table.get(m.callId());
        SipMessage f = m.copy();
        hops.removeOurRoute(f);
        f.set("Max-Forwards", String.valueOf(Registrar.intOr(m.headerOrNull("Max-Forwards"), 70) - 1));
        Flow target;
        boolean fromCaller = call != null && call.fromCaller(m);
        if (call != null) {
            synchronized (call) {
                target = fromCaller ? call.calleeFlow() : call.callerFlow;
                if (fromCaller && call.cseqShift > 0) {
                    f.set("CSeq", (m.cseq().number() + call.cseqShift) + " " + m.method());
                }
            }
        } else {
            target = null;
        }
        if (target == null) {
            List<String> routes = f.headers("Route");
            SipUri next = routes.isEmpty() ? SipUri.parse(f.requestUri()) : NameAddress.parse(routes.get(0)).sipUri();
            if (next == null || hops.isUs(next)) {
                if (!"ACK".equals(m.method())) {
                    transport.send(SipReplies.reply(m, 404, "Not Found"), from);
                }
                return;
            }
            target = Hops.flowOfUri(next);
        }
        Hops.stampReceived(f, from);
        f.addFirst("Via", hops.via(target.transport(),
                Via.MAGIC + "-sb"
                        + Integer.toHexString((m.topVia().branch() + m.method()).hashCode())));
        if (call != null) {
            media.offer(call, f, target, null); // a re-INVITE (hold) or UPDATE with a new offer
        }
        transport.send(f, target);
        if ("BYE".equals(m.method())) {
            if (call != null) {
                synchronized (call) {
                    ending.end(call, fromCaller ? "BYE_CALLER" : "BYE_CALLEE");
                    table.cleanUpLater(call);
                }
            } else {
                callLog.live(m.callId()).ifPresent(row -> ending.endRow(row, "BYE"));
            }
        }
    }
}
