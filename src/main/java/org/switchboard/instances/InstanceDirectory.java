package org.switchboard.instances;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.instances.internal.InstanceRepository;

/**
 * Read-only lookups for other modules' background work, which acts for no user (billing names an
 * instance on an invoice and draws the direct debit on its subscription's mandate).
 */
@Service
@Transactional(readOnly = true)
public class InstanceDirectory {

    private final InstanceRepository instances;

    InstanceDirectory(InstanceRepository instances) {
        this.instances = instances;
    }

    public Optional<Instance> find(InstanceId id) {
        return instances.find(id);
    }
}
