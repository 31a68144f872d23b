package org.switchboard.telephony.internal;

import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipTransport;

/**
 * An INVITE outside a dialog: a retransmission is answered with what was said last; a new call
 * from the carrier or from a customer's provider to its trunk's number is inbound, any other a
 * phone's outbound or internal call.
 */
final class CallSetup {

    private final SipTransport transport;
    private final CallTable table;
    private final CarrierTrunk carrier;
    private final OutboundCalls outbound;
    private final InboundCalls inbound;

    CallSetup(SipTransport transport, CallTable table, CarrierTrunk carrier, OutboundCalls outbound,
            InboundCalls inbound) {
        this.transport = transport;
        this.table = table;
        this.carrier = carrier;
        this.outbound = outbound;
        this.inbound = inbound;
    }

    void invite(SipMessage m, Flow from) {
        Call existing = table.get(m.callId());
        String branch = m.topVia().branch();
        if (existing != null && branch.equals(existing.callerBranch)) {
            synchronized (existing) { // a retransmission: say again what was said last
                transport.send(existing.lastToCaller != null ? existing.lastToCaller
                        : SipReplies.reply(m, 100, "Trying"), from);
            }
            return;
        }
        SipMessage earlier = table.finalAnswerTo(m.callId(), branch);
        if (earlier != null) {
            transport.send(earlier, from);
            return;
        }
        if (carrier.isFrom(from)) {
            inbound.invite(m, from);
        } else if (!inbound.fromOwnTrunk(m, from)) {
            outbound.invite(m, from);
        }
    }
}
