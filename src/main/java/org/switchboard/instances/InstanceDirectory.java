package org.switchboard.instances;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.instances.internal.InstanceRepository;

/**
 * Read-only lookups for other modules' background work, which acts for no user (billing names an
 * instance on an invoice and draws the direct debit on its subscription's mandate; the SIP core
 * finds the instance of a SIP domain).
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

    /** The instance reached under {@code subdomain} (its SIP domain's first label), unless deleted. */
    public Optional<Instance> findBySubdomain(String subdomain) {
        return instances.findBySubdomain(subdomain);
    }
}
