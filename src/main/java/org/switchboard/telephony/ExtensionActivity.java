package org.switchboard.telephony;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.instances.InstanceId;
import org.switchboard.telephony.CallHistory.CallView;
import org.switchboard.telephony.internal.Bindings;
import org.switchboard.telephony.internal.Bindings.Reachable;
import org.switchboard.telephony.internal.CallLog;
import org.switchboard.telephony.internal.CallLog.CallRow;

/**
 * What the SIP core knows of an instance's extensions, for a module that has already decided who
 * may see it (the employee's own client): presence (on a call, free when a device is registered,
 * away otherwise), which desktop clients are open, and an extension's calls.
 */
@Service
public class ExtensionActivity {

    public enum Presence {
        FREE, ON_A_CALL, AWAY
    }

    private final Bindings bindings;
    private final CallLog calls;
    private final Clock clock;

    ExtensionActivity(Bindings bindings, CallLog calls, Clock clock) {
        this.bindings = bindings;
        this.calls = calls;
        this.clock = clock;
    }

    /** The presence of {@code extension}, given what {@link #snapshot} found. */
    public record Snapshot(Set<String> registered, Set<String> onACall, Set<String> desktopOpen) {
        public Presence of(String extension) {
            return onACall.contains(extension) ? Presence.ON_A_CALL
                    : registered.contains(extension) ? Presence.FREE : Presence.AWAY;
        }

        public boolean desktopOpen(String extension) {
            return desktopOpen.contains(extension);
        }
    }

    @Transactional(readOnly = true)
    public Snapshot snapshot(InstanceId instance) {
        Instant now = clock.instant();
        Set<String> registered = new HashSet<>();
        Set<String> desktop = new HashSet<>();
        for (Reachable r : bindings.ofInstance(instance, now)) {
            registered.add(r.extension());
            if (r.kind() == DeviceKind.DESKTOP_CLIENT) {
                desktop.add(r.extension());
            }
        }
        Set<String> busy = new HashSet<>();
        for (CallRow c : calls.liveOf(instance)) {
            busy.add(c.subject());
            busy.add(c.to());
        }
        return new Snapshot(registered, busy, desktop);
    }

    @Transactional(readOnly = true)
    public List<CallView> history(InstanceId instance, String extension, int limit) {
        return calls.historyOfExtension(instance, extension, limit).stream().map(CallView::of).toList();
    }
}
