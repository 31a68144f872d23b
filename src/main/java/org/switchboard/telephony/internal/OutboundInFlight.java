package org.switchboard.telephony.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.switchboard.instances.InstanceId;

/**
 * This node's calls to the public network per instance, from the moment the fraud guards admit one
 * to its end (committed): counted from memory, so the concurrent outbound cap sees a call of the
 * last milliseconds whose row is not written yet (the call log writes with group commit), and two
 * calls admitted at once cannot both take the last place. Calls of other nodes are counted from
 * their rows ({@link CallLog#liveOutboundExcept}).
 */
final class OutboundInFlight {

    /** The Call-IDs of one instance's calls in flight here; its own lock for check-and-take. */
    static final class OfInstance {
        private final Set<String> callIds = new HashSet<>();

        /** The Call-IDs now (a copy); call with this object's lock held. */
        Set<String> callIds() {
            return Set.copyOf(callIds);
        }

        /** Takes a place for the call; call with this object's lock held, after the check. */
        void take(String callId) {
            callIds.add(callId);
        }
    }

    private final Map<InstanceId, OfInstance> byInstance = new ConcurrentHashMap<>();

    /** The instance's calls here; lock it to check the cap and take a place at once. */
    OfInstance of(InstanceId instance) {
        return byInstance.computeIfAbsent(instance, i -> new OfInstance());
    }

    /** The call has ended (or was refused after the guards): its place is free. */
    void release(InstanceId instance, String callId) {
        OfInstance of = byInstance.get(instance);
        if (of != null) {
            synchronized (of) {
                of.callIds.remove(callId);
            }
        }
    }

    /** Calls in flight here for the instance. */
    int count(InstanceId instance) {
        OfInstance of = byInstance.get(instance);
        if (of == null) {
            return 0;
        }
        synchronized (of) {
            return of.callIds.size();
        }
    }
}
