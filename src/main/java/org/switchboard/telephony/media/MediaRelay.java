package org.switchboard.telephony.media;

/**
 * A media relay that bridges a WebRTC client (DTLS-SRTP, ICE) and a plain-RTP peer (a desk
 * phone, the carrier): the call path hands it each SDP on its way, and it returns the SDP the other
 * side gets. {@link #NONE} changes nothing, for platforms without a relay.
 */
public interface MediaRelay {

    /** What the side that receives an SDP speaks. */
    enum Side {
        /** A browser: ICE, DTLS-SRTP, RTCP multiplexed (RTP/SAVPF over UDP/TLS). */
        WEBRTC,
        /** A desk phone or the carrier: plain RTP (RTP/AVP), no ICE. */
        PLAIN_RTP
    }

    /** A relay request that failed: the daemon refused, or did not answer in time. */
    final class RelayException extends RuntimeException {
        public RelayException(String message) {
            super(message);
        }
    }

    /** Whether a relay is configured at all. */
    boolean enabled();

    /**
     * An offer (of {@code fromTag}; {@code toTag} inside a dialog, else null) rewritten for the
     * receiving side (a branch of a forked INVITE, or null), which speaks {@code to}.
     */
    String offer(String callId, String fromTag, String toTag, String branch, String sdp, Side to);

    /** The callee's answer ({@code toTag}) rewritten for the caller, which speaks {@code to}. */
    String answer(String callId, String fromTag, String toTag, String branch, String sdp, Side to);

    /** The call ended: the relay frees its ports. Never throws. */
    void delete(String callId, String fromTag);

    MediaRelay NONE = new MediaRelay() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public String offer(String callId, String fromTag, String toTag, String branch, String sdp, Side to) {
            return sdp;
        }

        @Override
        public String answer(String callId, String fromTag, String toTag, String branch, String sdp, Side to) {
            return sdp;
        }

        @Override
        public void delete(String callId, String fromTag) {
        }
    };
}
