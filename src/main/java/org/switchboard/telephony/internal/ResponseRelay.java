package org.switchboard.telephony.internal;

import org.switchboard.telephony.internal.Call.Branch;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipTransport;
import org.switchboard.telephony.sip.Via;

/**
 * Responses coming back to the proxy: those of a call's INVITE branches go to
 * {@link BranchResponses}, which decides the call; any other response goes back by its Via.
 */
final class ResponseRelay {

    private final SipTransport transport;
    private final Hops hops;
    private final CallTable table;
    private final MediaAnchor media;
    private final BranchResponses branches;

    ResponseRelay(SipTransport transport, Hops hops, CallTable table, MediaAnchor media, BranchResponses branches) {
        this.transport = transport;
        this.hops = hops;
        this.table = table;
        this.media = media;
        this.branches = branches;
    }

    void onResponse(SipMessage r) {
        Via top = r.topVia();
        if (top == null || !hops.isUs(top.host(), top.port())) {
            return;
        }
        Call call = table.ofBranch(top.branch());
        if (call == null) {
            forwardStateless(r);
            return;
        }
        String method = r.cseqMethod();
        if ("CANCEL".equals(method)) {
            return;
        }
        if (!"INVITE".equals(method)) {
            forwardStateless(r);
            return;
        }
        synchronized (call) {
            Branch b = call.branches.get(top.branch());
            if (b != null) {
                branches.onResponse(call, b, r);
            }
        }
    }

    private void forwardStateless(SipMessage r) {
        SipMessage f = r.copy().removeFirst("Via");
        Via next = f.topVia();
        if (next == null) {
            return;
        }
        Call call = table.get(r.callId());
        if (call != null) {
            synchronized (call) {
                call.restoreCSeq(f);
                media.answer(call, f, Hops.flowOf(next), null); // the answer to a re-INVITE inside the call
            }
        }
        transport.send(f, Hops.flowOf(next));
    }
}
