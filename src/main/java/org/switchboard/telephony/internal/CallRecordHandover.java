package org.switchboard.telephony.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.connector.CallRecord;
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.instances.InstanceId;
import org.switchboard.telephony.internal.CallLog.CallRow;

/**
 * Hands the records of ended calls to the connector port, a batch per instance, and marks them
 * taken in the same transaction: a record is never lost (it waits in the call log while billing is
 * slow or down) and never sent twice (the port is idempotent by call id anyway). Any node may run
 * it; rows are claimed with SKIP LOCKED.
 */
@Component
public class CallRecordHandover {

    private final CallLog calls;
    private final PhoneSystemPort port;
    private final TransactionTemplate tx;
    private final Clock clock;

    CallRecordHandover(CallLog calls, PhoneSystemPort port, TransactionTemplate tx, Clock clock) {
        this.calls = calls;
        this.port = port;
        this.tx = tx;
        this.clock = clock;
    }

    private static final int BATCH = 500;
    private static final int MOST_BATCHES_AT_ONCE = 20;

    /**
     * Hands over what is pending, a batch after another while batches come full (at most
     * {@value #MOST_BATCHES_AT_ONCE}), so that a second's calls above one batch do not pile up.
     */
    public int handOverPending() {
        int taken = 0;
        for (int i = 0; i < MOST_BATCHES_AT_ONCE; i++) {
            int[] batch = handOverBatch();
            taken += batch[0];
            if (batch[1] < BATCH) {
                break;
            }
        }
        return taken;
    }

    /** Hands over one batch of what is pending; answers how many records the port took. */
    public int handOver() {
        return handOverBatch()[0];
    }

    /** One batch: the records the port took, and the rows marked. */
    private int[] handOverBatch() {
        int[] taken = tx.execute(status -> {
            List<CallRow> pending = calls.unrecorded(BATCH);
            Map<InstanceId, List<CallRow>> byInstance = new LinkedHashMap<>();
            pending.forEach(r -> byInstance.computeIfAbsent(r.instanceId(), k -> new java.util.ArrayList<>()).add(r));
            int n = 0;
            for (Map.Entry<InstanceId, List<CallRow>> e : byInstance.entrySet()) {
                List<CallRow> billable = e.getValue().stream().filter(CallRecordHandover::forBilling).toList();
                if (!billable.isEmpty()) {
                    port.record(e.getKey(), billable.stream().map(CallRecordHandover::record).toList());
                }
                calls.recorded(e.getKey(), e.getValue().stream().map(CallRow::callId).toList(), clock.instant());
                n += billable.size();
            }
            return new int[] { n, pending.size() };
        });
        return taken == null ? new int[2] : taken;
    }

    /**
     * Internal calls, and calls from the carrier routed by extension rather than by a public number,
     * have no public number called: billing takes only records to a public (or emergency) number,
     * so these stay in the call log alone, where the call history shows them.
     */
    static boolean forBilling(CallRow r) {
        return r.direction() == org.switchboard.connector.CallRecord.Direction.OUTBOUND || r.to().startsWith("+");
    }

    static CallRecord record(CallRow r) {
        return new CallRecord(r.callId(), r.subject() == null ? "-" : r.subject(), r.from(), r.to(), r.startedAt(),
                r.answeredAt(), r.endedAt(), r.direction(), r.trunk());
    }
}
