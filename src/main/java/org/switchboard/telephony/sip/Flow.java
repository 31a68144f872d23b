package org.switchboard.telephony.sip;

import java.net.InetSocketAddress;

/** Where a message came from or goes to: the transport and the far end's address (a TCP connection's peer). */
public record Flow(Transport transport, InetSocketAddress remote) {

    public enum Transport {
        UDP, TCP;

        public static Transport of(String name) {
            return name != null && name.equalsIgnoreCase("tcp") ? TCP : UDP;
        }
    }

    public String host() {
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }

    public int port() {
        return remote.getPort();
    }

    @Override
    public String toString() {
        return transport.name().toLowerCase() + ":" + host() + ":" + port();
    }

    /** Reads {@link #toString()} back. */
    public static Flow parse(String text) {
        if (text == null) {
            return null;
        }
        String[] p = text.split(":");
        if (p.length < 3) {
            return null;
        }
        String host = text.substring(p[0].length() + 1, text.lastIndexOf(':'));
        return new Flow(Transport.of(p[0]), new InetSocketAddress(host, Integer.parseInt(p[p.length - 1])));
    }
}
