package org.switchboard.telephony;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.telephony.internal.Bindings;
import org.switchboard.telephony.internal.Bindings.Reachable;

/** The current registrations of an instance's devices, as shown to its admins. */
@Service
public class DeviceRegistrations {

    /** A registration of a device, as shown to admins. */
    public record Registration(UUID deviceId, String extension, DeviceKind kind, String sipUser, String contact,
            String source, String userAgent, Instant since, Instant expiresAt) {
    }

    private final InstanceManagement instances;
    private final Bindings bindings;
    private final Clock clock;

    DeviceRegistrations(InstanceManagement instances, Bindings bindings, Clock clock) {
        this.instances = instances;
        this.bindings = bindings;
        this.clock = clock;
    }

    public List<Registration> registrations(CurrentUser viewer, InstanceId id) {
        instances.instance(viewer, id);
        return bindings.ofInstance(id, clock.instant()).stream().map(DeviceRegistrations::registration).toList();
    }

    private static Registration registration(Reachable r) {
        return new Registration(r.binding().deviceId(), r.extension(), r.kind(), r.sipUser(), r.binding().contact(),
                r.binding().flow(), r.binding().userAgent(), r.binding().registeredAt(), r.binding().expiresAt());
    }
}
