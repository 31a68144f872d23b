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
        String route = m.headerOrNull("Route");
        NameAddress top = route == null ? null : NameAddress.parse(route);
        return top != null && isUs(top.sipUri());
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
        f.replaceFirst("Via", withoutReceived(via) + ";received=" + from.host() + ";rport=" + from.port());
    }

    /** The Via without its received and rport parameters (any case), the rest as it was. */
    static String withoutReceived(String via) {
        if (!containsIgnoreCase(via, "received") && !containsIgnoreCase(via, "rport")) {
            return via;
        }
        StringBuilder b = new StringBuilder(via.length());
        int semi = via.indexOf(';');
        b.append(via, 0, semi < 0 ? via.length() : semi);
        while (semi >= 0) {
            int next = via.indexOf(';', semi + 1);
            int end = next < 0 ? via.length() : next;
            int eq = via.indexOf('=', semi + 1);
            String name = via.substring(semi + 1, eq < 0 || eq > end ? end : eq).trim();
            if (!name.equalsIgnoreCase("received") && !name.equalsIgnoreCase("rport")) {
                b.append(via, semi, end);
            }
            semi = next;
        }
        return b.toString();
    }

    private static boolean containsIgnoreCase(String s, String lower) {
        for (int i = 0; i + lower.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, lower, 0, lower.length())) {
                return true;
            }
        }
        return false;
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
