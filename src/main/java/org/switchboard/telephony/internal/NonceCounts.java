package org.switchboard.telephony.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The highest nonce count (nc) used with each live nonce, in bounded and compact memory. Nonces are
 * grouped by their issue time into slices of a sixteenth of their lifetime (at least 5 s); a slice
 * is dropped whole once its nonces are past their lifetime, so nothing is scanned and no counter
 * outlives its nonce. Each slice keeps its counters in open-addressing tables of primitives (a
 * nonce is its 64-bit random part and issue time folded into one {@code long}, its count an
 * unsigned {@code int}): 12 bytes a slot, 16 to 32 bytes a live nonce (a table is three eighths to
 * three quarters full), striped so that workers rarely wait on each other. At most
 * {@code capacity} nonces are tracked at once; beyond that a use is refused as untracked (the
 * phone is asked for a fresh nonce), never tracked by forgetting another's count.
 */
final class NonceCounts {

    enum Use {
        /** The count is higher than any before with this nonce: now the highest. */
        COUNTED,
        /** Not higher than one seen before: a replay. */
        REPLAYED,
        /** Not tracked: too many live nonces, or the nonce is older than this table keeps. */
        UNTRACKED
    }

    /** Slices a lifetime spans. */
    static final int SLICES_PER_LIFETIME = 16;
    private static final int RING = SLICES_PER_LIFETIME + 3;
    private static final int STRIPES = 64;
    /** How far ahead of this node's clock a nonce's issue time may be ({@link Nonces}). */
    static final long FUTURE_MILLIS = 5_000;

    private final long sliceMillis;
    private final long capacity;
    private final AtomicLong tracked = new AtomicLong();
    private final AtomicReferenceArray<Slice> ring = new AtomicReferenceArray<>(RING);

    NonceCounts(long lifetimeMillis, long capacity) {
        // at least the 5 s a nonce may come from the future (a node's clock ahead), so that the ring
        // always holds every slice a live nonce can be in: the past lifetime and one slice ahead
        this.sliceMillis = Math.max(FUTURE_MILLIS, lifetimeMillis / SLICES_PER_LIFETIME);
        this.capacity = capacity;
    }

    /**
     * Records use {@code count} (an unsigned 32-bit nc) of the nonce issued at {@code issuedMillis}
     * with random part {@code random}.
     */
    Use use(long issuedMillis, long random, long count) {
        if (count < 0 || count > 0xFFFF_FFFFL) {
            return Use.REPLAYED;
        }
        long epoch = Math.floorDiv(issuedMillis, sliceMillis);
        Slice slice = slice(epoch);
        if (slice == null) {
            return Use.UNTRACKED;
        }
        long key = random ^ (issuedMillis * 0x9E37_79B9_7F4A_7C15L);
        Stripe stripe = slice.stripes[(int) (mix(key) >>> 58)];
        synchronized (stripe) {
            if (slice.retired) {
                return Use.UNTRACKED;
            }
            return stripe.use(key == 0 ? 1 : key, (int) count, this);
        }
    }

    /** Drops the slices whose nonces are all past their lifetime at {@code nowMillis}. */
    void expire(long nowMillis) {
        long oldestLive = Math.floorDiv(nowMillis, sliceMillis) - SLICES_PER_LIFETIME - 1;
        for (int i = 0; i < RING; i++) {
            Slice s = ring.get(i);
            if (s != null && s.epoch < oldestLive && ring.compareAndSet(i, s, null)) {
                retire(s);
            }
        }
    }

    /** Nonces tracked now. */
    long tracked() {
        return tracked.get();
    }

    /** The slice of issue-time slice {@code epoch}, replacing an older one in its place; null: older than kept. */
    private Slice slice(long epoch) {
        int index = (int) Math.floorMod(epoch, (long) RING);
        while (true) {
            Slice s = ring.get(index);
            if (s != null && s.epoch == epoch) {
                return s;
            }
            if (s != null && s.epoch > epoch) {
                return null; // its place holds a later slice: this nonce is long past its lifetime
            }
            Slice fresh = new Slice(epoch);
            if (ring.compareAndSet(index, s, fresh)) {
                if (s != null) {
                    retire(s);
                }
                return fresh;
            }
        }
    }

    private void retire(Slice s) {
        s.retired = true;
        for (Stripe stripe : s.stripes) {
            synchronized (stripe) {
                tracked.addAndGet(-stripe.size);
                stripe.size = 0;
            }
        }
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51_afd7_ed55_8ccdL;
        k ^= k >>> 33;
        return k;
    }

    private static final class Slice {
        final long epoch;
        final Stripe[] stripes = new Stripe[STRIPES];
        volatile boolean retired;

        Slice(long epoch) {
            this.epoch = epoch;
            for (int i = 0; i < STRIPES; i++) {
                stripes[i] = new Stripe();
            }
        }
    }

    /** An open-addressing table of nonce keys (0: empty) and their highest counts; guarded by itself. */
    private static final class Stripe {
        long[] keys = new long[16];
        int[] counts = new int[16];
        int size;

        Use use(long key, int count, NonceCounts owner) {
            int mask = keys.length - 1;
            int i = (int) mix(key) & mask;
            while (keys[i] != 0) {
                if (keys[i] == key) {
                    if (Integer.compareUnsigned(count, counts[i]) > 0) {
                        counts[i] = count;
                        return Use.COUNTED;
                    }
                    return Use.REPLAYED;
                }
                i = (i + 1) & mask;
            }
            if (owner.tracked.incrementAndGet() > owner.capacity) {
                owner.tracked.decrementAndGet();
                return Use.UNTRACKED;
            }
            keys[i] = key;
            counts[i] = count;
            if (++size > keys.length * 3 / 4) {
                grow();
            }
            return Use.COUNTED;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldCounts = counts;
            keys = new long[oldKeys.length * 2];
            counts = new int[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != 0) {
                    int i = (int) mix(oldKeys[j]) & mask;
                    while (keys[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    counts[i] = oldCounts[j];
                }
            }
        }
    }
}
