package org.switchboard.telephony.internal;

import java.util.Map;
import java.util.Optional;

import org.switchboard.telephony.internal.Devices.Secrets;
import org.switchboard.telephony.internal.Digest.Algorithm;
import org.switchboard.telephony.internal.Nonces.Check;
import org.switchboard.telephony.internal.Tenants.Tenant;
import org.switchboard.telephony.sip.SipMessage;

/**
 * Digest authentication of a device (RFC 3261 22, RFC 8760): a request without credentials, or
 * with wrong, forged, stale or replayed ones, is answered with a challenge for SHA-256 and for
 * MD5 (in that order of preference); 401 for the registrar, 407 for calls.
 */
final class Authenticator {

    /**
     * What the request's credentials gave: the device, or the challenge to answer; {@code failedAttempt}
     * when credentials were given and were wrong, forged or incomplete (not merely missing or stale, and
     * not a nonce count used again: that guesses no password, and it is what a retransmission looks
     * like once the door has forgotten its answer, so it is refused with {@code stale=true}, as a nonce
     * past its lifetime is, and does not count towards a ban).
     */
    record Outcome(Secrets device, SipMessage challenge, boolean failedAttempt) {
        boolean authenticated() {
            return device != null;
        }

        /** The same answer, not counted as a failed attempt. */
        Outcome notCounted() {
            return new Outcome(device, challenge, false);
        }
    }

    private final Devices devices;
    private final Nonces nonces;
    private final java.util.List<Algorithm> order;

    Authenticator(Devices devices, Nonces nonces, java.util.List<String> order) {
        this.devices = devices;
        this.nonces = nonces;
        this.order = order.stream().map(Algorithm::of).filter(java.util.Objects::nonNull).distinct().toList();
    }

    Outcome authenticate(SipMessage request, Tenant tenant, boolean proxy) {
        String vouched = request.authenticatedUser();
        if (vouched != null) {
            // the transport knows the device (a WebSocket of a signed-in employee): no digest to ask for
            int at = vouched.lastIndexOf('@');
            Optional<Secrets> device = at > 0 && vouched.substring(at + 1).equalsIgnoreCase(tenant.domain())
                    ? devices.bySipUser(tenant.id(), vouched.substring(0, at)) : Optional.empty();
            if (device.isPresent()) {
                return new Outcome(device.get(), null, false);
            }
            return new Outcome(null, SipReplies.reply(request, 403, "Forbidden").add("Warning", "399 " + tenant.domain()
                    + " \"This connection belongs to another device\""), false);
        }
        String header = request.headerOrNull(proxy ? "Proxy-Authorization" : "Authorization");
        if (header == null) {
            return challenge(request, tenant, proxy, false, null);
        }
        Map<String, String> p = Digest.params(header);
        String user = p.get("username");
        String realm = p.get("realm");
        String nonce = p.get("nonce");
        String uri = p.get("uri");
        String response = p.get("response");
        String qop = p.get("qop");
        String nc = p.get("nc");
        String cnonce = p.get("cnonce");
        Algorithm algorithm = Algorithm.of(p.get("algorithm"));
        if (user == null || nonce == null || uri == null || response == null || algorithm == null
                || !tenant.domain().equalsIgnoreCase(realm)) {
            return challenge(request, tenant, proxy, false, "Credentials incomplete or for another realm");
        }
        if (!"auth".equalsIgnoreCase(qop) || nc == null || cnonce == null) {
            return challenge(request, tenant, proxy, false, "qop=auth with nc and cnonce is required");
        }
        Optional<Secrets> device = devices.bySipUser(tenant.id(), user);
        if (device.isEmpty()) {
            return challenge(request, tenant, proxy, false, "Wrong user name or password");
        }
        String ha1 = algorithm == Algorithm.MD5 ? device.get().ha1Md5() : device.get().ha1Sha256();
        String expected = Digest.response(algorithm, ha1, nonce, nc, cnonce, qop, request.method(), uri);
        if (!Digest.same(expected, response)) {
            return challenge(request, tenant, proxy, false, "Wrong user name or password");
        }
        Check check = nonces.check(nonce, nc);
        return switch (check) {
            case GOOD -> new Outcome(device.get(), null, false);
            case STALE -> challenge(request, tenant, proxy, true, null);
            case FORGED -> challenge(request, tenant, proxy, false, "Nonce not issued here");
            case MALFORMED -> malformedCount(request, tenant);
            // the password was right: stale, so that a phone answers the new nonce without asking its user
            case REPLAYED -> challenge(request, tenant, proxy, true,
                    "Nonce count already used: send the request again with the new nonce").notCounted();
        };
    }

    /** A nonce count no phone sends: a new challenge would be answered with the same count again. */
    private static Outcome malformedCount(SipMessage request, Tenant tenant) {
        return new Outcome(null, SipReplies.reply(request, 400, "Bad Request").add("Warning", "399 " + tenant.domain()
                + " \"The nonce count (nc) must be eight hex digits, 00000001 for a nonce's first use\""), false);
    }

    private Outcome challenge(SipMessage request, Tenant tenant, boolean proxy, boolean stale, String why) {
        SipMessage r = SipReplies.reply(request, proxy ? 407 : 401, proxy ? "Proxy Authentication Required"
                : "Unauthorized");
        String name = proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
        // one nonce for every algorithm offered: the phone answers one challenge, and the nonce is not tied to one
        String nonce = nonces.issue();
        for (Algorithm a : order) {
            r.add(name, "Digest realm=\"" + tenant.domain() + "\", nonce=\"" + nonce + "\", qop=\"auth\", algorithm="
                    + a.token + (stale ? ", stale=true" : ""));
        }
        if (why != null) {
            r.add("Warning", "399 " + tenant.domain() + " \"" + why + "\"");
        }
        return new Outcome(null, r, why != null);
    }
}
