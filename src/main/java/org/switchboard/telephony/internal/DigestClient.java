package org.switchboard.telephony.internal;

import java.util.Map;
import java.util.Optional;

import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.Via;

/**
 * The client side of digest authentication: the platform answering a trunk's 401 or 407 with its
 * credentials (SHA-256 preferred over MD5, qop {@code auth} when offered).
 */
final class DigestClient {

    /** The header to add ({@code Authorization} or {@code Proxy-Authorization}) and its value. */
    record Answer(String header, String value) {
    }

    private DigestClient() {
    }

    /** The answer to {@code challenge} for a request {@code method uri}; empty when it offers no algorithm we know. */
    static Optional<Answer> answer(SipMessage challenge, String method, String uri, String user, String password) {
        String header = challenge.status() == 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
        Map<String, String> p = null;
        Digest.Algorithm algorithm = null;
        for (String value : challenge.headers(header)) {
            Map<String, String> candidate = Digest.params(value);
            Digest.Algorithm a = Digest.Algorithm.of(candidate.get("algorithm"));
            if (a != null && (algorithm == null || a == Digest.Algorithm.SHA_256)) {
                p = candidate;
                algorithm = a;
            }
        }
        if (p == null || p.get("nonce") == null) {
            return Optional.empty();
        }
        String realm = p.getOrDefault("realm", "");
        String cnonce = SipReplies.newBranch().substring(Via.MAGIC.length());
        String qop = p.get("qop") != null && p.get("qop").contains("auth") ? "auth" : null;
        String ha1 = Digest.ha1(algorithm, user, realm, password);
        String response = qop == null
                ? Digest.hash(algorithm, ha1 + ":" + p.get("nonce") + ":" + Digest.hash(algorithm, method + ":" + uri))
                : Digest.response(algorithm, ha1, p.get("nonce"), "00000001", cnonce, qop, method, uri);
        String credentials = "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + p.get("nonce")
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm.token
                + (qop == null ? "" : ", qop=auth, nc=00000001, cnonce=\"" + cnonce + "\"")
                + (p.get("opaque") != null ? ", opaque=\"" + p.get("opaque") + "\"" : "");
        return Optional.of(new Answer(challenge.status() == 407 ? "Proxy-Authorization" : "Authorization",
                credentials));
    }
}
