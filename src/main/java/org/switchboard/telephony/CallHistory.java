package org.switchboard.telephony;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.telephony.internal.CallLog;
import org.switchboard.telephony.internal.CallLog.CallRow;

/** Live calls and the call history of an instance, as its users see them. */
@Service
public class CallHistory {

    /** A call: who with whom, since when, holding a licence or not, and why it ended. */
    public record CallView(String callId, String subject, String from, String to, String direction, String trunk,
            boolean licenceHeld, Instant startedAt, Instant answeredAt, Instant endedAt, String endReason,
            boolean recorded) {
        static CallView of(CallRow r) {
            return new CallView(r.callId(), r.subject(), r.from(), r.to(), r.direction().name(), r.trunk(),
                    r.licenceHeld() && r.endedAt() == null, r.startedAt(), r.answeredAt(), r.endedAt(), r.endReason(),
                    r.recordedAt() != null);
        }
    }

    private final InstanceManagement instances;
    private final CallLog calls;

    CallHistory(InstanceManagement instances, CallLog calls) {
        this.instances = instances;
        this.calls = calls;
    }

    public List<CallView> live(CurrentUser viewer, InstanceId id) {
        instances.instance(viewer, id);
        return calls.liveOf(id).stream().map(CallView::of).toList();
    }

    public List<CallView> history(CurrentUser viewer, InstanceId id, String extension) {
        instances.instance(viewer, id);
        return calls.history(id, extension == null || extension.isBlank() ? null : extension.trim(), 500).stream()
                .map(CallView::of).toList();
    }
}
