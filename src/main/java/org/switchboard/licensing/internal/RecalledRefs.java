package org.switchboard.licensing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.switchboard.connector.Decision;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.licensing.HeldRef;
import org.switchboard.licensing.LicencePolicy;
import org.switchboard.licensing.LicencePool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The licence writer's pools keep ended and refused refs in memory only for
 * {@code switchboard.licensing.refs-in-memory} ({@link LicencePool#letGo}); storage keeps them for
 * {@link LicencePolicy#REF_MEMORY}. Before a batch's events are applied, this reads back the
 * stored ones its starts and ends name and their pools do not know ({@link LicencePool#mayRepeat}),
 * for all pools of the batch in one statement ({@link PoolStore#recall}), so that a repeated event
 * is answered as the first time. A batch whose events name only refs their pools know, or only
 * heartbeats, makes no statement.
 */
@Component
class RecalledRefs {

    /** The work of an event in the writer's queue: it names the event, whose ref may need reading back. */
    record ApplyEvent(LicenceEvent event) implements Function<LicencePool, Decision> {
        @Override
        public Decision apply(LicencePool pool) {
            return pool.apply(event);
        }
    }

    private final PoolStore store;
    private final Clock clock;
    private final Duration inMemory;
    private final Timer lookups;
    private final Counter recalled;

    RecalledRefs(PoolStore store, Clock clock, MeterRegistry registry,
            @Value("${switchboard.licensing.refs-in-memory:5m}") Duration inMemory) {
        if (inMemory.isNegative() || inMemory.isZero()) {
            throw new IllegalArgumentException("switchboard.licensing.refs-in-memory must be positive, not " + inMemory);
        }
        this.store = store;
        this.clock = clock;
        this.inMemory = inMemory;
        this.lookups = Timer.builder("licence.refs.lookups")
                .description("Look-ups of stored refs that a batch's events named and its pools did not know")
                .register(registry);
        this.recalled = Counter.builder("licence.refs.recalled")
                .description("Ended and refused refs read back from storage for a repeated event").register(registry);
    }

    /**
     * Readies the locked pools of a batch for their work (by pool, in order; {@code workOf} gives
     * each task's work): each lets go of the refs it kept long enough, then the refs that events
     * name and their pools do not know are read back, all in one statement. Returns the pools.
     */
    <T> Map<UUID, LicencePool> ready(Map<UUID, LicencePool> pools, Map<UUID, List<T>> byPool,
            Function<T, ?> workOf) {
        Instant now = clock.instant();
        Set<PoolStore.RefKey> unknown = new LinkedHashSet<>();
        pools.forEach((instance, pool) -> {
            pool.letGo(now, inMemory);
            for (T task : byPool.getOrDefault(instance, List.of())) {
                if (workOf.apply(task) instanceof ApplyEvent a && pool.mayRepeat(a.event())) {
                    unknown.add(new PoolStore.RefKey(instance, a.event().type().reason(), a.event().ref()));
                }
            }
        });
        if (!unknown.isEmpty()) {
            long started = System.nanoTime();
            Map<UUID, List<HeldRef>> found = store.recall(unknown, now.minus(LicencePolicy.REF_MEMORY));
            lookups.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            found.forEach((instance, refs) -> {
                pools.get(instance).recall(refs);
                recalled.increment(refs.size());
            });
        }
        return pools;
    }
}
