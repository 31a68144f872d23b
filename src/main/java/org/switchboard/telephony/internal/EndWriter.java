package org.switchboard.telephony.internal;

import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.instances.InstanceId;
import org.switchboard.telephony.internal.CallLog.CallRow;

/**
 * A call's row ended (its record pending) with the call log's group commit, then its licence given
 * back once that end is committed: no licence is given back for a call whose end is not durable.
 * The SIP worker waits for the end, with the call's lock held, so that the call's last response
 * (the 200 to its BYE) reaches the caller only once the call is ended; it waits for a shared commit
 * instead of one of its own. It does not wait for the licence's release: that is queued before the
 * 200 goes out, so any call the caller places after it is decided with the licence free, and it is
 * stored with the licence engine's next group commit, beside other calls' events. When the end cannot be written the row stays live and
 * the overdue sweep ends it; the licence engine's call timeout frees the licence meanwhile. The
 * call's place under the concurrent outbound cap ({@link OutboundInFlight}) is freed here too.
 */
final class EndWriter {

    private static final Logger log = LoggerFactory.getLogger(EndWriter.class);
    private static final long WAIT_SECONDS = 10;

    private final CallLogWriter writer;
    private final LicenceReporter licences;
    private final OutboundInFlight inFlight;

    EndWriter(CallLogWriter writer, LicenceReporter licences, OutboundInFlight inFlight) {
        this.writer = writer;
        this.licences = licences;
        this.inFlight = inFlight;
    }

    void end(CallRow row, Instant at, String reason) {
        boolean ended;
        try {
            ended = writer.ended(row.instanceId(), row.callId(), at, reason).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("the end of call {} was not written; the overdue sweep ends it: {}", row.callId(), e.toString());
            return;
        } finally {
            // its place under the concurrent cap: from here on its row counts, live until its end is written
            inFlight.release(row.instanceId(), row.callId());
        }
        if (ended && row.licenceHeld()) {
            release(row.instanceId(), row.subject(), row.callId(), at);
        }
    }

    private void release(InstanceId instance, String subject, String callId, Instant at) {
        licences.reportLater(instance, new LicenceEvent(EventType.CALL_ENDED, subject, callId, null, at))
                .whenComplete((decision, failure) -> {
                    if (failure != null) {
                        log.warn("the end of call {} was not reported; the licence engine's call timeout releases it: {}",
                                callId, failure.getMessage());
                    }
                });
    }
}
