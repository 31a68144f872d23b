package org.switchboard.telephony.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.telephony.media.MediaRelay;
import org.switchboard.telephony.media.MediaRelay.RelayException;
import org.switchboard.telephony.media.MediaRelay.Side;
import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.Flow.Transport;
import org.switchboard.telephony.sip.SipMessage;

/**
 * Where the call path meets the media relay. A call whose caller and callee branch speak different
 * media (a browser over the WebSocket, WebRTC; a desk phone or the carrier, plain RTP) is anchored
 * at the relay when its INVITE is forked: each SDP then passes the relay on its way, offers (the
 * INVITE, a re-INVITE or UPDATE inside the dialog) and answers (183, 2xx), rewritten for the side
 * that receives it; the call's end deletes it there. Calls between two browsers or two plain
 * phones, and every call without a relay, keep their SDP as it is. A relay that fails leaves the
 * SDP unchanged (logged), so signalling never depends on it.
 */
final class MediaAnchor {

    private static final Logger log = LoggerFactory.getLogger(MediaAnchor.class);

    private final MediaRelay relay;
    /** The calls anchored at the relay (by Call-ID), with the caller's tag. */
    private final Map<String, String> anchored = new ConcurrentHashMap<>();

    MediaAnchor(MediaRelay relay) {
        this.relay = relay;
    }

    /** An offer on its way to {@code to}: the forked INVITE (with its branch) or a request inside the dialog. */
    void offer(Call call, SipMessage m, Flow to, String branch) {
        if (!relay.enabled() || !hasSdp(m) || !("INVITE".equals(m.method()) || "UPDATE".equals(m.method()))) {
            return;
        }
        boolean initial = branch != null;
        if (initial && webRtc(call.callerFlow) != webRtc(to)) {
            anchored.put(call.callId, call.callerTag == null ? "" : call.callerTag);
        }
        if (!anchored.containsKey(call.callId)) {
            return;
        }
        try {
            String sdp = relay.offer(call.callId, m.from().tag(), initial ? null : m.to().tag(), branch, sdpOf(m),
                    side(to));
            m.body("application/sdp", sdp.getBytes(StandardCharsets.UTF_8));
        } catch (RelayException e) {
            log.warn("call {}: media relay offer failed, SDP passed as it is: {}", call.callId, e.getMessage());
        }
    }

    /** A response on its way to {@code to}: its SDP, if any, is the answer to the last offer. */
    void answer(Call call, SipMessage r, Flow to, String branch) {
        if (!anchored.containsKey(call.callId) || !hasSdp(r) || r.status() < 180 || r.status() >= 300
                || !("INVITE".equals(r.cseqMethod()) || "UPDATE".equals(r.cseqMethod()))) {
            return;
        }
        try {
            String sdp = relay.answer(call.callId, r.from().tag(), r.to().tag(), branch, sdpOf(r), side(to));
            r.body("application/sdp", sdp.getBytes(StandardCharsets.UTF_8));
        } catch (RelayException e) {
            log.warn("call {}: media relay answer failed, SDP passed as it is: {}", call.callId, e.getMessage());
        }
    }

    /** The call ended (BYE, CANCEL, a final error, no answer): the relay frees its media. */
    void end(Call call) {
        String callerTag = anchored.remove(call.callId);
        if (callerTag != null) {
            relay.delete(call.callId, callerTag);
        }
    }

    private static boolean hasSdp(SipMessage m) {
        String type = m.headerOrNull("Content-Type");
        return m.body().length > 0 && type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/sdp");
    }

    private static String sdpOf(SipMessage m) {
        return new String(m.body(), StandardCharsets.UTF_8);
    }

    private static boolean webRtc(Flow f) {
        return f != null && (f.transport() == Transport.WS || f.transport() == Transport.WSS);
    }

    private static Side side(Flow to) {
        return webRtc(to) ? Side.WEBRTC : Side.PLAIN_RTP;
    }
}
