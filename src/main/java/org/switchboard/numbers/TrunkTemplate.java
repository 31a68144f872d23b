package org.switchboard.numbers;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How to reach a SIP provider that customers keep: its registrar and optional outbound proxy
 * ({@code host} or {@code host:port}), the transport, how numbers are written towards it, which
 * header carries the caller id, and whether (and for how long) the platform registers to it.
 */
public record TrunkTemplate(UUID id, String providerName, String registrar, String outboundProxy, Transport transport,
        NumberFormat numberFormat, CallerIdHeader callerIdHeader, boolean registers, int expirySeconds) {

    public enum Transport { UDP, TCP, TLS }

    /** E164: +4989123456; NATIONAL: 089123456; INTL_00: 004989123456. */
    public enum NumberFormat { E164, NATIONAL, INTL_00 }

    public enum CallerIdHeader { FROM, P_ASSERTED_IDENTITY, P_PREFERRED_IDENTITY, REMOTE_PARTY_ID }

    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    /** Why this is not a host with an optional port (a name, IPv4 or [IPv6]), or null. */
    public static String hostProblem(String value) {
        if (value == null || value.isBlank()) {
            return "is required";
        }
        String v = value.trim();
        String host = v;
        String port = null;
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            if (end < 0) {
                return "'" + v + "' is not a host";
            }
            host = v.substring(1, end);
            if (!host.matches("[0-9A-Fa-f:.]{2,45}") || !host.contains(":")) {
                return "'" + v + "' is not an IPv6 address";
            }
            String rest = v.substring(end + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return "'" + v + "' is not a host";
                }
                port = rest.substring(1);
            }
        } else {
            int colon = v.lastIndexOf(':');
            if (colon >= 0) {
                host = v.substring(0, colon);
                port = v.substring(colon + 1);
            }
            boolean numeric = host.matches("[0-9.]+");
            if (numeric ? !IPV4.matcher(host).matches() : !HOSTNAME.matcher(host).matches() || !host.contains(".")) {
                return "'" + v + "' is not a host name (such as sip.example.net) or IPv4 address";
            }
        }
        if (port != null) {
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                return "'" + v + "' has no valid port (1-65535)";
            }
        }
        return null;
    }
}
