package org.switchboard.telephony.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import org.switchboard.telephony.internal.CallLog.CallRow;
import org.switchboard.telephony.internal.Tenants.Tenant;
import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.NameAddress;
import org.switchboard.telephony.sip.SipMessage;

/**
 * A call being set up or talking, as this node sees it: the caller's INVITE, the branches it was
 * forked to, what the caller was told last. Its fields are read and written with the call's own lock
 * held ({@code synchronized (call)}).
 */
final class Call {

    /** One forwarded INVITE of a call: where to, what was sent, what came back. */
    static final class Branch {
        final String id;
        final Flow target;
        final SipMessage request;
        int status;
        boolean cancelSent;
        ScheduledFuture<?> retransmit;

        Branch(String id, Flow target, SipMessage request) {
            this.id = id;
            this.target = target;
            this.request = request;
        }
    }

    /** Who we are to the trunk a call goes out through, to answer its 401/407 (the target asking). */
    record Login(Flow target, String username, String password) {
        @Override
        public String toString() {
            return "Login[" + target + ", " + username + ", password ****]";
        }
    }

    final String callId;
    final Tenant tenant;
    final SipMessage invite;
    final Flow callerFlow;
    final String callerBranch;
    final String callerTag;
    final CallRow row;
    final Map<String, Branch> branches = new LinkedHashMap<>();
    SipMessage lastToCaller;
    Branch winner;
    boolean finalSent;
    boolean ended;
    boolean cancelled;
    int authAttempts;
    long cseqShift;
    ScheduledFuture<?> noAnswer;
    /** The number presented to the trunk, for calls to the public network that have one. */
    CallerIdentity identity;
    /** The credentials of the trunk the call goes out through (null: none to answer a challenge with). */
    Login login;

    Call(Tenant tenant, SipMessage invite, Flow callerFlow, CallRow row) {
        this.callId = invite.callId();
        this.tenant = tenant;
        this.invite = invite;
        this.callerFlow = callerFlow;
        this.callerBranch = invite.topVia().branch();
        this.callerTag = invite.from().tag();
        this.row = row;
        this.lastToCaller = SipReplies.reply(invite, 100, "Trying");
    }

    Flow calleeFlow() {
        return winner == null ? null : winner.target;
    }

    boolean fromCaller(SipMessage m) {
        return callerTag != null && callerTag.equals(m.from().tag());
    }

    /**
     * Responses to the caller's requests go back with the caller's own CSeq (see carrier
     * authentication) and From (when the caller id was presented in From).
     */
    void restoreCSeq(SipMessage response) {
        if (identity != null) {
            identity.restoreIn(response, invite);
        }
        if (cseqShift > 0) {
            SipMessage.CSeq c = response.cseq();
            NameAddress from = response.from();
            if (c != null && from != null && callerTag != null && callerTag.equals(from.tag())) {
                response.set("CSeq", (c.number() - cseqShift) + " " + c.method());
            }
        }
    }
}
