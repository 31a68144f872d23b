package org.switchboard.telephony.media;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media relay as rtpengine: {@code offer} with the caller's SDP, {@code answer} with the
 * callee's, {@code delete} at the end. The flags name what the receiving side speaks: toward a
 * browser ICE is forced, the profile is UDP/TLS/RTP/SAVPF (DTLS-SRTP) with RTCP multiplexed;
 * toward a desk phone or the carrier ICE is removed, the profile is RTP/AVP and RTCP is demultiplexed.
 * rtpengine's own addresses replace the origin and the connection lines.
 */
public final class RtpEngineRelay implements MediaRelay {

    private static final Logger log = LoggerFactory.getLogger(RtpEngineRelay.class);

    private final NgClient ng;

    public RtpEngineRelay(NgClient ng) {
        this.ng = ng;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    /** Whether the daemon answers {@code ping}. */
    public boolean ping() {
        try {
            return "pong".equals(ng.request(Map.of("command", "ping")).get("result"));
        } catch (RelayException e) {
            return false;
        }
    }

    @Override
    public String offer(String callId, String fromTag, String toTag, String branch, String sdp, Side to) {
        Map<String, Object> c = command("offer", callId, fromTag, branch, sdp, to);
        if (toTag != null) {
            c.put("to-tag", toTag);
        }
        return sdpOf(ng.request(c));
    }

    @Override
    public String answer(String callId, String fromTag, String toTag, String branch, String sdp, Side to) {
        Map<String, Object> c = command("answer", callId, fromTag, branch, sdp, to);
        c.put("to-tag", toTag);
        return sdpOf(ng.request(c));
    }

    @Override
    public void delete(String callId, String fromTag) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", "delete");
        c.put("call-id", callId);
        c.put("from-tag", fromTag);
        try {
            ng.request(c);
        } catch (RelayException e) {
            // the daemon forgets idle calls by itself; nothing more to do for a call that is over
            log.debug("delete of {}: {}", callId, e.getMessage());
        }
    }

    static Map<String, Object> command(String name, String callId, String fromTag, String branch, String sdp, Side to) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", name);
        c.put("call-id", callId);
        c.put("from-tag", fromTag);
        if (branch != null) {
            c.put("via-branch", branch);
        }
        c.put("sdp", sdp);
        c.put("replace", List.of("origin", "session-connection"));
        List<String> rtcpMux = new ArrayList<>();
        if (to == Side.WEBRTC) {
            c.put("transport-protocol", "UDP/TLS/RTP/SAVPF");
            c.put("ICE", "force");
            rtcpMux.add("offer");
            rtcpMux.add("require");
        } else {
            c.put("transport-protocol", "RTP/AVP");
            c.put("ICE", "remove");
            rtcpMux.add("demux");
        }
        c.put("rtcp-mux", rtcpMux);
        return c;
    }

    private static String sdpOf(Map<String, Object> reply) {
        Object sdp = reply.get("sdp");
        if (!(sdp instanceof String s)) {
            throw new RelayException("rtpengine answered without an SDP");
        }
        return s;
    }
}
