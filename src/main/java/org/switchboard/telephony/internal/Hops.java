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
        StringBuilder b = null;
        int kept = 0; // the Via up to here is kept as it is
        for (int semi = via.indexOf(';'); semi >= 0;) {
            int next = via.indexOf(';', semi + 1);
            int end = next < 0 ? via.length() : next;
            if (isParam(via, semi + 1, end, "received") || isParam(via, semi + 1, end, "rport")) {
                if (b == null) {
                    b = new StringBuilder(via.length());
                }
                b.append(via, kept, semi);
                kept = end;
            }
            semi = next;
        }
        return b == null ? via : b.append(via, kept, via.length()).toString();
    }

    /** Whether the parameter in {@code via[from, to)} is named {@code name} (spaces around the name allowed). */
    private static boolean isParam(String via, int from, int to, String name) {
        int eq = via.indexOf('=', from);
        int nameEnd = eq < 0 || eq > to ? to : eq;
        while (from < nameEnd && via.charAt(from) <= ' ') {
            from++;
        }
        while (nameEnd > from && via.charAt(nameEnd - 1) <= ' ') {
            nameEnd--;
        }
        return nameEnd - from == name.length() && via.regionMatches(true, from, name, 0, name.length());
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
