package org.switchboard.telephony.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.switchboard.telephony.internal.Tenants.Tenant;
import org.switchboard.telephony.sip.SipUri;

/**
 * Where a call from the carrier goes: to the extension it names in an instance's SIP domain
 * ({@code sip:101@acme.sip.example}). Routing by the dialled public number comes from the numbers
 * module's number routing once it is there; this core keeps no number table of its own.
 */
@Component
class InboundRouter {

    /** The instance, the number called and the extensions to ring. */
    record Target(Tenant tenant, String number, List<String> extensions) {
    }

    private final Tenants tenants;
    private final Devices devices;

    InboundRouter(Tenants tenants, Devices devices) {
        this.tenants = tenants;
        this.devices = devices;
    }

    Optional<Target> target(SipUri requestUri) {
        if (requestUri == null || requestUri.user() == null) {
            return Optional.empty();
        }
        String user = requestUri.user();
        return tenants.ofDomain(requestUri.host())
                .filter(t -> user.chars().allMatch(Character::isDigit) && devices.extensionHasDevices(t.id(), user))
                .map(t -> new Target(t, user, List.of(user)));
    }
}
