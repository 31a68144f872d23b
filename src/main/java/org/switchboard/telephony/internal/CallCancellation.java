package org.switchboard.telephony.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.switchboard.telephony.SipSettings;
import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipTransport;

/**
 * A call given up before it was answered: the caller's CANCEL, or no answer within
 * {@code switchboard.sip.no-answer-timeout}. Every branch still ringing is cancelled, the caller
 * hears 487 or 480, and the call ends.
 */
final class CallCancellation {

    private final SipTransport transport;
    private final CallTable table;
    private final Forker forker;
    private final CallEnding ending;
    private final SipSettings settings;
    private final ScheduledExecutorService timers;

    CallCancellation(SipTransport transport, CallTable table, Forker forker, CallEnding ending, SipSettings settings,
            ScheduledExecutorService timers) {
        this.transport = transport;
        this.table = table;
        this.forker = forker;
        this.ending = ending;
        this.settings = settings;
        this.timers = timers;
    }

    void cancel(SipMessage m, Flow from) {
        Call call = table.get(m.callId());
        if (call == null || !m.topVia().branch().equals(call.callerBranch)) {
            transport.send(SipReplies.reply(m, 481, "Call/Transaction Does Not Exist"), from);
            return;
        }
        transport.send(SipReplies.reply(m, 200, "OK"), from);
        synchronized (call) {
            if (call.finalSent) {
                return; // answered already: the caller sends BYE instead
            }
            call.cancelled = true;
            if (call.noAnswer != null) {
                call.noAnswer.cancel(false);
            }
            call.branches.values().stream().filter(b -> b.status < 200).forEach(forker::sendCancel);
            ending.end(call, "CANCELLED");
            // the callee's 487 comes back and is relayed; if a branch is silent, the caller hears it anyway
            timers.schedule(() -> {
                synchronized (call) {
                    if (!call.finalSent) {
                        call.finalSent = true;
                        SipMessage r = SipReplies.reply(call.invite, 487, "Request Terminated");
                        call.lastToCaller = r;
                        transport.send(r, call.callerFlow);
                        table.rememberFinal(call.invite, r);
                        table.cleanUpLater(call);
                    }
                }
            }, 4, TimeUnit.SECONDS);
        }
    }

    /** Starts the call's no-answer timer. */
    void startNoAnswerTimer(Call call) {
        call.noAnswer = timers.schedule(() -> noAnswer(call), settings.noAnswerTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void noAnswer(Call call) {
        synchronized (call) {
            if (call.finalSent || call.ended) {
                return;
            }
            call.finalSent = true;
            call.cancelled = true;
            call.branches.values().stream().filter(b -> b.status < 200).forEach(forker::sendCancel);
            SipMessage r = SipReplies.reply(call.invite, 480, "No Answer");
            call.lastToCaller = r;
            transport.send(r, call.callerFlow);
            table.rememberFinal(call.invite, r);
            ending.end(call, "NO_ANSWER");
            table.cleanUpLater(call);
        }
    }
}
