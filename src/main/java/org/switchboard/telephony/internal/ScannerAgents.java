package org.switchboard.telephony.internal;

import java.util.List;
import java.util.Locale;

/**
 * Rule "scanners are refused": a request whose User-Agent contains one of the configured names
 * (compared without case; {@code switchboard.sip.fraud.blocked-user-agents}) comes from a SIP
 * scanner (friendly-scanner, sipvicious, sipcli, ...) and is refused whatever it asks.
 */
final class ScannerAgents {

    private final List<String> names;

    ScannerAgents(List<String> names) {
        this.names = names.stream().filter(n -> n != null && !n.isBlank())
                .map(n -> n.trim().toLowerCase(Locale.ROOT)).toList();
    }

    boolean isScanner(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return false;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        return names.stream().anyMatch(ua::contains);
    }
}
