package org.switchboard.licensing.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.licensing.LicencePolicy;
import org.switchboard.licensing.LicencePool;
import org.switchboard.platform.NotFoundException;

/**
 * Changes to a pool outside the writer's batches (a forced release, a subject removed, reclaim):
 * each locks the pool's row, loads the pool fresh, applies the change and writes it with a raised
 * version, so that every node's cached copy is loaded anew.
 */
@Component
public class PoolMutations {

    private final PoolStore store;
    private final TransactionTemplate tx;
    private final List<LicenceWriter.CommitListener> listeners;

    PoolMutations(PoolStore store, TransactionTemplate tx, List<LicenceWriter.CommitListener> listeners) {
        this.store = store;
        this.tx = tx;
        this.listeners = listeners;
    }

    /** Runs {@code change} on the locked pool within the caller's transaction (or a new one). */
    public <R> R mutate(UUID instanceId, Function<LicencePool, R> change) {
        PoolStore.Written[] done = new PoolStore.Written[1];
        R result = tx.execute(status -> {
            PoolStore.PoolRow row = store.lockOne(instanceId)
                    .orElseThrow(() -> new NotFoundException("Licensing is not set up for instance " + instanceId + "."));
            LicencePool pool = store.load(row);
            R r = change.apply(pool);
            LicencePool.Changes changes = pool.drainChanges();
            done[0] = new PoolStore.Written(row, pool, changes);
            store.write(List.of(done[0]));
            return r;
        });
        notifyListeners(done[0]);
        return result;
    }

    private void notifyListeners(PoolStore.Written w) {
        if (w == null || w.changes().records().isEmpty()) {
            return;
        }
        for (LicenceWriter.CommitListener l : listeners) {
            l.committed(w.row().instanceId(), w.row().customerId(), w.pool().licensed(), w.pool().occupied(),
                    w.changes().records());
        }
    }
}
