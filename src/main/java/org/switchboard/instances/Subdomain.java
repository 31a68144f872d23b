package org.switchboard.instances;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.switchboard.platform.InvalidInputException;

/**
 * The label under which an instance is reached (label.switchboard.cloud): DNS-safe, lower case,
 * 3 to 63 letters, digits and inner hyphens, and none of the labels the platform keeps for itself.
 */
public record Subdomain(String value) {

    static final Set<String> RESERVED = Set.of("www", "api", "admin", "sip", "mail", "smtp", "imap", "pop",
            "pop3", "ftp", "ns", "ns1", "ns2", "dns", "mx", "app", "portal", "status", "support", "help", "docs",
            "billing", "static", "cdn", "assets", "login", "auth", "sso", "vpn", "proxy", "stun", "turn", "webrtc",
            "provisioning", "root", "operator", "switchboard", "test", "demo", "dev", "staging", "localhost");
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$");

    public Subdomain {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidInputException("subdomain", problem);
        }
    }

    public static Subdomain of(String raw) {
        return new Subdomain(raw == null ? null : raw.trim().toLowerCase(Locale.ROOT));
    }

    static String problemWith(String value) {
        if (value == null || value.isBlank()) {
            return "Sub-domain is required";
        }
        if (value.length() < 3 || value.length() > 63) {
            return "Sub-domain must be 3 to 63 characters long";
        }
        if (!LABEL.matcher(value).matches()) {
            return "Sub-domain may contain only lower-case letters a-z, digits and hyphens, and must not start or end with a hyphen";
        }
        if (value.contains("--")) {
            return "Sub-domain must not contain two hyphens in a row";
        }
        if (RESERVED.contains(value)) {
            return "The sub-domain '" + value + "' is reserved: choose another one";
        }
        return null;
    }
}
