package org.switchboard.telephony.internal;

import java.net.InetSocketAddress;
import java.util.Locale;

import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.Flow.Transport;
import org.switchboard.telephony.sip.NameAddress;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipTransport;
import org.switchboard.telephony.sip.SipUri;
import org.switchboard.telephony.sip.Via;

/**
 * The proxy's own place on a message's path: whether a URI or Route names us, our Via and
 * Record-Route entries, and where a message goes next (by Via, by URI, by Contact).
 */
final class Hops {

    private static final java.util.regex.Pattern RECEIVED_OR_RPORT = java.util.regex.Pattern
            .compile(";\\s*(received|rport)(=[^;]*)?");

    private final SipTransport transport;

    Hops(SipTransport transport) {
        this.transport = transport;
    }

    /** Our Via for a request we send over {@code t}. */
    String via(Transport t, String branch) {
        return Via.of(t.name(), transport.advertisedHost(), transport.port(), branch);
    }

    String recordRoute(Transport t) {
        return "<sip:" + transport.advertisedHost() + ":" + transport.port(t) + ";transport="
                + t.name().toLowerCase(Locale.ROOT) + ";lr>";
    }

    boolean topRouteIsUs(SipMessage m) {
        return m.header("Route").map(NameAddress::parse).map(NameAddress::sipUri).map(this::isUs).orElse(false);
    }

    /** Takes our own entries off the top of the route set (two when a call crosses from UDP to TCP). */
    void removeOurRoute(SipMessage f) {
        while (topRouteIsUs(f)) {
            f.removeFirst("Route");
        }
    }

    boolean isUs(SipUri uri) {
        return uri != null && uri.user() == null ? isUs(uri.host(), uri.port())
                : uri != null && isUs(uri.host(), uri.port()) && uri.host().equals(transport.advertisedHost());
    }

    boolean isUs(String host, int port) {
        int p = port == 0 ? 5060 : port;
        return (p == transport.port() || p == transport.port(Transport.TLS)) && (host.equals(transport.advertisedHost())
                || host.equals("127.0.0.1") && transport.advertisedHost().equals("localhost"));
    }

    /** The requester's Via gets received and rport, so responses find it back through NAT and over TCP. */
    static void stampReceived(SipMessage f, Flow from) {
        String via = f.headerOrNull("Via");
        String stripped = RECEIVED_OR_RPORT.matcher(via).replaceAll("");
        f.replaceFirst("Via", stripped + ";received=" + from.host() + ";rport=" + from.port());
    }

    static Flow flowOf(Via via) {
        return new Flow(Transport.of(via.transport()), new InetSocketAddress(via.responseHost(), via.responsePort()));
    }

    static Flow flowOfUri(SipUri uri) {
        return new Flow(Transport.of(uri.transport()), new InetSocketAddress(uri.host(), uri.portOrDefault()));
    }

    static String contactOf(SipMessage m, String otherwise) {
        return m.header("Contact").map(NameAddress::parse).map(NameAddress::uri).orElse(otherwise);
    }
}
