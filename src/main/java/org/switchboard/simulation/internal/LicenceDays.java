package org.switchboard.simulation.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;
import org.switchboard.connector.CallRecord;
import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceDevice;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.licensing.WorkdayModel;
import org.switchboard.simulation.internal.Ledger.InstanceRecord;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A working day of the phone systems: every living one reports the licence engine's workday model
 * (desktop sessions, mobiles, calls) through the connector's port, all systems' events merged in
 * time order, now and then an emergency call; every admitted outbound call becomes a call record
 * at 23:50, with a destination of the kind offices call.
 */
@Component
class LicenceDays {

    private static final int FIRST_EXTENSION = CustomerLife.FIRST_EXTENSION;
    /**
     * Phone systems reporting side by side, at most. The licence engine stores what has queued up
     * from all of them in one transaction, so the more report at once, the fewer transactions a
     * day takes (one per event when a single phone system reports alone).
     */
    private static final int REPORTERS = 64;

    private final PhoneSystemPort port;
    private final MeterRegistry meters;

    LicenceDays(PhoneSystemPort port, MeterRegistry meters) {
        this.port = port;
        this.meters = meters;
    }

    /** The licence engine's transactions so far (its batches, as its metric counts them). */
    private long engineTransactions() {
        DistributionSummary batches = meters.find("licence.batch.events").summary();
        return batches == null ? 0 : batches.count();
    }

    private record Played(InstanceRecord instance, LicenceEvent event) {
    }

    void workday(Ledger ledger, Random random, LocalDate day, Consumer<Instant> setClock) {
        Instant midnight = day.atStartOfDay(ledger.zone).toInstant();
        List<Played> events = new ArrayList<>();
        for (InstanceRecord i : ledger.instances) {
            Instant morning = midnight.plus(Duration.ofHours(7));
            if (!i.alive(morning) || i.subscribedAt(morning) && !i.subscribedAt(midnight.plus(Duration.ofHours(24)))) {
                continue; // not running, or its subscription ends at its term end today
            }
            for (LicenceEvent e : WorkdayModel.day(i.subjectsByType, FIRST_EXTENSION, new Random(random.nextLong()),
                    midnight, day.toString())) {
                events.add(new Played(i, e));
            }
            if (random.nextInt(12) == 0) {
                // An emergency call from the first employee, always put through.
                Instant at = midnight.plus(Duration.ofMinutes(10 * 60 + random.nextInt(300)));
                String ref = "emergency-" + day;
                LicenceDevice phone = new LicenceDevice("desk-" + FIRST_EXTENSION, "Desk phone " + FIRST_EXTENSION);
                events.add(new Played(i, new LicenceEvent(EventType.OUTBOUND_CALL_STARTED,
                        String.valueOf(FIRST_EXTENSION), ref, "112", at, phone)));
                events.add(new Played(i, new LicenceEvent(EventType.CALL_ENDED, String.valueOf(FIRST_EXTENSION), ref,
                        null, at.plus(Duration.ofMinutes(3)), phone)));
            }
        }
        events.sort(Comparator.comparing(p -> p.event().at()));
        long transactions = engineTransactions();
        Decision[] decisions = decide(events, midnight, setClock);
        ledger.licenceTransactions += engineTransactions() - transactions;
        Map<String, LicenceEvent> admittedCalls = new HashMap<>();
        // Emergency calls going on per phone system: admitted over the limit, they may hold licences above the pool.
        Map<InstanceRecord, Integer> emergencies = new HashMap<>();
        java.util.Set<String> emergencyRefs = new java.util.HashSet<>();
        Map<InstanceRecord, List<CallRecord>> records = new HashMap<>();
        Map<InstanceRecord, AdmissionModel> models = new HashMap<>();
        for (int n = 0; n < events.size(); n++) {
            Played p = events.get(n);
            Decision d = decisions[n];
            if (d == null) {
                ledger.count("licence events refused as invalid");
                continue;
            }
            ledger.licenceEvents++;
            modelled(ledger, models.computeIfAbsent(p.instance(), x -> new AdmissionModel()), p, d);
            String key = p.instance().id.value() + "/" + p.event().ref();
            if (p.event().type().startsReason()) {
                if (d.admitted()) {
                    ledger.admitted++;
                    if (d.emergency()) {
                        ledger.emergencies++;
                        emergencies.merge(p.instance(), 1, Integer::sum);
                        emergencyRefs.add(key);
                    } else if (d.occupied() > d.licensed() + emergencies.getOrDefault(p.instance(), 0)) {
                        ledger.poolViolations.add(p.instance().name + " at " + p.event().at() + ": " + d.occupied()
                                + " licences held of " + d.licensed());
                    }
                    if (p.event().type() == EventType.OUTBOUND_CALL_STARTED) {
                        admittedCalls.put(key, p.event());
                    }
                } else {
                    ledger.refused++;
                }
            } else if (p.event().type() == EventType.CALL_ENDED) {
                if (emergencyRefs.remove(key)) {
                    emergencies.merge(p.instance(), -1, Integer::sum);
                }
                LicenceEvent started = admittedCalls.remove(key);
                if (started != null) {
                    records.computeIfAbsent(p.instance(), x -> new ArrayList<>())
                            .add(call(ledger, random, p.instance(), started, p.event().at()));
                }
            }
        }
        setClock.accept(midnight.plus(Duration.ofHours(23).plusMinutes(50)));
        for (Map.Entry<InstanceRecord, List<CallRecord>> e : records.entrySet()) {
            port.record(e.getKey().id, e.getValue());
        }
    }

    /** The simulation's own admission model beside the engine's decision: a difference is a finding. */
    private static void modelled(Ledger ledger, AdmissionModel model, Played p, Decision d) {
        LicenceEvent e = p.event();
        if (!e.type().startsReason()) {
            model.ends(e);
            return;
        }
        boolean admits = model.admits(e, p.instance().poolAt(e.at(), ledger.trialConcurrentUsers));
        if (!admits) {
            ledger.refusedByModel++;
        }
        if (admits != d.admitted() && ledger.admissionDifferences.size() < 20) {
            ledger.admissionDifferences.add(p.instance().name + " at " + e.at() + ": " + e.type() + " of " + e.subject()
                    + (d.admitted() ? " admitted" : " refused") + ", the admission rules " + (admits ? "admit" : "refuse")
                    + " it");
        }
    }

    /**
     * Reports the day's events half an hour at a time: the clock stands at the end of the half
     * hour (the engine takes events up to an hour old), each phone system's events of the half
     * hour in their order through the port's batch path, different phone systems side by side as
     * they would arrive (the engine stores what has queued up from all of them in one
     * transaction). Answers each event's decision by its index (null: refused as invalid); the
     * ledger reads them in time order after.
     */
    private Decision[] decide(List<Played> events, Instant midnight, Consumer<Instant> setClock) {
        Decision[] decisions = new Decision[events.size()];
        int n = 0;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(REPORTERS);
        try {
            while (n < events.size()) {
                long window = Duration.between(midnight, events.get(n).event().at()).toMinutes() / 30;
                Instant windowEnd = midnight.plus(Duration.ofMinutes((window + 1) * 30));
                Map<InstanceRecord, List<Integer>> byInstance = new java.util.LinkedHashMap<>();
                while (n < events.size() && events.get(n).event().at().isBefore(windowEnd)) {
                    byInstance.computeIfAbsent(events.get(n).instance(), x -> new ArrayList<>()).add(n);
                    n++;
                }
                setClock.accept(windowEnd);
                List<java.util.concurrent.Future<?>> running = new ArrayList<>();
                for (Map.Entry<InstanceRecord, List<Integer>> e : byInstance.entrySet()) {
                    running.add(pool.submit(() -> {
                        List<Integer> order = e.getValue();
                        List<Decision> answered = port.reportAll(e.getKey().id,
                                order.stream().map(i -> events.get(i).event()).toList());
                        for (int k = 0; k < order.size(); k++) {
                            decisions[order.get(k)] = answered.get(k);
                        }
                    }));
                }
                for (java.util.concurrent.Future<?> f : running) {
                    f.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("reporting licence events failed", e.getCause());
        } finally {
            pool.shutdown();
        }
        return decisions;
    }

    private CallRecord call(Ledger ledger, Random random, InstanceRecord instance, LicenceEvent started, Instant end) {
        String to = "112".equals(started.destination()) ? "112" : destination(random);
        Instant start = started.at();
        boolean answered = random.nextInt(10) != 0;
        Instant answer = answered ? start.plusSeconds(3 + random.nextInt(20)) : null;
        Instant hangUp = end.plusSeconds(random.nextInt(60));
        if (answer != null && hangUp.isBefore(answer)) {
            hangUp = answer;
        }
        String callId = "sim-" + instance.id.value() + "-" + started.ref();
        ledger.called(new Ledger.CallMade(instance, callId, to, start, answer, hangUp));
        return new CallRecord(callId, started.subject(), "+4999150000" + (random.nextInt(90) + 10), to, start, answer,
                hangUp, CallRecord.Direction.OUTBOUND, CallRecord.PLATFORM_TRUNK);
    }

    /**
     * Where office calls go: mostly German fixed and mobile numbers, some EU, a few world, now and
     * then a number no zone rates. Geographic and mobile numbers only: special ranges (premium
     * rate, shared cost, directory enquiries) are rated by their own rule, which this simulation
     * does not play.
     */
    private static String destination(Random random) {
        int r = random.nextInt(200);
        // Subscriber digits from 2 to 7: never the start of a service range behind an area code
        // (Vienna's 1 followed by 18 would be Austria's directory enquiries, 43118).
        String digits = String.valueOf(2_000_000 + random.nextInt(6_000_000));
        if (r < 110) {
            String[] areas = { "30", "40", "89", "221", "69", "991", "711", "341" };
            return "+49" + areas[random.nextInt(areas.length)] + digits;
        }
        if (r < 170) {
            String[] mobile = { "151", "160", "170", "176", "157" };
            return "+49" + mobile[random.nextInt(mobile.length)] + digits;
        }
        if (r < 188) {
            // Paris, Vienna, Rome, Amsterdam, Warsaw, Prague
            String[] eu = { "331", "431", "3906", "3120", "4822", "4202" };
            return "+" + eu[random.nextInt(eu.length)] + digits;
        }
        if (r < 198) {
            // New York, London, Zurich, Tokyo
            String[] world = { "1212", "4420", "4144", "813" };
            return "+" + world[random.nextInt(world.length)] + digits;
        }
        return "+88216" + digits;
    }
}
