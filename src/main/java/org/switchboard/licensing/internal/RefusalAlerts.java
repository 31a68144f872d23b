package org.switchboard.licensing.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.CustomerId;
import org.switchboard.licensing.LicenceRecord;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.platform.Links;

/**
 * When a licence was refused, the customer's admins and its partner's admins hear of it: at most
 * one mail per hour and instance, on any number of nodes (the claim is a conditional update).
 */
@Component
class RefusalAlerts implements LicenceWriter.CommitListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RefusalAlerts.class);
    private static final java.time.Duration ALERT_INTERVAL = java.time.Duration.ofHours(1);

    private final LicenceReads reads;
    private final CustomerDirectory customers;
    private final Outbox outbox;
    private final Links links;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "licence-alerts");
        t.setDaemon(true);
        return t;
    });

    RefusalAlerts(LicenceReads reads, CustomerDirectory customers, Outbox outbox, Links links, TransactionTemplate tx,
            Clock clock) {
        this.reads = reads;
        this.customers = customers;
        this.outbox = outbox;
        this.links = links;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Per instance, until when this node knows that the hour's mail is out (sent by it or by another
     * node): refusals before then need no claim, so a busy pool does not cost a transaction per batch.
     */
    private final java.util.concurrent.ConcurrentMap<UUID, Instant> quietUntil = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Instances whose claim is queued or running: a refusing pool's further batches meanwhile queue
     * no claim of their own (each was a transaction updating the pool's row, which the writers lock,
     * and a node's first refusals of the hour queued one per batch until the first was done).
     */
    private final Set<UUID> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public void committed(UUID instanceId, UUID customerId, int licensed, int occupied, List<LicenceRecord> records) {
        Instant quiet = quietUntil.get(instanceId);
        if (quiet != null && clock.instant().isBefore(quiet)) {
            return;
        }
        if (LicenceMetrics.refused(records) && pending.add(instanceId)) {
            executor.execute(() -> {
                try {
                    alert(instanceId, customerId, licensed);
                } catch (RuntimeException e) {
                    log.warn("Refusal alert for instance {} failed", instanceId, e);
                } finally {
                    pending.remove(instanceId);
                }
            });
        }
    }

    void alert(UUID instanceId, UUID customerId, int licensed) {
        Instant[] quiet = new Instant[1];
        tx.executeWithoutResult(status -> {
            Instant now = clock.instant();
            if (!reads.claimAlert(instanceId, now)) {
                quiet[0] = reads.lastAlert(instanceId).map(last -> last.plus(ALERT_INTERVAL)).orElse(null);
                return;
            }
            quiet[0] = now.plus(ALERT_INTERVAL);
            Customer customer = customers.find(new CustomerId(customerId)).orElse(null);
            if (customer == null) {
                return;
            }
            Set<String> to = new LinkedHashSet<>(customers.adminEmails(customer.id()));
            if (customer.partnerId() != null) {
                to.addAll(customers.partnerAdminEmails(customer.partnerId()));
            }
            String link = links.to("/licensing/instances/" + instanceId);
            for (String address : to) {
                outbox.send(new OutgoingMail(address, "Licence limit reached at " + customer.name(),
                        "Hello,\n\na phone system of " + customer.name() + " has just refused a licence: all "
                                + licensed + " concurrent-user licences were in use. The people refused could take"
                                + " inbound calls only.\n\nSee who holds the licences, the refusals and the sizing"
                                + " advice here:\n" + link + "\n\nYou get at most one such mail per hour and phone"
                                + " system.\n\nSwitchboard",
                        List.of(link)));
            }
        });
        if (quiet[0] != null) {
            if (quietUntil.size() > 100_000) {
                quietUntil.clear();
            }
            quietUntil.put(instanceId, quiet[0]);
        }
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
