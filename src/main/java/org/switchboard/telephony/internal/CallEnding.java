package org.switchboard.telephony.internal;

import java.time.Clock;
import java.time.Instant;

import org.switchboard.telephony.SipSettings;
import org.switchboard.telephony.internal.Call.Branch;
import org.switchboard.telephony.internal.CallLog.CallRow;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipTransport;

/**
 * The end of a call, however it ends (a final error, BYE, CANCEL, no answer, a timeout): once, its
 * row in {@link CallLog} ended with why (its record pending), and its licence given back once that
 * end is committed ({@link EndWriter}).
 */
final class CallEnding {

    private final SipTransport transport;
    private final Hops hops;
    private final CallTable table;
    private final CallLog callLog;
    private final EndWriter ends;
    private final SipSettings settings;
    private final Clock clock;

    private final MediaAnchor media;

    CallEnding(SipTransport transport, Hops hops, CallTable table, CallLog callLog, EndWriter ends,
            SipSettings settings, Clock clock, MediaAnchor media) {
        this.ends = ends;
        this.media = media;
        this.transport = transport;
        this.hops = hops;
        this.table = table;
        this.callLog = callLog;
        this.settings = settings;
        this.clock = clock;
    }

    /** Ends a call once: its row ended (its record pending) and its licence given back. Lock held. */
    void end(Call call, String reason) {
        if (call.ended) {
            return;
        }
        call.ended = true;
        media.end(call);
        if (call.noAnswer != null) {
            call.noAnswer.cancel(false);
        }
        endRow(call.row, reason);
    }

    /** Ends a call this node does not hold in memory (set up on another node, or before a restart). */
    void endRow(CallRow row, String reason) {
        ends.end(row, clock.instant(), reason);
    }

    /** The call's final answer goes to the caller: the call failed; its row ended. */
    void failCall(Call call, SipMessage response, String reason) {
        synchronized (call) {
            call.finalSent = true;
            call.lastToCaller = response;
            transport.send(response, call.callerFlow);
            table.rememberFinal(call.invite, response);
            end(call, reason);
            table.cleanUpLater(call);
        }
    }

    /** Called with the call's lock held, when a branch has its final non-2xx answer. */
    void branchFinished(Call call, Branch b, SipMessage response) {
        if (call.branches.values().stream().anyMatch(x -> x.status < 200) || call.finalSent) {
            if (call.finalSent && call.winner == null
                    && call.branches.values().stream().allMatch(x -> x.status >= 200)) {
                table.cleanUpLater(call);
            }
            return;
        }
        SipMessage best = response;
        int bestStatus = response.status();
        for (Branch x : call.branches.values()) {
            if (x.status >= 600) {
                bestStatus = x.status;
            }
        }
        if (bestStatus != response.status()) {
            best = SipReplies.reply(call.invite, bestStatus, bestStatus == 603 ? "Decline" : "Busy Everywhere");
        } else {
            best = response.copy().removeFirst("Via");
            call.restoreCSeq(best);
        }
        int status = best.status();
        String reason = call.cancelled ? "CANCELLED" : status == 486 || status == 600 ? "BUSY"
                : status == 603 ? "DECLINED" : status == 404 || status == 604 ? "NOT_FOUND"
                        : status == 408 || status == 480 ? "NO_ANSWER" : "FAILED_" + status;
        call.finalSent = true;
        call.lastToCaller = best;
        transport.send(best, call.callerFlow);
        table.rememberFinal(call.invite, best);
        end(call, reason);
        table.cleanUpLater(call);
    }

    /** Calls live longer than the longest call allowed, here or on a node that is gone, end as timed out. */
    void endOverdue() {
        Instant before = clock.instant().minus(settings.maxCallDuration());
        for (CallRow row : callLog.liveSince(before, 200)) {
            Call call = table.get(row.callId());
            if (call != null) {
                synchronized (call) {
                    end(call, "TIMEOUT");
                    table.remove(call);
                }
            } else {
                endRow(row, "TIMEOUT");
            }
        }
    }

    /** Hangs up the callee who answered after the call was over (cancelled or timed out meanwhile). */
    void byeToCallee(Call call, SipMessage ok) {
        Branch b = call.winner;
        SipMessage bye = SipMessage.request("BYE", Hops.contactOf(ok, b.request.requestUri()));
        bye.add("Via", hops.via(b.target.transport(), SipReplies.newBranch()));
        bye.add("Max-Forwards", "70");
        bye.add("From", b.request.headerOrNull("From"));
        bye.add("To", ok.headerOrNull("To"));
        bye.add("Call-ID", call.callId);
        bye.add("CSeq", (b.request.cseq().number() + 1) + " BYE");
        transport.send(bye, b.target);
    }
}
