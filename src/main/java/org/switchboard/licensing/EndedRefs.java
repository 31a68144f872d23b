package org.switchboard.licensing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

import org.switchboard.connector.Reason;

/**
 * Within a {@link LicencePool}: its ended refs in their compact form ({@link EndedRef}), per
 * reason, in two generations: those remembered since the last {@link #turn} and those of the
 * turn before, which the next turn lets go of. So the pool lets go of old refs without a time
 * per ref and without looking at each ref but when its generation goes.
 */
final class EndedRefs {

    @SuppressWarnings("unchecked")
    private Map<String, EndedRef>[] newer = new Map[Reason.values().length];
    @SuppressWarnings("unchecked")
    private Map<String, EndedRef>[] older = new Map[Reason.values().length];

    EndedRefs() {
        for (Reason r : Reason.values()) {
            newer[r.ordinal()] = new HashMap<>();
            older[r.ordinal()] = new HashMap<>();
        }
    }

    EndedRef get(Reason reason, String ref) {
        EndedRef ended = newer[reason.ordinal()].get(ref);
        return ended != null ? ended : older[reason.ordinal()].get(ref);
    }

    void put(Reason reason, String ref, EndedRef ended) {
        newer[reason.ordinal()].put(ref, ended);
    }

    void remove(Reason reason, String ref) {
        if (newer[reason.ordinal()].remove(ref) == null) {
            older[reason.ordinal()].remove(ref);
        }
    }

    /** Lets go of the older generation (returns how many refs it held); the newer becomes the older. */
    @SuppressWarnings("unchecked")
    int turn() {
        int n = 0;
        for (Map<String, EndedRef> refs : older) {
            n += refs.size();
        }
        older = newer;
        newer = new Map[Reason.values().length];
        for (Reason r : Reason.values()) {
            newer[r.ordinal()] = new HashMap<>();
        }
        return n;
    }

    /** Removes the refs last seen before {@code before}; returns how many. */
    int forget(Instant before) {
        int n = 0;
        for (Map<String, EndedRef>[] generation : java.util.List.of(newer, older)) {
            for (Reason reason : Reason.values()) {
                for (Iterator<Map.Entry<String, EndedRef>> it = generation[reason.ordinal()].entrySet().iterator();
                        it.hasNext();) {
                    Map.Entry<String, EndedRef> e = it.next();
                    if (e.getValue().lastSeenBefore(before)) {
                        it.remove();
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** Every ended ref as storage and readers know it. */
    void forEach(Consumer<HeldRef> action) {
        for (Reason reason : Reason.values()) {
            newer[reason.ordinal()].forEach((ref, ended) -> action.accept(ended.view(reason, ref)));
            older[reason.ordinal()].forEach((ref, ended) -> action.accept(ended.view(reason, ref)));
        }
    }
}
