package org.switchboard.instances;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.internal.InstanceRepository;

/** A partner's free phone system for its own use (NFR), sized by its partner level. */
@Service
public class NfrProvision {

    private final InstanceRepository instances;
    private final AccountManagement accounts;
    private final CustomerDirectory directory;
    private final InstanceAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NfrProvision(InstanceRepository instances, AccountManagement accounts, CustomerDirectory directory,
            InstanceAccess access, ApplicationEventPublisher events, Clock clock) {
        this.instances = instances;
        this.accounts = accounts;
        this.directory = directory;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Gives a partner its free phone system for its own use with {@code concurrentUsers}, resizes it,
     * or withdraws it with 0. Acts for no user: the partner programme calls it when a level changes.
     */
    @Transactional
    public Optional<InstanceDetails> provideNfrLicence(PartnerId partner, int concurrentUsers) {
        if (concurrentUsers < 0 || concurrentUsers > InstanceRules.MAX_CONCURRENT_USERS) {
            throw new IllegalArgumentException("NFR size " + concurrentUsers);
        }
        instances.lockNfrOfPartner(partner.value());
        CustomerId ownUse = accounts.ownUseCustomer(partner);
        Customer customer = directory.find(ownUse).orElseThrow();
        Instant now = clock.instant();
        Optional<Instance> existing = instances.lockNfrOf(ownUse);
        Instance instance;
        if (existing.isPresent()) {
            instance = existing.get();
            instance.resizeNfr(concurrentUsers, now);
            instances.update(instance, clock.getZone());
        } else if (concurrentUsers == 0) {
            return Optional.empty();
        } else {
            instance = Instance.grantNfr(InstanceId.random(), ownUse, "NFR phone system", freeSubdomainFor(customer.name()),
                    customer.billingAddress().country(), concurrentUsers, now);
            instances.insert(instance, clock.getZone());
        }
        instance.events().forEach(events::publishEvent);
        return Optional.of(access.details(instance, customer));
    }

    private Subdomain freeSubdomainFor(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replace("(own use)", "").replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        slug = slug.length() > 50 ? slug.substring(0, 50).replaceAll("-+$", "") : slug;
        String base = (slug.length() < 2 ? "partner" : slug) + "-nfr";
        String candidate = base;
        for (int n = 2; instances.subdomainTaken(candidate); n++) {
            candidate = base + "-" + n;
        }
        return Subdomain.of(candidate);
    }
}
