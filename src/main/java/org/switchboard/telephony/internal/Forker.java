package org.switchboard.telephony.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.switchboard.telephony.internal.Call.Branch;
import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.Flow.Transport;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipTransport;

/**
 * The client transactions of a call: the caller's INVITE forwarded to each target (a branch), with
 * our Via and Record-Route, retransmitted over UDP (Timer A, given up after 16 s: Timer B); and the
 * CANCEL and ACK a branch needs.
 * <p>
 * Media: the SDP offer leaves the platform here, in the body of the forwarded INVITE ({@link #fork});
 * the answer comes back in {@link BranchResponses#toCaller}. A media relay anchors the media at these
 * two points.
 */
final class Forker {

    private final SipTransport transport;
    private final Hops hops;
    private final CallTable table;
    private final CallEnding ending;
    private final ScheduledExecutorService timers;
    private final MediaAnchor media;

    Forker(SipTransport transport, Hops hops, CallTable table, CallEnding ending, ScheduledExecutorService timers,
            MediaAnchor media) {
        this.media = media;
        this.transport = transport;
        this.hops = hops;
        this.table = table;
        this.ending = ending;
        this.timers = timers;
    }

    /** Sends the caller's INVITE to one more target. Lock of the call held. */
    void fork(Call call, String requestUri, Flow target) {
        fork(call, requestUri, target, null);
    }

    /** Sends the caller's INVITE to one more target, with credentials when the target asked for them. */
    void fork(Call call, String requestUri, Flow target, DigestClient.Answer credentials) {
        SipMessage f = call.invite.withRequestUri(requestUri);
        hops.removeOurRoute(f);
        f.remove("Proxy-Authorization");
        f.set("Max-Forwards", String.valueOf(Registrar.intOr(call.invite.headerOrNull("Max-Forwards"), 70) - 1));
        Hops.stampReceived(f, call.callerFlow);
        String branch = SipReplies.newBranch();
        f.addFirst("Via", hops.via(target.transport(), branch));
        if (target.transport() != call.callerFlow.transport()) {
            f.addFirst("Record-Route", hops.recordRoute(call.callerFlow.transport()));
        }
        f.addFirst("Record-Route", hops.recordRoute(target.transport()));
        if (call.cseqShift > 0) {
            SipMessage.CSeq c = f.cseq();
            f.set("CSeq", (c.number() + call.cseqShift) + " INVITE");
        }
        if (credentials != null) {
            f.set(credentials.header(), credentials.value());
        }
        if (call.identity != null) {
            call.identity.presentIn(f, call.tenant.domain());
        }
        media.offer(call, f, target, branch);
        Branch b = new Branch(branch, target, f);
        call.branches.put(branch, b);
        table.addBranch(branch, call);
        transport.send(f, target);
        if (target.transport() == Transport.UDP) {
            retransmit(call, b, 500);
        }
    }

    private void retransmit(Call call, Branch b, long delay) {
        b.retransmit = timers.schedule(() -> {
            synchronized (call) {
                if (b.status != 0 || call.ended && !call.cancelled) {
                    return;
                }
                if (delay >= 16_000) { // Timer B: no answer from this branch at all
                    b.status = 408;
                    ending.branchFinished(call, b, SipReplies.reply(call.invite, 408, "Request Timeout"));
                    return;
                }
                transport.send(b.request, b.target);
                retransmit(call, b, Math.min(delay * 2, 16_000));
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    void sendCancel(Branch b) {
        b.cancelSent = true;
        if (b.status == 0) {
            return; // RFC 3261 9.1: CANCEL only once a provisional response came; sent then
        }
        SipMessage c = SipMessage.request("CANCEL", b.request.requestUri());
        c.add("Via", b.request.headerOrNull("Via"));
        b.request.headers("Route").forEach(r -> c.add("Route", r));
        c.add("Max-Forwards", "70");
        c.add("From", b.request.headerOrNull("From"));
        c.add("To", b.request.headerOrNull("To"));
        c.add("Call-ID", b.request.callId());
        c.add("CSeq", b.request.cseq().number() + " CANCEL");
        transport.send(c, b.target);
    }

    void ackBranch(Branch b, SipMessage response) {
        SipMessage a = SipMessage.request("ACK", b.request.requestUri());
        a.add("Via", b.request.headerOrNull("Via"));
        b.request.headers("Route").forEach(r -> a.add("Route", r));
        a.add("Max-Forwards", "70");
        a.add("From", b.request.headerOrNull("From"));
        a.add("To", response.headerOrNull("To"));
        a.add("Call-ID", b.request.callId());
        a.add("CSeq", b.request.cseq().number() + " ACK");
        transport.send(a, b.target);
    }
}
