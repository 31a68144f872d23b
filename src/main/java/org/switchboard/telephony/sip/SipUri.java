package org.switchboard.telephony.sip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.switchboard.platform.BoundedMemo;

/** A sip: or sips: URI: user, host, port (0 when not given) and its parameters; headers are dropped. */
public record SipUri(String scheme, String user, String host, int port, Map<String, String> params) {

    /** At most this many URIs read are kept. */
    static final int MAX_READ = 8_192;
    /** URIs read lately, by their text: the same few (a phone's, the proxy's) come with every message. */
    private static final BoundedMemo<String, SipUri> READ = new BoundedMemo<>(MAX_READ);

    /** Reads a sip: or sips: URI; {@code null} when it is not one. */
    public static SipUri parse(String text) {
        if (text == null) {
            return null;
        }
        return READ.get(text, SipUri::read);
    }

    private static SipUri read(String text) {
        String s = text.trim();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        int colon = s.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("sip") && !scheme.equals("sips")) {
            return null;
        }
        String rest = s.substring(colon + 1);
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            int pw = user.indexOf(':');
            if (pw >= 0) {
                user = user.substring(0, pw);
            }
            rest = rest.substring(at + 1);
        }
        Map<String, String> params = new LinkedHashMap<>();
        String[] parts = rest.split(";");
        String hostPort = parts[0];
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            int eq = parts[i].indexOf('=');
            if (eq < 0) {
                params.put(parts[i].toLowerCase(Locale.ROOT), "");
            } else {
                params.put(parts[i].substring(0, eq).toLowerCase(Locale.ROOT), parts[i].substring(eq + 1));
            }
        }
        String host = hostPort;
        int port = 0;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = hostPort.substring(0, close + 1);
            if (hostPort.length() > close + 2 && hostPort.charAt(close + 1) == ':') {
                port = port(hostPort.substring(close + 2));
            }
        } else {
            int pc = hostPort.lastIndexOf(':');
            if (pc >= 0) {
                host = hostPort.substring(0, pc);
                port = port(hostPort.substring(pc + 1));
            }
        }
        if (host.isEmpty() || port < 0) {
            return null;
        }
        return new SipUri(scheme, user, host.toLowerCase(Locale.ROOT), port, Collections.unmodifiableMap(params));
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text);
            return p > 0 && p < 65536 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public String transport() {
        String t = params.get("transport");
        return t == null ? "udp" : t.toLowerCase(Locale.ROOT);
    }

    public int portOrDefault() {
        return port == 0 ? (scheme.equals("sips") ? 5061 : 5060) : port;
    }

    public SipUri withUser(String newUser) {
        return new SipUri(scheme, newUser, host, port, params);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(scheme).append(':');
        if (user != null) {
            b.append(user).append('@');
        }
        b.append(host);
        if (port > 0) {
            b.append(':').append(port);
        }
        params.forEach((k, v) -> b.append(';').append(k).append(v.isEmpty() ? "" : "=" + v));
        return b.toString();
    }
}
