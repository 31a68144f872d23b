package org.switchboard.telephony.sip;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A Via value: transport, sent-by host and port, branch, received and rport. */
public record Via(String transport, String host, int port, Map<String, String> params) {

    public static final String MAGIC = "z9hG4bK";

    public static Via parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        int space = v.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String protocol = v.substring(0, space).trim();
        String[] proto = protocol.split("/");
        if (proto.length != 3) {
            return null;
        }
        String[] parts = v.substring(space + 1).trim().split(";");
        String hostPort = parts[0].trim();
        String host = hostPort;
        int port = 0;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                params.put(p.toLowerCase(Locale.ROOT), "");
            } else {
                params.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
            }
        }
        return new Via(proto[2].toUpperCase(Locale.ROOT), host, port, params);
    }

    public String branch() {
        return params.get("branch");
    }

    /** Where a response goes (RFC 3261 18.2.2, RFC 3581): received and rport when set, else sent-by. */
    public String responseHost() {
        String received = params.get("received");
        return received != null && !received.isEmpty() ? received : host;
    }

    public int responsePort() {
        String rport = params.get("rport");
        if (rport != null && !rport.isEmpty()) {
            try {
                return Integer.parseInt(rport);
            } catch (NumberFormatException e) {
                // fall through to sent-by
            }
        }
        return port == 0 ? 5060 : port;
    }

    public static String of(String transport, String host, int port, String branch) {
        return "SIP/2.0/" + transport + " " + host + ":" + port + ";branch=" + branch;
    }
}
