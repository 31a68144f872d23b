package org.switchboard.telephony.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.switchboard.telephony.sip.NameAddress;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.Via;

/** Answers of our own and fresh branch ids: what every part of the core says the same way. */
final class SipReplies {

    /**
     * Random bytes of branch ids and nonces: a generator per thread (the JDK's default one is shared
     * by the whole process behind one lock, taken by every SIP worker for every call).
     */
    static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SipReplies::generator);
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE, INFO, NOTIFY, REFER, PRACK";

    private SipReplies() {
    }

    /** A response of our own to {@code request}, with a To tag when it is final and none was there. */
    static SipMessage reply(SipMessage request, int status, String reason) {
        SipMessage r = SipMessage.responseTo(request, status, reason);
        if (status > 100) {
            String to = r.headerOrNull("To");
            NameAddress parsed = to == null ? null : request.to();
            if (parsed != null && parsed.tag() == null) {
                r.set("To", to + ";tag=" + tagFor(request));
            }
        }
        r.add("Server", "Switchboard");
        return r;
    }

    /** {@code 399 <domain> "<sentence>"}: the Warning a phone shows. */
    static String warning(String domain, String sentence) {
        return "399 " + domain + " \"" + sentence + "\"";
    }

    private static String tagFor(SipMessage request) {
        // the same tag for retransmissions of the same request
        return Integer.toHexString((request.callId() + request.headerOrNull("CSeq")).hashCode());
    }

    static String newBranch() {
        byte[] b = new byte[8];
        RANDOM.get().nextBytes(b);
        return Via.MAGIC + "-sb" + HexFormat.of().formatHex(b);
    }

    private static SecureRandom generator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
