package org.switchboard.licensing.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.licensing.LicencePool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A licence writer thread's pools as it committed them last, each with its row at that version, and
 * the batch on pools all cached, written without locking them first (docs/licensing.md, "Design").
 */
final class CachedPools {

    /** A pool as the writer committed it last, with its row at that version. */
    record Cached(PoolStore.PoolRow row, LicencePool pool) {

        long version() {
            return row.version();
        }
    }

    private final Map<UUID, Cached> pools = new HashMap<>();
    private final Counter redone;

    CachedPools(Counter redone) {
        this.redone = redone;
    }

    /** Counts the batches on cached pools done again with the pools locked (the same counter for every writer). */
    static Counter redoneCounter(MeterRegistry registry) {
        return Counter.builder("licence.batch.redone")
                .description("Licence batches on cached pools done again with the pools locked").register(registry);
    }

    Cached get(UUID instanceId) {
        return pools.get(instanceId);
    }

    /** The pool as committed at its row's version. */
    void put(PoolStore.PoolRow row, LicencePool pool) {
        pools.put(row.instanceId(), new Cached(row, pool));
    }

    void remove(UUID instanceId) {
        pools.remove(instanceId);
    }

    void evict(Collection<UUID> instanceIds) {
        instanceIds.forEach(pools::remove);
    }

    void clear() {
        pools.clear();
    }

    /** The pools of these locked rows: the cached one where its version is the row's, else loaded anew. */
    Map<UUID, LicencePool> current(Map<UUID, PoolStore.PoolRow> rows, PoolStore store) {
        Map<UUID, LicencePool> current = new HashMap<>();
        for (PoolStore.PoolRow row : rows.values()) {
            Cached c = pools.get(row.instanceId());
            current.put(row.instanceId(), c != null && c.version() == row.version() ? c.pool() : store.load(row));
        }
        return current;
    }

    boolean holdsAll(Collection<UUID> instanceIds) {
        return pools.keySet().containsAll(instanceIds);
    }

    /**
     * The batch on pools all cached, without locking them first: {@code ready} readies the pools for
     * their work (in the transaction, before any is applied), {@code apply} applies each pool's
     * work to its cached copy and the write checks that every pool of the batch, changed or not, is
     * still at its cached version, which takes its row lock until the commit
     * ({@link PoolStore#writeIfUnchanged}). The changed pools go to {@code written}. False when a
     * pool was not at its version (another node or transaction changed it) or the write or the commit
     * failed: then nothing was committed, and the batch's pools, which hold the applied work, are
     * evicted, for the locked way to load them anew.
     */
    <T> boolean writeIfUnchanged(TransactionTemplate tx, PoolStore store, Map<UUID, List<T>> byInstance,
            Consumer<Map<UUID, LicencePool>> ready, BiFunction<LicencePool, List<T>, LicencePool.Changes> apply,
            List<PoolStore.Written> written) {
        List<PoolStore.Written> checked = new ArrayList<>();
        boolean stored;
        try {
            stored = Boolean.TRUE.equals(tx.execute(status -> {
                Map<UUID, LicencePool> batchPools = new HashMap<>();
                byInstance.keySet().forEach(instance -> batchPools.put(instance, pools.get(instance).pool()));
                ready.accept(batchPools);
                for (Map.Entry<UUID, List<T>> entry : byInstance.entrySet()) {
                    Cached cached = pools.get(entry.getKey());
                    LicencePool.Changes changes = apply.apply(cached.pool(), entry.getValue());
                    PoolStore.Written w = new PoolStore.Written(cached.row(), cached.pool(), changes);
                    checked.add(w);
                    if (!changes.isEmpty()) {
                        written.add(w);
                    }
                }
                if (store.writeIfUnchanged(checked)) {
                    return true;
                }
                status.setRollbackOnly();
                return false;
            }));
        } catch (RuntimeException e) {
            stored = false;
        }
        if (!stored) {
            redone.increment();
            evict(byInstance.keySet());
            written.clear();
        }
        return stored;
    }
}
