package org.switchboard.connector;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.switchboard.instances.InstanceId;

/**
 * The one way a phone system talks to the platform. The embedded SIP core calls it in process;
 * the connector API's HTTP endpoints call it for an external phone system once its key is
 * checked. Both go through the same code, so a rule is never applied twice or differently.
 */
public interface PhoneSystemPort {

    /**
     * A licence event of the instance's phone system: a desktop session, a mobile pairing or a
     * call. Answers the decision after it is stored.
     *
     * @throws org.switchboard.platform.InvalidInputException for an unknown subject, a reason the
     *         subject cannot have, or a time too far from the platform's clock
     * @throws EngineUnavailableException when the decision could not be stored; the event was not
     *         applied and may be sent again
     */
    Decision report(InstanceId instance, LicenceEvent event);

    /**
     * A licence event the phone system does not wait for: one whose decision changes nothing it
     * does next, as a call's end (its licence is given back, never refused) or a call received
     * (never refused). It is queued behind the instance's earlier events and before its later ones,
     * as {@link #report} queues them, so a call placed after a call's end is decided with that
     * licence free; it is stored with the engine's next group commit. The stage completes with the
     * decision once stored, or with the failure {@link #report} would have thrown.
     */
    CompletionStage<Decision> reportLater(InstanceId instance, LicenceEvent event);

    /**
     * Several licence events of the instance's phone system, in their order, handed to the engine
     * at once so that it stores them in as few transactions as it can. Answers each event's
     * decision by its index: null for an event refused as invalid (see {@link #report}).
     *
     * @throws EngineUnavailableException when a decision could not be stored; the events from
     *         that one on may not have been applied
     */
    List<Decision> reportAll(InstanceId instance, List<LicenceEvent> events);

    /** Call records of the instance, idempotent by call id; each is rated and kept for its invoice. */
    CallBatchResult record(InstanceId instance, List<CallRecord> calls);
}
