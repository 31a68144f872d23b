package org.switchboard.telephony.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.switchboard.instances.InstanceId;
import org.switchboard.platform.ChannelListener;

/**
 * The registrations this node routes to, kept in memory: the live bindings of an extension (read
 * once per call before) and of a device (read once per REGISTER). PostgreSQL stays the truth;
 * what is kept is a copy that is thrown away when it may be wrong:
 * <ul>
 * <li>a change written through this node ({@link Bindings}) marks the instance's copies old at
 * once, before the registrar answers;</li>
 * <li>a change committed by any node (a binding added or removed, its flow changed, its expiry
 * brought forward) is announced by a trigger on {@code sip_bindings} to every node listening
 * ({@value #CHANNEL}), which marks that instance's copies old within milliseconds of the commit;</li>
 * <li>a copy holding a binding past its expiry is read again (a refresh on another node extends a
 * binding without an announcement), so expiry is honoured at every read;</li>
 * <li>while this node is not listening (starting, or its listening connection lost) nothing is
 * served from memory, and when it listens again every copy is old: it may have missed an
 * announcement.</li>
 * </ul>
 * Copies are marked old by a generation per stripe of instances: a copy read while its instance
 * changed is stored with the generation seen before the read, so it is never taken for current.
 * Bounded: at most {@value #MAX_ENTRIES} copies (beyond, all are dropped).
 */
@Component
class BindingCache implements SmartLifecycle {

    static final String CHANNEL = "sip_bindings_changed";
    private static final int STRIPES = 1024;
    private static final int MAX_ENTRIES = 200_000;

    private record Entry(long generation, List<?> items) {
    }

    private final Map<Object, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
    private final AtomicLong epoch = new AtomicLong();
    private final ChannelListener listener;
    private volatile boolean listening;

    BindingCache(DataSource dataSource) {
        this.listener = new ChannelListener(dataSource, CHANNEL, "sip-bindings-listener",
                instance -> changed(new InstanceId(UUID.fromString(instance))), new ChannelListener.Events() {
                    @Override
                    public void listening(boolean again) {
                        changedAll(); // announcements before this one may have been missed
                        listening = true;
                    }

                    @Override
                    public void lost() {
                        listening = false; // read from the database meanwhile
                        changedAll();
                    }
                });
    }

    /**
     * The items kept under {@code key} for {@code instance}, or loaded (and kept) when there are none,
     * they may be old, or one of them is past its expiry at {@code now}.
     */
    @SuppressWarnings("unchecked")
    <T> List<T> get(Object key, InstanceId instance, Instant now, Function<T, Instant> expiry, Supplier<List<T>> load) {
        if (!listening) {
            return load.get();
        }
        long generation = generation(instance);
        Entry e = entries.get(key);
        if (e != null && e.generation() == generation && allLive((List<T>) e.items(), now, expiry)) {
            return (List<T>) e.items();
        }
        List<T> items = List.copyOf(load.get());
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(generation, items));
        return items;
    }

    /**
     * Replaces a copy this node has just brought up to date itself (a refresh that changed only
     * expiries); kept only if nothing marked the instance's copies old since the copy was read.
     */
    void update(Object key, InstanceId instance, List<?> items) {
        long generation = generation(instance);
        entries.computeIfPresent(key, (k, e) -> e.generation() == generation ? new Entry(generation, List.copyOf(items)) : e);
    }

    /** The instance's copies are old: a binding of it was written or removed. */
    void changed(InstanceId instance) {
        stripes.incrementAndGet(stripe(instance.value()));
    }

    /** Every copy is old. */
    void changedAll() {
        epoch.incrementAndGet();
    }

    boolean listening() {
        return listening;
    }

    private long generation(InstanceId instance) {
        return epoch.get() + stripes.get(stripe(instance.value()));
    }

    private static int stripe(UUID instance) {
        return (instance.hashCode() & 0x7fffffff) % STRIPES;
    }

    private static <T> boolean allLive(List<T> items, Instant now, Function<T, Instant> expiry) {
        for (T item : items) {
            if (!expiry.apply(item).isAfter(now)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void start() {
        listener.start();
    }

    @Override
    public void stop() {
        listener.stop();
        listening = false;
    }

    @Override
    public boolean isRunning() {
        return listener.isRunning();
    }
}
