package org.switchboard.telephony.internal;

import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.switchboard.connector.EmergencyNumbers;
import org.switchboard.numbers.InboundRoute;
import org.switchboard.numbers.NumberRouting;
import org.switchboard.numbers.TrunkTemplate;
import org.switchboard.numbers.Trunks;
import org.switchboard.numbers.Trunks.Trunk;
import org.switchboard.telephony.internal.Tenants.Tenant;
import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipUri;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Calls over customers' own trunks (issue 12, "keep the existing provider"): a call to the public
 * network whose caller number is carried by one of the instance's trunks goes out through that trunk
 * (to its outbound proxy, else its registrar, the number written as the provider wants it); an
 * INVITE from a trunk's provider (its proxy's or registrar's address and port) to one of the trunk's
 * numbers is a call in. Such calls carry {@code own:<trunk name>} as their trunk in the call log and
 * the call record, which billing keeps without airtime.
 */
@Component
class OwnTrunks {

    /** Where and how a call goes out through a customer's trunk. */
    record Route(Trunk trunk, Flow target, String host) {

        /** The trunk as the call log and the call record name it (sip_calls.trunk: 40 characters). */
        String recordName() {
            return recordName(trunk);
        }

        static String recordName(Trunk trunk) {
            String name = "own:" + trunk.name();
            return name.length() > 40 ? name.substring(0, 40) : name;
        }

        /** The Request-URI for {@code e164} at the provider, in the template's number format. */
        String uri(String e164) {
            return "sip:" + format(e164, trunk.template().numberFormat()) + "@" + host
                    + (target.transport() == Flow.Transport.TCP ? ";transport=tcp" : "");
        }

        Call.Login login() {
            String user = trunk.authUsername() != null && !trunk.authUsername().isBlank() ? trunk.authUsername()
                    : trunk.username();
            return new Call.Login(target, user, trunk.password());
        }
    }

    /** A call in over a trunk: the trunk and where its number routes. */
    record Inbound(Trunk trunk, InboundRoute route) {
    }

    private final Trunks trunks;
    private final NumberRouting numbers;
    private final HostResolver resolver;

    OwnTrunks(Trunks trunks, NumberRouting numbers, HostResolver resolver) {
        this.trunks = trunks;
        this.numbers = numbers;
        this.resolver = resolver;
    }

    /** The trunk a call showing {@code callerNumber} goes out through; empty: the platform's carrier. */
    Optional<Route> forCaller(Tenant tenant, String callerNumber) {
        if (callerNumber == null) {
            return Optional.empty();
        }
        return numbers.trunkOf(callerNumber).flatMap(id -> trunks.ofInstance(tenant.id()).stream()
                .filter(t -> t.id().equals(id)).findFirst()).flatMap(this::route);
    }

    /** The way to a trunk's provider; empty when its host cannot be resolved or its transport is not served. */
    Optional<Route> route(Trunk trunk) {
        TrunkTemplate template = trunk.template();
        if (template.transport() == TrunkTemplate.Transport.TLS) {
            return Optional.empty(); // not served by this core's transport yet
        }
        String via = template.outboundProxy() != null && !template.outboundProxy().isBlank() ? template.outboundProxy()
                : template.registrar();
        Flow.Transport transport = template.transport() == TrunkTemplate.Transport.TCP ? Flow.Transport.TCP
                : Flow.Transport.UDP;
        return resolver.resolve(via).map(a -> new Route(trunk, new Flow(transport, a), template.registrar()));
    }

    /**
     * Whether this INVITE (without credentials: providers send none) comes from the provider of the
     * trunk that carries the number it calls: the Request-URI's user (providers that call the number)
     * or the To user (providers that call the contact the platform registered).
     */
    Optional<Inbound> inbound(SipMessage invite, Flow from) {
        if (invite.headerOrNull("Proxy-Authorization") != null || invite.headerOrNull("Authorization") != null) {
            return Optional.empty();
        }
        Set<String> candidates = new LinkedHashSet<>();
        SipUri ruri = SipUri.parse(invite.requestUri());
        addNumber(candidates, ruri == null ? null : ruri.user());
        addNumber(candidates, invite.to() == null || invite.to().sipUri() == null ? null : invite.to().sipUri().user());
        for (String e164 : candidates) {
            Optional<Trunk> trunk = trunks.carrying(e164);
            if (trunk.isPresent() && sentBy(trunk.get(), from)) {
                Optional<InboundRoute> route = numbers.inbound(e164);
                if (route.isPresent()) {
                    return Optional.of(new Inbound(trunk.get(), route.get()));
                }
            }
        }
        return Optional.empty();
    }

    private boolean sentBy(Trunk trunk, Flow from) {
        TrunkTemplate template = trunk.template();
        return matches(template.outboundProxy(), from) || matches(template.registrar(), from);
    }

    private boolean matches(String hostPort, Flow from) {
        if (hostPort == null || hostPort.isBlank()) {
            return false;
        }
        InetSocketAddress a = resolver.resolve(hostPort).orElse(null);
        return a != null && a.getAddress().equals(from.remote().getAddress()) && a.getPort() == from.remote().getPort();
    }

    /**
     * A number as providers write it: E.164, 00 international, national with 0 (read as German, the
     * home of the providers the templates list), or international digits without a prefix (49...).
     * Extensions and other short strings are no trunk numbers.
     */
    private static void addNumber(Set<String> into, String user) {
        if (user == null) {
            return;
        }
        String digits = user.startsWith("+") ? user.substring(1) : user;
        if (digits.length() < 6 || !digits.chars().allMatch(Character::isDigit)) {
            return;
        }
        if (user.startsWith("+")) {
            into.add(user);
        } else if (digits.startsWith("00")) {
            into.add("+" + digits.substring(2));
        } else if (digits.startsWith("0")) {
            String e164 = CallRouting.e164(digits, EmergencyNumbers.DEFAULT_COUNTRY);
            if (e164 != null) {
                into.add(e164);
            }
        } else {
            into.add("+" + digits);
        }
    }

    /** {@code e164} written as the provider wants it: +4989123456, 089123456 or 004989123456. */
    static String format(String e164, TrunkTemplate.NumberFormat format) {
        return switch (format) {
            case E164 -> e164;
            case INTL_00 -> "00" + e164.substring(1);
            case NATIONAL -> national(e164);
        };
    }

    private static String national(String e164) {
        try {
            PhoneNumberUtil util = PhoneNumberUtil.getInstance();
            PhoneNumber n = util.parse(e164, EmergencyNumbers.DEFAULT_COUNTRY);
            String region = util.getRegionCodeForNumber(n);
            String prefix = region == null ? null : util.getNddPrefixForRegion(region, true);
            return (prefix == null ? "0" : prefix) + util.getNationalSignificantNumber(n);
        } catch (NumberParseException e) {
            return e164;
        }
    }
}
