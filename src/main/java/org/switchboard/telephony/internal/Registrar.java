package org.switchboard.telephony.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceDevice;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.telephony.DeviceKind;
import org.switchboard.telephony.SipSettings;
import org.switchboard.telephony.internal.Authenticator.Outcome;
import org.switchboard.telephony.internal.Bindings.Binding;
import org.switchboard.telephony.internal.Bindings.Reachable;
import org.switchboard.telephony.internal.Devices.Secrets;
import org.switchboard.telephony.internal.Tenants.Tenant;
import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.NameAddress;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipUri;

/**
 * REGISTER (RFC 3261 10): digest-authenticated, several contacts per device, each with its
 * expiry, kept in PostgreSQL. A desktop client's registration is its desktop session: opened
 * with its first contact, refreshed as a heartbeat, closed with its last contact (unregistered or
 * expired).
 */
final class Registrar {

    private static final Logger log = LoggerFactory.getLogger(Registrar.class);

    private final Tenants tenants;
    private final Authenticator auth;
    private final Bindings bindings;
    private final Devices devices;
    private final LicenceReporter licences;
    private final SipSettings settings;
    private final RegistrationGuard guard;
    private final BindingRefreshes refreshes;

    Registrar(Tenants tenants, Authenticator auth, Bindings bindings, Devices devices, LicenceReporter licences,
            SipSettings settings, RegistrationGuard guard, BindingRefreshes refreshes) {
        this.refreshes = refreshes;
        this.guard = guard;
        this.devices = devices;
        this.tenants = tenants;
        this.auth = auth;
        this.bindings = bindings;
        this.licences = licences;
        this.settings = settings;
    }

    SipMessage register(SipMessage request, Flow from) {
        NameAddress to = request.to();
        SipUri aor = to == null ? null : to.sipUri();
        if (aor == null) {
            return SipReplies.reply(request, 400, "Bad To Header");
        }
        Tenant tenant = tenants.ofDomain(aor.host()).orElse(null);
        if (tenant == null) {
            return SipReplies.reply(request, 404, "Domain Not Served Here");
        }
        String account = (aor.user() == null ? "" : aor.user()) + "@" + tenant.domain();
        Instant at = tenants.clock().instant();
        var banned = guard.refusal(from, account, at);
        if (banned.isPresent()) {
            return SipReplies.reply(request, 403, "Forbidden").add("Warning",
                    SipReplies.warning(tenant.domain(), banned.get()));
        }
        Outcome outcome = auth.authenticate(request, tenant, false);
        if (!outcome.authenticated()) {
            if (outcome.failedAttempt()) {
                guard.failed(from, account, at);
            }
            return outcome.challenge();
        }
        guard.succeeded(account);
        Secrets device = outcome.device();
        if (aor.user() == null || !aor.user().equals(device.device().sipUser())) {
            return SipReplies.reply(request, 403, "Forbidden").add("Warning", "399 " + tenant.domain()
                    + " \"These credentials do not register this address\"");
        }
        Instant now = tenants.clock().instant();
        UUID deviceId = device.device().id();
        List<Binding> before = bindings.ofDevice(tenant.id(), deviceId, now);
        List<Binding> after = new ArrayList<>(before); // what the device has once this request is done
        List<String> contacts = request.headers("Contact");
        int headerExpires = intOr(request.headerOrNull("Expires"), -1);
        if (contacts.size() == 1 && contacts.get(0).trim().equals("*")) {
            if (headerExpires != 0) {
                return SipReplies.reply(request, 400, "Wildcard Contact Needs Expires 0");
            }
            bindings.removeAll(deviceId);
            after.clear();
        } else {
            int maxExpires = maxExpires(device.device().kind());
            int minExpires = Math.min(settings.minExpires(), maxExpires);
            for (String c : contacts) {
                NameAddress contact = NameAddress.parse(c);
                if (contact == null || contact.sipUri() == null) {
                    return SipReplies.reply(request, 400, "Bad Contact");
                }
                int expires = intOr(contact.param("expires"), headerExpires);
                if (expires < 0) {
                    expires = maxExpires;
                }
                if (expires > 0 && expires < minExpires) {
                    return SipReplies.reply(request, 423, "Interval Too Brief").add("Min-Expires",
                            String.valueOf(minExpires));
                }
            }
            long live = before.size();
            for (String c : contacts) {
                NameAddress contact = NameAddress.parse(c);
                String uri = contact.uri();
                int expires = intOr(contact.param("expires"), headerExpires);
                expires = expires < 0 ? maxExpires : Math.min(expires, maxExpires);
                if (expires == 0) {
                    bindings.remove(deviceId, uri);
                    after.removeIf(b -> b.contact().equals(uri));
                    continue;
                }
                Binding known = null;
                for (Binding b : after) {
                    if (b.contact().equals(uri)) {
                        known = b;
                    }
                }
                if (known == null && live >= settings.maxContacts()) {
                    return SipReplies.reply(request, 403, "Forbidden").add("Warning", "399 " + tenant.domain()
                            + " \"At most " + settings.maxContacts() + " registrations per device\"");
                }
                if (known == null) {
                    live++;
                }
                Binding b = known != null && known.flow().equals(from.toString())
                        && Objects.equals(known.userAgent(), userAgent(request))
                        ? new Binding(known.id(), known.instanceId(), deviceId, uri, known.flow(), request.callId(),
                                request.cseq().number(), known.userAgent(), known.registeredAt(), now,
                                now.plusSeconds(expires))
                        : new Binding(UUID.randomUUID(), tenant.id(), deviceId, uri, from.toString(), request.callId(),
                                request.cseq().number(), userAgent(request), now, now, now.plusSeconds(expires));
                // a refresh that only extends a binding with time left goes in a batch; a new or changed one now
                boolean refreshOnly = known != null && b.id().equals(known.id())
                        && known.expiresAt().isAfter(now.plusSeconds(BindingRefreshes.MIN_LEFT_SECONDS));
                if (!refreshOnly || !refreshes.offer(b)) {
                    bindings.upsert(b);
                }
                if (known != null) {
                    after.set(after.indexOf(known), known.id().equals(b.id()) ? b
                            : new Binding(known.id(), b.instanceId(), deviceId, uri, b.flow(), b.callId(), b.cseq(),
                                    b.userAgent(), known.registeredAt(), now, b.expiresAt()));
                } else {
                    after.add(b);
                }
            }
        }
        bindings.refreshed(tenant.id(), deviceId, after); // kept only if no write above changed the bindings
        SipMessage ok = SipReplies.reply(request, 200, "OK");
        for (Binding b : after) {
            ok.add("Contact", "<" + b.contact() + ">;expires=" + Math.max(0, b.expiresAt().getEpochSecond()
                    - now.getEpochSecond()));
        }
        if (device.device().kind() == DeviceKind.DESKTOP_CLIENT && !contacts.isEmpty()) {
            EventType type = before.isEmpty() ? (after.isEmpty() ? null : EventType.DESKTOP_OPENED)
                    : after.isEmpty() ? EventType.DESKTOP_CLOSED : EventType.DESKTOP_HEARTBEAT;
            if (type != null) {
                Decision d = report(tenant, type, device.device().extension(), deviceId,
                        device.device().licenceDevice(), now);
                if (d != null && !d.admitted()) {
                    ok.add("Warning", "399 " + tenant.domain() + " \"" + d.reason() + "\"");
                }
            }
        }
        return ok;
    }

    /**
     * The longest registration granted: the setting, and for a desktop client two thirds of the
     * licence engine's heartbeat timeout, so that a client refreshing when its registration runs
     * out has refreshed, and so kept its licence, before the engine would reclaim it.
     */
    private int maxExpires(DeviceKind kind) {
        if (kind != DeviceKind.DESKTOP_CLIENT) {
            return settings.maxExpires();
        }
        long heartbeat = licences.heartbeatTimeout().toSeconds();
        return (int) Math.max(5, Math.min(settings.maxExpires(), heartbeat * 2 / 3));
    }

    /** Bindings past their expiry end; a desktop client with none left closes its desktop session. */
    void expire(Instant now) {
        List<Reachable> gone = bindings.takeExpired(now, 500);
        gone.stream().filter(r -> r.kind() == DeviceKind.DESKTOP_CLIENT)
                .map(r -> r.binding().deviceId()).distinct()
                .forEach(d -> {
                    Reachable r = gone.stream().filter(g -> g.binding().deviceId().equals(d)).findFirst().orElseThrow();
                    if (!bindings.ofDevice(r.binding().instanceId(), d, now).isEmpty()) {
                        return;
                    }
                    tenants.of(r.binding().instanceId()).ifPresent(t -> report(t, EventType.DESKTOP_CLOSED,
                            r.extension(), d, null, now));
                });
    }

    /**
     * Each desktop session has a ref of its own, kept with the device from opened to closed; the
     * device's name goes with it (a closing needs none: the session keeps the name it opened with).
     */
    private Decision report(Tenant tenant, EventType type, String extension, UUID deviceId, LicenceDevice named,
            Instant at) {
        String open = devices.desktopSession(deviceId).orElse(null);
        if (type == EventType.DESKTOP_HEARTBEAT && open == null) {
            type = EventType.DESKTOP_OPENED;
        }
        if (type == EventType.DESKTOP_CLOSED && open == null) {
            return null;
        }
        String ref = type == EventType.DESKTOP_OPENED ? "desktop-" + UUID.randomUUID() : open;
        devices.desktopSession(deviceId, type == EventType.DESKTOP_CLOSED ? null : ref);
        try {
            return licences.report(tenant.id(), new LicenceEvent(type, extension, ref, null, at, named));
        } catch (RuntimeException e) {
            log.warn("licence event {} of {} not reported: {}", type, extension, e.getMessage());
            return null;
        }
    }

    private static String userAgent(SipMessage m) {
        String ua = m.headerOrNull("User-Agent");
        return ua == null ? null : ua.length() > 200 ? ua.substring(0, 200) : ua;
    }

    static int intOr(String value, int otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
