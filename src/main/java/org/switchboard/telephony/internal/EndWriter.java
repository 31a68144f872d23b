package org.switchboard.telephony.internal;

import java.time.Instant;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.instances.InstanceId;
import org.switchboard.telephony.internal.CallLog.CallRow;

/**
 * A call's row ended (its record pending) with the call log's group commit, then its licence given
 * back, on {@code releases} once the end is committed: the SIP worker that saw the BYE waits for
 * neither, and no licence is given back for a call whose end is not durable. When the end cannot be
 * written the row stays live and the overdue sweep ends it; the licence engine's call timeout frees
 * the licence meanwhile.
 */
final class EndWriter {

    private static final Logger log = LoggerFactory.getLogger(EndWriter.class);

    private final CallLogWriter writer;
    private final Executor releases;
    private final LicenceReporter licences;

    EndWriter(CallLogWriter writer, Executor releases, LicenceReporter licences) {
        this.writer = writer;
        this.releases = releases;
        this.licences = licences;
    }

    void end(CallRow row, Instant at, String reason) {
        writer.ended(row.instanceId(), row.callId(), at, reason).whenCompleteAsync((ended, failure) -> {
            if (failure != null) {
                log.warn("the end of call {} was not written; the overdue sweep ends it: {}", row.callId(),
                        failure.toString());
            } else if (ended && row.licenceHeld()) {
                release(row.instanceId(), row.subject(), row.callId(), at);
            }
        }, releases);
    }

    private void release(InstanceId instance, String subject, String callId, Instant at) {
        try {
            licences.report(instance, new LicenceEvent(EventType.CALL_ENDED, subject, callId, null, at));
        } catch (RuntimeException e) {
            log.warn("the end of call {} was not reported; the licence engine's call timeout releases it: {}", callId,
                    e.getMessage());
        }
    }
}
