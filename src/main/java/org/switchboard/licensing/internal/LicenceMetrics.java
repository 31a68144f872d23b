package org.switchboard.licensing.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.switchboard.licensing.LicenceRecord;
import org.switchboard.licensing.RecordAction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Licensed and occupied per instance, and counters of admissions, refusals and releases, for
 * Prometheus. The gauges show every instance's pool as the database has it, read again when a
 * scrape finds the figures older than {@link #FRESH_NANOS}, so every node reports the same figures
 * whichever node changed them; a node's own commits show at once. The counters count what this
 * node decided (sum them over the nodes).
 */
@Component
class LicenceMetrics implements LicenceWriter.CommitListener {

    static final long FRESH_NANOS = 2_000_000_000L;

    private final MeterRegistry registry;
    private final PoolStore store;
    private final Map<UUID, int[]> figures = new ConcurrentHashMap<>();
    private final Map<UUID, List<Meter.Id>> meters = new ConcurrentHashMap<>();
    private volatile long readAt = System.nanoTime() - 2 * FRESH_NANOS;
    private final Counter admissions;
    private final Counter emergencies;
    private final Counter refusals;
    private final Counter releases;
    private final Counter reclaims;

    LicenceMetrics(MeterRegistry registry, PoolStore store) {
        this.registry = registry;
        this.store = store;
        Gauge.builder("licence.pools", this, m -> m.fresh().size()).description("Instances with a licence pool")
                .register(registry);
        admissions = Counter.builder("licence.admissions").description("Reasons admitted").register(registry);
        emergencies = Counter.builder("licence.emergency.admissions").description("Emergency calls admitted")
                .register(registry);
        refusals = Counter.builder("licence.refusals").description("Reasons refused at the licence limit")
                .register(registry);
        releases = Counter.builder("licence.releases").description("Reasons ended").register(registry);
        reclaims = Counter.builder("licence.reclaims").description("Reasons reclaimed").register(registry);
    }

    /** The figures, read from the database again when they are older than {@link #FRESH_NANOS}. */
    private Map<UUID, int[]> fresh() {
        if (System.nanoTime() - readAt > FRESH_NANOS) {
            synchronized (this) {
                if (System.nanoTime() - readAt > FRESH_NANOS) {
                    Map<UUID, int[]> read = store.figures();
                    read.forEach((id, values) -> {
                        figures.put(id, values);
                        register(id);
                    });
                    for (UUID gone : List.copyOf(figures.keySet())) {
                        if (!read.containsKey(gone)) {
                            figures.remove(gone);
                            List<Meter.Id> ids = meters.remove(gone);
                            if (ids != null) {
                                ids.forEach(registry::remove);
                            }
                        }
                    }
                    readAt = System.nanoTime();
                }
            }
        }
        return figures;
    }

    private void register(UUID id) {
        meters.computeIfAbsent(id, key -> List.of(
                Gauge.builder("licence.licensed", this, m -> m.value(key, 0)).tag("instance", key.toString())
                        .description("Concurrent users licensed").register(registry).getId(),
                Gauge.builder("licence.occupied", this, m -> m.value(key, 1)).tag("instance", key.toString())
                        .description("Licences held").register(registry).getId()));
    }

    private double value(UUID id, int which) {
        int[] values = fresh().get(id);
        return values == null ? Double.NaN : values[which];
    }

    @Override
    public void committed(UUID instanceId, UUID customerId, int licensed, int occupied, List<LicenceRecord> records) {
        figures.put(instanceId, new int[] { licensed, occupied });
        register(instanceId);
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
