package org.switchboard.billing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.HashMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CustomerId;
import org.switchboard.billing.AirtimePolicy.Outcome;
import org.switchboard.billing.AirtimePolicy.RatedCall;
import org.switchboard.billing.internal.CallRecords.StoredCall;
import org.switchboard.billing.internal.CallRecords;
import org.switchboard.billing.internal.SubscriptionTimelines;
import org.switchboard.connector.CallBatchResult;
import org.switchboard.connector.CallLedger;
import org.switchboard.connector.CallRecord;
import org.switchboard.connector.EmergencyNumbers;
import org.switchboard.instances.Instance;
import org.switchboard.instances.InstanceDirectory;
import org.switchboard.instances.InstanceId;
import org.switchboard.platform.Validation;

/**
 * Takes call records of an instance, rates them as they arrive and keeps them, each call id once.
 * They arrive through the connector's port (an external phone system, the embedded SIP core, or an
 * operator or customer admin sending them by hand), which decides who may send them.
 */
@Service
public class CallRecording implements CallLedger {

    private final CallRecords calls;
    private final SubscriptionTimelines timelines;
    private final TariffManagement tariffs;
    private final InstanceDirectory instances;
    private final Clock clock;

    CallRecording(CallRecords calls, SubscriptionTimelines timelines, TariffManagement tariffs,
            InstanceDirectory instances, Clock clock) {
        this.instances = instances;
        this.calls = calls;
        this.timelines = timelines;
        this.tariffs = tariffs;
        this.clock = clock;
    }

    /**
     * Stores and rates a checked batch of an instance. The emergency numbers are those of the
     * instance's country (looked up here): a dialled number that is neither E.164 nor one of them
     * refuses the whole batch, naming {@code records[i].to}.
     */
    @Override
    @Transactional
    public CallBatchResult record(InstanceId instance, CustomerId customer, List<CallRecord> batch) {
        String country = countryOf(instance);
        // A call cannot have ended later than now (a few minutes allowed for clocks that run ahead).
        java.time.Instant latest = clock.instant().plus(java.time.Duration.ofMinutes(5));
        Validation v = new Validation();
        for (int i = 0; i < batch.size(); i++) {
            String to = batch.get(i).to();
            if (!to.startsWith("+") && !EmergencyNumbers.isEmergency(to, country)) {
                v.reject("records[" + i + "].to", "'" + to + "' is neither an E.164 number nor an emergency number of "
                        + country + ", the phone system's country");
            }
            java.time.Instant end = batch.get(i).end();
            v.check(end == null || !end.isAfter(latest), "records[" + i + "].end",
                    "end " + end + " is in the future: a call record is sent after the call ended");
        }
        v.throwIfInvalid();
        Tariff tariff = tariffs.tariff();
        SubscriptionTimeline timeline = timelines.of(instance).orElse(null);
        Set<String> seen = new HashSet<>(calls.known(instance, batch.stream().map(CallRecord::callId).toList()));
        List<RatedCall> fresh = new ArrayList<>();
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            outcomes.put(o.name(), 0);
        }
        for (CallRecord call : batch) {
            if (seen.add(call.callId())) {
                RatedCall rated = AirtimePolicy.rate(call, tariff, timeline, country);
                fresh.add(rated);
                outcomes.merge(rated.outcome().name(), 1, Integer::sum);
            }
        }
        int stored = calls.insert(instance, customer, fresh, clock.instant());
        // A record stored by a concurrent request between our look-up and insert is a duplicate too.
        return new CallBatchResult(batch.size(), stored, batch.size() - stored, outcomes);
    }

    @Transactional(readOnly = true)
    public List<StoredCall> unrated(int limit) {
        return calls.unrated(limit);
    }

    @Transactional(readOnly = true)
    public long countUnrated() {
        return calls.countUnrated();
    }

    /** Rates the unrated calls again with the zones in force now; answers how many found a zone. */
    @Transactional
    public int rerateUnrated() {
        Tariff tariff = tariffs.tariff();
        int rated = 0;
        Map<UUID, String> countries = new HashMap<>();
        for (StoredCall stored : calls.unrated(Integer.MAX_VALUE)) {
            InstanceId instance = new InstanceId(stored.instanceId());
            SubscriptionTimeline timeline = timelines.of(instance).orElse(null);
            String country = countries.computeIfAbsent(stored.instanceId(), id -> countryOf(instance));
            RatedCall again = AirtimePolicy.rate(CallRecords.toRecord(stored), tariff, timeline, country);
            if (again.outcome() != Outcome.UNRATED) {
                calls.rerate(again, stored.instanceId());
                rated++;
            }
        }
        return rated;
    }

    /** The instance's country, whose emergency numbers apply; Germany if the instance is not known. */
    private String countryOf(InstanceId instance) {
        return instances.find(instance).map(Instance::country).filter(c -> c != null && !c.isBlank())
                .orElse(EmergencyNumbers.DEFAULT_COUNTRY);
    }
}
