package org.switchboard.telephony.sip;

import java.net.InetSocketAddress;

/** Where a message came from or goes to: the transport and the far end's address (a TCP connection's peer). */
public record Flow(Transport transport, InetSocketAddress remote) {

    public enum Transport {
        UDP, TCP, TLS, WS, WSS;

        public static Transport of(String name) {
            if (name == null) {
                return UDP;
            }
            return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "tcp" -> TCP;
                case "tls" -> TLS;
                case "ws" -> WS;
                case "wss" -> WSS;
                default -> UDP;
            };
        }

        /** SIP over WebSocket (RFC 7118): the flow is the open socket, nothing else reaches the client. */
        public boolean webSocket() {
            return this == WS || this == WSS;
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
