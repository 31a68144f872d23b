package org.switchboard.telephony.sip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A Via value: transport, sent-by host and port, branch, received and rport. */
public record Via(String transport, String host, int port, Map<String, String> params) {

    public static final String MAGIC = "z9hG4bK";

    /**
     * Reads a Via value ({@code SIP/2.0/UDP host:port;branch=...;rport}), or {@code null} when it is
     * not one. Scanned by index, without splitting: every request and response has its top Via read.
     */
    public static Via parse(String value) {
        return read(value, null);
    }

    /**
     * The branch of a Via value, read as {@link #parse} reads it ({@code null} when the value is not
     * a Via or has no branch), without a map of its parameters: the door asks it of every request.
     */
    public static String branchOf(String value) {
        Via via = read(value, "branch");
        return via == null ? null : via.branch();
    }

    /** Reads a Via; {@code only} not null: of its parameters, that one alone is kept. */
    private static Via read(String value, String only) {
        if (value == null) {
            return null;
        }
        String v = value;
        int from = trimStart(v, 0, v.length());
        int to = trimEnd(v, from, v.length());
        int space = v.indexOf(' ', from);
        if (space < 0 || space >= to) {
            return null;
        }
        // the protocol: exactly three parts separated by '/', the last one the transport
        int protoTo = trimEnd(v, from, space);
        int slash1 = v.indexOf('/', from);
        int slash2 = slash1 < 0 || slash1 >= protoTo ? -1 : v.indexOf('/', slash1 + 1);
        if (slash2 < 0 || slash2 >= protoTo || slash2 + 1 == protoTo || v.indexOf('/', slash2 + 1) >= 0
                && v.indexOf('/', slash2 + 1) < protoTo) {
            return null;
        }
        String transport = transport(v, slash2 + 1, protoTo);
        int at = trimStart(v, space + 1, to);
        int semi = v.indexOf(';', at);
        int hostTo = semi < 0 || semi > to ? to : semi;
        int hpFrom = trimStart(v, at, hostTo);
        int hpTo = trimEnd(v, hpFrom, hostTo);
        String host;
        int port = 0;
        int colon = v.lastIndexOf(':', hpTo - 1);
        if (colon > hpFrom && v.charAt(hpTo - 1) != ']') {
            host = v.substring(hpFrom, colon);
            try {
                port = Integer.parseInt(v, trimStart(v, colon + 1, hpTo), hpTo, 10);
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            host = v.substring(hpFrom, hpTo);
        }
        Map<String, String> params = only == null ? new LinkedHashMap<>(8) : null;
        String kept = null;
        for (int p = hostTo; p < to;) {
            int pFrom = p + 1;
            int next = v.indexOf(';', pFrom);
            int pTo = next < 0 || next > to ? to : next;
            int kFrom = trimStart(v, pFrom, pTo);
            int kTo = trimEnd(v, kFrom, pTo);
            if (kFrom < kTo) {
                int eq = v.indexOf('=', kFrom);
                int nameTo = eq < 0 || eq >= kTo ? kTo : trimEnd(v, kFrom, eq);
                if (only == null) {
                    params.put(v.substring(kFrom, nameTo).toLowerCase(Locale.ROOT),
                            nameTo == kTo ? "" : v.substring(trimStart(v, eq + 1, kTo), kTo));
                } else if (nameTo - kFrom == only.length() && v.regionMatches(true, kFrom, only, 0, only.length())) {
                    kept = nameTo == kTo ? "" : v.substring(trimStart(v, eq + 1, kTo), kTo); // the last one wins
                }
            }
            p = pTo;
        }
        if (only != null) {
            return new Via(transport, host, port, kept == null ? Map.of() : Map.of(only, kept));
        }
        return new Via(transport, host, port, Collections.unmodifiableMap(params));
    }

    private static String transport(String v, int from, int to) {
        for (String known : TRANSPORTS) {
            if (known.length() == to - from && v.regionMatches(true, from, known, 0, known.length())) {
                return known;
            }
        }
        return v.substring(from, to).toUpperCase(Locale.ROOT);
    }

    private static final String[] TRANSPORTS = { "UDP", "TCP", "TLS", "WS", "WSS", "SCTP" };

    /** As {@link String#trim()} on {@code v[from, to)}: the first index that is not a space or control character. */
    static int trimStart(String v, int from, int to) {
        while (from < to && v.charAt(from) <= ' ') {
            from++;
        }
        return from;
    }

    static int trimEnd(String v, int from, int to) {
        while (to > from && v.charAt(to - 1) <= ' ') {
            to--;
        }
        return to;
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
