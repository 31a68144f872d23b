package org.switchboard.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.switchboard.instances.InstanceId;
import org.switchboard.platform.InvalidInputException;

/**
 * Decides and stores licence events; the licensing module implements it, so that the connector
 * never depends on licensing and licensing may depend on the connector for its vocabulary and keys.
 */
public interface LicenceEngine {

    /** See {@link PhoneSystemPort#report}. */
    Decision decide(InstanceId instance, LicenceEvent event);

    /** See {@link PhoneSystemPort#reportLater}; decided at once unless the engine does better. */
    default CompletionStage<Decision> decideLater(InstanceId instance, LicenceEvent event) {
        try {
            return CompletableFuture.completedFuture(decide(instance, event));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** See {@link PhoneSystemPort#reportAll}; one event after the other unless the engine does better. */
    default List<Decision> decideAll(InstanceId instance, List<LicenceEvent> events) {
        List<Decision> decisions = new ArrayList<>(events.size());
        for (LicenceEvent event : events) {
            Decision decision;
            try {
                decision = decide(instance, event);
            } catch (InvalidInputException e) {
                decision = null;
            }
            decisions.add(decision);
        }
        return decisions;
    }
}
