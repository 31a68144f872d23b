package org.switchboard.telephony.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.Flow.Transport;

/**
 * The platform's carrier trunk to the public network: where it is, how to reach it, how it knows us
 * (the operator's settings in force, {@link OperatorSipSettings}).
 */
final class CarrierTrunk {

    private static final Logger log = LoggerFactory.getLogger(CarrierTrunk.class);

    /** The carrier's address as written, and where it was found. */
    private record Resolved(String written, InetSocketAddress address) {
    }

    private final OperatorSipSettings settings;
    private volatile Resolved carrier;

    CarrierTrunk(OperatorSipSettings settings) {
        this.settings = settings;
    }

    boolean configured() {
        return settings.carrier().configured();
    }

    /** Whether a request came from the carrier (its address and port). */
    boolean isFrom(Flow from) {
        InetSocketAddress c = address();
        return c != null && c.getAddress() != null && c.getAddress().equals(from.remote().getAddress())
                && c.getPort() == from.remote().getPort();
    }

    InetSocketAddress address() {
        if (!settings.carrier().configured()) {
            return null;
        }
        String a = settings.carrier().address().trim();
        Resolved known = carrier;
        InetSocketAddress c = known != null && known.written().equals(a) ? known.address() : null;
        if (c == null) {
            int colon = a.lastIndexOf(':');
            String host = colon > 0 ? a.substring(0, colon) : a;
            int port = colon > 0 ? Integer.parseInt(a.substring(colon + 1)) : 5060;
            try {
                c = new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                log.warn("carrier {} cannot be resolved", a);
                return null;
            }
            carrier = new Resolved(a, c);
        }
        return c;
    }

    Flow flow() {
        InetSocketAddress c = address();
        return c == null ? null : new Flow(Transport.of(settings.carrier().transport()), c);
    }

    String uri(String number) {
        InetSocketAddress c = address();
        return "sip:" + number + "@" + c.getAddress().getHostAddress() + ":" + c.getPort()
                + ("tcp".equalsIgnoreCase(settings.carrier().transport()) ? ";transport=tcp" : "");
    }

    /** Whether we have credentials to answer the carrier's challenge with. */
    boolean hasCredentials() {
        return settings.carrier().username() != null && !settings.carrier().username().isBlank();
    }

    /** The header the carrier reads the caller's number from. */
    org.switchboard.numbers.TrunkTemplate.CallerIdHeader callerIdHeader() {
        return CallerIdentity.header(settings.carrier().callerIdHeader());
    }

    String username() {
        return settings.carrier().username();
    }

    String password() {
        return settings.carrier().password();
    }
}
