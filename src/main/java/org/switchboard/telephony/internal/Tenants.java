package org.switchboard.telephony.internal;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.switchboard.instances.Instance;
import org.switchboard.instances.InstanceDirectory;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceStatus;
import org.switchboard.telephony.SipSettings;

/** The instance a SIP domain belongs to, cached a few seconds: every request names its domain. */
@Component
class Tenants {

    record Tenant(InstanceId id, UUID customerId, String country, InstanceStatus status, String domain) {
        boolean deactivated() {
            return status == InstanceStatus.DEACTIVATED || status == InstanceStatus.DELETED;
        }
    }

    private record Cached(Optional<Tenant> tenant, long at) {
    }

    private static final long TTL_MILLIS = 5_000;
    private final InstanceDirectory instances;
    private final SipSettings settings;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Tenants(InstanceDirectory instances, SipSettings settings, Clock clock) {
        this.instances = instances;
        this.settings = settings;
        this.clock = clock;
    }

    Optional<Tenant> ofDomain(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String h = host.toLowerCase(Locale.ROOT);
        String suffix = "." + settings.domain();
        if (!h.endsWith(suffix) || h.length() == suffix.length()) {
            return Optional.empty();
        }
        String sub = h.substring(0, h.length() - suffix.length());
        if (sub.contains(".")) {
            return Optional.empty();
        }
        long now = System.nanoTime() / 1_000_000;
        Cached c = cache.get(sub);
        if (c != null && now - c.at() < TTL_MILLIS) {
            return c.tenant();
        }
        Optional<Tenant> t = instances.findBySubdomain(sub).map(i -> tenant(i, h));
        if (cache.size() > 100_000) {
            cache.clear();
        }
        cache.put(sub, new Cached(t, now));
        return t;
    }

    Optional<Tenant> of(InstanceId id) {
        return instances.find(id).map(i -> tenant(i, settings.domainOf(i.subdomain().value())));
    }

    private static Tenant tenant(Instance i, String domain) {
        return new Tenant(i.id(), i.customerId().value(), i.country(), i.status(), domain);
    }

    Clock clock() {
        return clock;
    }
}
