package org.switchboard.licensing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Within a {@link LicencePool}: what changed since the last drain (records, refs started or
 * changed, subjects whose holding changed), for an adapter to store.
 */
final class PoolChanges {

    private final List<LicenceRecord> records = new ArrayList<>();
    private final Set<HeldRef> changedRefs = new LinkedHashSet<>();
    /** Of the changed refs, those the pool had not known before (see {@link LicencePool.Changes#newRefs}). */
    private final Set<HeldRef> newRefs = new LinkedHashSet<>();
    private final Set<String> changedHolders = new LinkedHashSet<>();

    void record(LicenceRecord record) {
        records.add(record);
    }

    void ref(HeldRef ref) {
        changedRefs.add(ref);
    }

    /** A ref started that the pool did not know: storage has no row of it unless it is a repeat. */
    void newRef(HeldRef ref) {
        changedRefs.add(ref);
        newRefs.add(ref);
    }

    void holder(String subject) {
        changedHolders.add(subject);
    }

    /**
     * What changed, and forgets it; {@code holderOf} answers a subject's holding now (null when it
     * holds no licence any more: freed).
     */
    LicencePool.Changes drain(Function<String, Holder> holderOf) {
        Map<String, Holder> holders = new LinkedHashMap<>();
        List<String> freed = new ArrayList<>();
        for (String subject : changedHolders) {
            Holder h = holderOf.apply(subject);
            if (h == null) {
                freed.add(subject);
            } else {
                holders.put(subject, h);
            }
        }
        LicencePool.Changes changes = new LicencePool.Changes(List.copyOf(records), List.copyOf(changedRefs),
                Set.copyOf(newRefs), List.copyOf(holders.values()), freed);
        changedRefs.forEach(HeldRef::stored);
        discard();
        return changes;
    }

    /** The refs changed since the last drain. */
    Collection<HeldRef> changedRefs() {
        return changedRefs;
    }

    void discard() {
        records.clear();
        changedRefs.clear();
        newRefs.clear();
        changedHolders.clear();
    }
}
