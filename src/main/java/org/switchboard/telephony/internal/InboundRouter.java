package org.switchboard.telephony.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.switchboard.numbers.InboundRoute;
import org.switchboard.numbers.NumberRouting;
import org.switchboard.telephony.Device;
import org.switchboard.telephony.internal.Tenants.Tenant;
import org.switchboard.telephony.sip.SipUri;

/**
 * Where a call from the carrier goes: to the public number it dials ({@code sip:+4989123456@...}),
 * routed as the numbers module says (an extension, a group, or the main line: every extension of
 * the instance with a device rings); or to the extension it names in an instance's SIP domain
 * ({@code sip:101@acme.sip.example}). This core keeps no number table of its own.
 */
@Component
class InboundRouter {

    /** The instance, the number called and the extensions to ring. */
    record Target(Tenant tenant, String number, List<String> extensions) {
    }

    private final Tenants tenants;
    private final Devices devices;
    private final NumberRouting numbers;

    InboundRouter(Tenants tenants, Devices devices, NumberRouting numbers) {
        this.tenants = tenants;
        this.devices = devices;
        this.numbers = numbers;
    }

    Optional<Target> target(SipUri requestUri) {
        if (requestUri == null || requestUri.user() == null) {
            return Optional.empty();
        }
        String user = requestUri.user();
        if (user.startsWith("+")) {
            return numbers.inbound(user).flatMap(this::target);
        }
        return tenants.ofDomain(requestUri.host())
                .filter(t -> user.chars().allMatch(Character::isDigit) && devices.extensionHasDevices(t.id(), user))
                .map(t -> new Target(t, user, List.of(user)));
    }

    /** Where a number's route sends the call (empty: nobody to ring). */
    Optional<Target> target(InboundRoute route) {
        List<String> extensions = route.target() == InboundRoute.Target.MAIN_LINE
                ? devices.of(route.instance()).stream().map(Device::extension).distinct().sorted().toList()
                : route.extensions();
        if (extensions.isEmpty()) {
            return Optional.empty();
        }
        return tenants.of(route.instance()).map(t -> new Target(t, route.number(), extensions));
    }
}
