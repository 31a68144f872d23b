package org.switchboard.licensing.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;
import org.switchboard.licensing.LicenceRecord;
import org.switchboard.licensing.RecordAction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Licensed and occupied per instance, and counters of admissions, refusals and releases, for Prometheus. */
@Component
class LicenceMetrics implements LicenceWriter.CommitListener {

    private final MeterRegistry registry;
    private final Map<UUID, AtomicInteger[]> gauges = new ConcurrentHashMap<>();
    private final Counter admissions;
    private final Counter emergencies;
    private final Counter refusals;
    private final Counter releases;
    private final Counter reclaims;

    LicenceMetrics(MeterRegistry registry) {
        this.registry = registry;
        admissions = Counter.builder("licence.admissions").description("Reasons admitted").register(registry);
        emergencies = Counter.builder("licence.emergency.admissions").description("Emergency calls admitted")
                .register(registry);
        refusals = Counter.builder("licence.refusals").description("Reasons refused at the licence limit")
                .register(registry);
        releases = Counter.builder("licence.releases").description("Reasons ended").register(registry);
        reclaims = Counter.builder("licence.reclaims").description("Reasons reclaimed").register(registry);
    }

    @Override
    public void committed(UUID instanceId, UUID customerId, int licensed, int occupied, List<LicenceRecord> records) {
        AtomicInteger[] values = gauges.computeIfAbsent(instanceId, id -> {
            AtomicInteger[] v = { new AtomicInteger(), new AtomicInteger() };
            Gauge.builder("licence.licensed", v[0], AtomicInteger::get).tag("instance", id.toString())
                    .description("Concurrent users licensed").register(registry);
            Gauge.builder("licence.occupied", v[1], AtomicInteger::get).tag("instance", id.toString())
                    .description("Licences held").register(registry);
            return v;
        });
        values[0].set(licensed);
        values[1].set(occupied);
        for (LicenceRecord r : records) {
            switch (r.action()) {
                case ADMITTED -> {
                    admissions.increment();
                    if (r.emergency()) {
                        emergencies.increment();
                    }
                }
                case REFUSED -> refusals.increment();
                case RECLAIMED -> reclaims.increment();
                case RELEASED, FORCE_RELEASED -> releases.increment();
            }
        }
    }

    static boolean refused(List<LicenceRecord> records) {
        return records.stream().anyMatch(r -> r.action() == RecordAction.REFUSED);
    }
}
