package org.switchboard.phone;

import java.time.Duration;

import org.springframework.stereotype.Service;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceDirectory;
import org.switchboard.licensing.LicenceManagement;
import org.switchboard.platform.NotFoundException;
import org.switchboard.telephony.SipSettings;

/**
 * What the client page needs to register: its SIP address, the WebSocket path, and how often to
 * refresh the registration so that the licence's heartbeat never times out while the page is open.
 */
@Service
public class ClientSettings {

    /** The WebSocket path, on the application's own host and port. */
    public static final String WEB_SOCKET_PATH = "/sip/ws";

    public record Settings(String name, String extension, String sipUri, String domain, String webSocketPath,
            int registerExpires, int heartbeatSeconds, int refreshSeconds) {
    }

    private final EmployeeDirectory employees;
    private final InstanceDirectory instances;
    private final LicenceManagement licences;
    private final SipSettings sip;

    ClientSettings(EmployeeDirectory employees, InstanceDirectory instances, LicenceManagement licences,
            SipSettings sip) {
        this.employees = employees;
        this.instances = instances;
        this.licences = licences;
        this.sip = sip;
    }

    public Settings of(CurrentUser user) {
        Employee me = employees.me(user);
        String domain = instances.find(me.instanceId()).map(i -> sip.domainOf(i.subdomain().value()))
                .orElseThrow(() -> new NotFoundException("The phone system of this employee is gone."));
        Duration heartbeat = licences.timeouts()[0];
        int heartbeatSeconds = (int) heartbeat.toSeconds();
        // refreshed three times per heartbeat timeout: one lost REGISTER never costs the licence
        int refresh = Math.max(5, heartbeatSeconds / 3);
        int expires = Math.max(sip.minExpires(), Math.min(sip.maxExpires(), 2 * heartbeatSeconds));
        return new Settings(me.name(), me.extension(), "sip:" + me.sipUser() + "@" + domain, domain,
                WEB_SOCKET_PATH, expires, heartbeatSeconds, refresh);
    }
}
