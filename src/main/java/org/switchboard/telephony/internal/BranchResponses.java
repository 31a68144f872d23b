package org.switchboard.telephony.internal;

import java.time.Clock;

import org.switchboard.telephony.internal.Call.Branch;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipTransport;

/**
 * The responses to a call's forwarded INVITEs, which decide the call: the first 2xx wins (the call
 * is answered, the other branches cancelled), all errors give the caller the best of them, and the
 * 401/407 of the carrier or a customer's trunk is answered with that trunk's credentials. Called by
 * {@link ResponseRelay} with the call's lock held.
 */
final class BranchResponses {

    private final SipTransport transport;
    private final CallTable table;
    private final Forker forker;
    private final CallEnding ending;
    private final CallLogWriter callLog;
    private final Clock clock;
    private final MediaAnchor media;

    BranchResponses(SipTransport transport, CallTable table, Forker forker, CallEnding ending, CallLogWriter callLog,
            Clock clock, MediaAnchor media) {
        this.transport = transport;
        this.table = table;
        this.forker = forker;
        this.ending = ending;
        this.callLog = callLog;
        this.clock = clock;
        this.media = media;
    }

    /** A response of branch {@code b}; the call's lock is held. */
    void onResponse(Call call, Branch b, SipMessage r) {
        if (b.retransmit != null) {
            b.retransmit.cancel(false);
        }
        int status = r.status();
        if (status < 200) {
            provisional(call, b, r);
        } else if (status < 300) {
            success(call, b, r);
        } else {
            failure(call, b, r);
        }
    }

    private void provisional(Call call, Branch b, SipMessage r) {
        if (b.status == 0 || b.status < 200) {
            b.status = Math.max(b.status, r.status());
        }
        if (b.cancelSent || call.cancelled) {
            forker.sendCancel(b);
        }
        if (r.status() > 100 && !call.finalSent) {
            toCaller(call, r);
        }
    }

    private void success(Call call, Branch b, SipMessage r) {
        boolean first = call.winner == null;
        b.status = r.status();
        if (first && !call.finalSent) {
            call.winner = b;
            call.finalSent = true;
            if (call.noAnswer != null) {
                call.noAnswer.cancel(false);
            }
            callLog.answered(call.tenant.id(), call.callId, clock.instant());
            for (Branch other : call.branches.values()) {
                if (other != b && other.status < 200) {
                    forker.sendCancel(other);
                }
            }
        }
        if (call.winner == b || call.winner == null) {
            toCaller(call, r); // every 2xx of the winner, retransmissions too, goes to the caller
        }
        if (call.ended && call.winner == b) {
            // the caller cancelled or the call timed out while this 2xx was under way: hang it up
            ending.byeToCallee(call, r);
        }
    }

    private void failure(Call call, Branch b, SipMessage r) {
        if (b.status >= 200) {
            forker.ackBranch(b, r); // a retransmitted final: ACK again
            return;
        }
        int status = r.status();
        b.status = status;
        forker.ackBranch(b, r);
        if ((status == 401 || status == 407) && call.login != null && b.target.equals(call.login.target())
                && call.authAttempts == 0 && !call.cancelled && !call.finalSent) {
            call.authAttempts++;
            authenticateToTrunk(call, b, r);
            return;
        }
        ending.branchFinished(call, b, r);
    }

    /**
     * The trunk (the carrier, or a customer's own) asked who we are: the same INVITE again, with the
     * trunk's credentials and the next CSeq.
     */
    private void authenticateToTrunk(Call call, Branch b, SipMessage challenge) {
        String uri = b.request.requestUri();
        DigestClient.Answer answer = DigestClient.answer(challenge, "INVITE", uri, call.login.username(),
                call.login.password()).orElse(null);
        if (answer == null) {
            ending.branchFinished(call, b, challenge);
            return;
        }
        call.cseqShift = 1;
        call.branches.remove(b.id);
        forker.fork(call, uri, b.target, answer);
    }

    /**
     * A provisional or final answer of the callee on its way to the caller. Media: the SDP answer
     * (in a 183 or the 2xx) passes here.
     */
    void toCaller(Call call, SipMessage r) {
        SipMessage f = r.copy().removeFirst("Via");
        call.restoreCSeq(f);
        media.answer(call, f, call.callerFlow, r.topVia().branch());
        call.lastToCaller = f;
        transport.send(f, call.callerFlow);
        if (r.status() >= 200) {
            table.rememberFinal(call.invite, f);
        }
    }
}
