package org.switchboard.licensing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Service;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Role;
import org.switchboard.connector.ConnectorKey;
import org.switchboard.connector.Decision;
import org.switchboard.connector.EngineUnavailableException;
import org.switchboard.connector.LicenceEngine;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.licensing.internal.LicenceReads;
import org.switchboard.licensing.internal.LicenceWriter;
import org.switchboard.licensing.internal.PoolMutations;
import org.switchboard.licensing.internal.PoolStore;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;

/**
 * The use cases of the licence: a phone system reporting an event, anybody allowed looking at an
 * instance's licences, a forced release, and the operator's timeouts.
 */
@Service
public class LicenceManagement implements LicenceEngine {

    /** How far an event's own timestamp may lie from the platform's clock. */
    static final Duration MAX_PAST = Duration.ofHours(1);
    static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    /** How long a caller waits for a queued event before it is withdrawn, and for a taken one to commit. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    static final Duration COMMIT_WITHIN = Duration.ofSeconds(30);

    private final InstanceManagement instances;
    private final PoolStore pools;
    private final LicenceWriter writer;
    private final PoolMutations mutations;
    private final LicenceReads reads;
    private final Clock clock;

    LicenceManagement(InstanceManagement instances, PoolStore pools, LicenceWriter writer, PoolMutations mutations,
            LicenceReads reads, Clock clock) {
        this.instances = instances;
        this.pools = pools;
        this.writer = writer;
        this.mutations = mutations;
        this.reads = reads;
        this.clock = clock;
    }

    /**
     * One event of an instance's phone system, through the connector (an external phone system whose
     * key was checked, or the embedded SIP core). An event the engine did not answer within
     * {@link #ANSWER_WITHIN} is withdrawn unless the engine has taken it already: it is then either
     * applied and answered, or not applied and refused with 503, never applied after a refusal.
     *
     * @throws InvalidInputException for an unknown subject, a reason the subject cannot have, a time too far off
     */
    @Override
    public Decision decide(InstanceId instance, LicenceEvent event) {
        requireTimely(event);
        LicenceWriter.Answer<Decision> answer = writer.submit(instance.value(), event);
        try {
            try {
                return answer.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (answer.withdraw()) {
                    throw new EngineUnavailableException("The licence engine did not answer in time; the event was not"
                            + " applied: send it again.", e);
                }
                // Taken by the engine: its batch is being stored, and the answer follows the commit.
                return answer.get(COMMIT_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r && !(r instanceof IllegalStateException)) {
                throw r;
            }
            throw new EngineUnavailableException("The licence engine could not store the event; send it again.", e);
        } catch (TimeoutException e) {
            throw new EngineUnavailableException("The licence engine is storing the event but did not finish in time;"
                    + " sending it again changes nothing once it is stored.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("Interrupted", e);
        }
    }

    /**
     * An event whose caller does not wait (a call's end, a call received): queued like
     * {@link #decide}'s, behind the instance's earlier events, so it is applied before any event the
     * caller sends after it; never withdrawn. The stage fails as {@link #decide} would throw.
     */
    @Override
    public CompletionStage<Decision> decideLater(InstanceId instance, LicenceEvent event) {
        try {
            requireTimely(event);
        } catch (InvalidInputException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Decision> stored = new CompletableFuture<>();
        writer.submit(instance.value(), event).whenComplete((decision, failure) -> {
            if (failure == null) {
                stored.complete(decision);
            } else if (failure instanceof RuntimeException r && !(r instanceof IllegalStateException)) {
                stored.completeExceptionally(r);
            } else {
                stored.completeExceptionally(new EngineUnavailableException(
                        "The licence engine could not store the event; send it again.", failure));
            }
        });
        return stored;
    }

    private static boolean timely(LicenceEvent event, Instant now) {
        return !event.at().isBefore(now.minus(MAX_PAST)) && !event.at().isAfter(now.plus(MAX_FUTURE));
    }

    private void requireTimely(LicenceEvent event) {
        Instant now = clock.instant();
        if (!timely(event, now)) {
            throw new InvalidInputException("at", "at must lie between one hour before and five minutes after the"
                    + " platform's time (" + now + "); leave it out to use the time of arrival.");
        }
    }

    /**
     * Several events of an instance in their order, queued together so that the engine's group
     * commit stores them in few transactions; null for an event refused as invalid.
     */
    @Override
    public List<Decision> decideAll(InstanceId instance, List<LicenceEvent> events) {
        Instant now = clock.instant();
        List<LicenceWriter.Answer<Decision>> answers = new ArrayList<>(events.size());
        for (LicenceEvent event : events) {
            answers.add(timely(event, now) ? writer.submit(instance.value(), event) : null);
        }
        List<Decision> decisions = new ArrayList<>(events.size());
        for (LicenceWriter.Answer<Decision> answer : answers) {
            try {
                decisions.add(answer == null ? null : answer.get(COMMIT_WITHIN.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof InvalidInputException) {
                    decisions.add(null);
                } else if (e.getCause() instanceof RuntimeException r && !(r instanceof IllegalStateException)) {
                    throw r;
                } else {
                    throw new EngineUnavailableException("The licence engine could not store an event; send it again.", e);
                }
            } catch (TimeoutException e) {
                throw new EngineUnavailableException("The licence engine did not store the events in time.", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineUnavailableException("Interrupted", e);
            }
        }
        return decisions;
    }

    /** The licences of an instance as the phone system with this key sees them. */
    public LicenceState state(ConnectorKey key) {
        return reads.state(key.instanceId()).orElseThrow(() -> notSetUp(key.instanceId()));
    }

    /** The licences of an instance for a person who may see it (404 otherwise). */
    public LicenceState state(CurrentUser viewer, InstanceId id) {
        InstanceDetails details = visible(viewer, id);
        ensurePool(details);
        return reads.state(id).orElseThrow(() -> notSetUp(id));
    }

    /** Takes a holder's licence away at once, recorded with who did it. */
    public void forceRelease(CurrentUser viewer, InstanceId id, String subject) {
        visible(viewer, id);
        if (viewer.role() == Role.CUSTOMER_MEMBER || viewer.role() == Role.PARTNER_MEMBER) {
            throw new ForbiddenException("Only admins and operators release a licence by force.");
        }
        boolean released = mutations.mutate(id.value(), pool -> pool.forceRelease(subject, viewer.email(),
                clock.instant()));
        if (!released) {
            throw new NotFoundException("Extension " + subject + " holds no licence.");
        }
    }

    /** The instance if the viewer may see it, with its pool set up. */
    public InstanceDetails visible(CurrentUser viewer, InstanceId id) {
        InstanceDetails details = instances.instance(viewer, id);
        ensurePool(details);
        return details;
    }

    /** The instance if the viewer may manage its subjects and keys: the customer's admins and operators. */
    public InstanceDetails managed(CurrentUser viewer, InstanceId id) {
        InstanceDetails details = visible(viewer, id);
        if (!viewer.isCustomerAdmin() && !viewer.isOperator()) {
            throw new ForbiddenException("Only the customer's admins manage employees, function extensions and keys.");
        }
        return details;
    }

    void ensurePool(InstanceDetails details) {
        pools.ensure(details.instance().id().value(), details.instance().customerId().value(),
                details.instance().country(), details.licensedNow(), clock.instant());
    }

    /** The operator's timeouts: heartbeat of a desktop session, and the longest call. */
    public Duration[] timeouts() {
        int[] s = reads.timeoutsSeconds();
        return new Duration[] { Duration.ofSeconds(s[0]), Duration.ofSeconds(s[1]) };
    }

    public Duration[] changeTimeouts(CurrentUser operator, Integer heartbeatSeconds, Integer callSeconds) {
        operator.requireOperator("change the licence timeouts");
        org.switchboard.platform.Validation v = new org.switchboard.platform.Validation()
                .check(heartbeatSeconds != null && heartbeatSeconds >= 10 && heartbeatSeconds <= 3600,
                        "heartbeatTimeoutSeconds", "The heartbeat timeout must be between 10 and 3600 seconds")
                .check(callSeconds != null && callSeconds >= 60 && callSeconds <= 172800, "callTimeoutSeconds",
                        "The call timeout must be between 60 seconds and 48 hours");
        v.throwIfInvalid();
        reads.setTimeoutsSeconds(heartbeatSeconds, callSeconds);
        return timeouts();
    }

    private static NotFoundException notSetUp(InstanceId id) {
        return new NotFoundException("Licensing is not set up for instance " + id.value() + ".");
    }
}
