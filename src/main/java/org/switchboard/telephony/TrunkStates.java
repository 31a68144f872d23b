package org.switchboard.telephony;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.numbers.Trunks;
import org.switchboard.numbers.Trunks.Trunk;
import org.switchboard.telephony.internal.TrunkRegistrations;

/** How the platform's registration to each of an instance's own trunks stands, as this node sees it. */
@Service
public class TrunkStates {

    /**
     * A trunk's registration: {@code REGISTERED} (until when), {@code FAILED} (with the provider's
     * answer or why), {@code TRYING}, or {@code NOT_REGISTERING} (its provider takes no registration).
     */
    public record TrunkState(UUID trunkId, String name, String provider, String status, String reason,
            Instant registeredUntil, Instant since) {
    }

    private final InstanceManagement instances;
    private final Trunks trunks;
    private final TrunkRegistrations registrations;

    TrunkStates(InstanceManagement instances, Trunks trunks, TrunkRegistrations registrations) {
        this.instances = instances;
        this.trunks = trunks;
        this.registrations = registrations;
    }

    public List<TrunkState> of(CurrentUser viewer, InstanceId id) {
        instances.instance(viewer, id);
        List<Trunk> own = trunks.ofInstance(id);
        Map<UUID, Trunk> byId = own.stream().collect(Collectors.toMap(Trunk::id, Function.identity()));
        return registrations.states(own).stream().map(s -> {
            Trunk t = byId.get(s.trunkId());
            return new TrunkState(t.id(), t.name(), t.template().providerName(), s.status(), s.reason(),
                    s.registeredUntil(), s.since());
        }).toList();
    }
}
