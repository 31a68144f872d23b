package org.switchboard.telephony.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipParser;
import org.switchboard.telephony.sip.SipTransport;

/**
 * The calls this node holds in memory, by Call-ID and by the branch ids of their forwarded INVITEs,
 * and the last final answer to recent INVITEs (bounded), to answer retransmissions. A finished call
 * leaves the table a few seconds after its end, so late responses still find it.
 * <p>
 * The final answers are kept as sent (bytes) and read again only for a retransmission: kept as parsed
 * messages, 20,000 of them with their header maps lived through several young collections at
 * 1,250 calls/s, each copied every time (docs/benchmarks.md, "What lives through young collections").
 */
final class CallTable {

    private static final int RECENT_FINALS = 20_000;

    private final SipTransport transport;
    private final ScheduledExecutorService timers;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final Map<String, Call> byBranch = new ConcurrentHashMap<>();
    private final Map<String, byte[]> recentFinals = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                    return size() > RECENT_FINALS;
                }
            });

    CallTable(SipTransport transport, ScheduledExecutorService timers) {
        this.transport = transport;
        this.timers = timers;
    }

    Call get(String callId) {
        return calls.get(callId);
    }

    Call ofBranch(String branch) {
        return byBranch.get(branch);
    }

    void add(Call call) {
        calls.put(call.callId, call);
    }

    void addBranch(String branch, Call call) {
        byBranch.put(branch, call);
    }

    void remove(Call call) {
        calls.remove(call.callId, call);
    }

    /** The final answer already given to this INVITE (Call-ID and branch), if any. */
    SipMessage finalAnswerTo(String callId, String branch) {
        byte[] sent = recentFinals.get(callId + "|" + branch);
        if (sent == null) {
            return null;
        }
        try {
            return SipParser.parseDatagram(sent, sent.length);
        } catch (SipParser.BadMessageException e) {
            throw new IllegalStateException("a final answer kept as sent does not read back", e);
        }
    }

    /** Whether this INVITE (Call-ID and branch) was answered finally. */
    boolean answeredFinally(String callId, String branch) {
        return recentFinals.containsKey(callId + "|" + branch);
    }

    void rememberFinal(SipMessage invite, SipMessage response) {
        recentFinals.put(invite.callId() + "|" + invite.topVia().branch(), response.encode());
    }

    /** Answers an INVITE finally, and remembers the answer for its retransmissions. */
    void finalReply(SipMessage request, Flow from, SipMessage response) {
        transport.send(response, from);
        rememberFinal(request, response);
    }

    /**
     * The call leaves the table: at once when answered, branches and all (here, not by a timer task
     * of no delay: one hand-off less per call), else after 8 s, so late responses still find it.
     */
    void cleanUpLater(Call call) {
        if (call.winner != null) {
            calls.remove(call.callId, call);
            call.branches.keySet().forEach(byBranch::remove);
        } else {
            timers.schedule(() -> {
                calls.remove(call.callId, call);
                call.branches.keySet().forEach(byBranch::remove);
            }, 8, TimeUnit.SECONDS);
        }
    }

    /** Live calls of this node, for the pages. */
    int size() {
        return calls.size();
    }
}
