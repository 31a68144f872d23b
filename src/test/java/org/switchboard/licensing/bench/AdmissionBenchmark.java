package org.switchboard.licensing.bench;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.instances.InstanceId;
import org.switchboard.licensing.LicencePool;
import org.switchboard.licensing.SubjectKind;

/**
 * In-process admission decisions of the domain engine: a pool of 16 with 30 subjects receiving
 * a mix of desktop sessions, heartbeats, mobile pairings, outbound and inbound calls. One
 * operation is one event decided (and its change recorded).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AdmissionBenchmark {

    private static final int RING = 1 << 16;

    private LicencePool pool;
    private LicenceEvent[] events;
    private int next;

    @Setup
    public void setUp() {
        Map<String, SubjectKind> subjects = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            subjects.put(String.valueOf(100 + i), SubjectKind.EMPLOYEE);
        }
        for (int i = 0; i < 10; i++) {
            subjects.put(String.valueOf(900 + i), SubjectKind.FUNCTION);
        }
        pool = new LicencePool(new InstanceId(UUID.randomUUID()), 16, "DE", subjects);
        Random random = new Random(42);
        Instant at = Instant.parse("2026-03-02T08:00:00Z");
        events = new LicenceEvent[RING];
        int call = 0;
        for (int i = 0; i < RING; i++) {
            int employee = random.nextInt(20);
            String subject = String.valueOf(100 + employee);
            events[i] = switch (random.nextInt(8)) {
                case 0 -> new LicenceEvent(EventType.DESKTOP_OPENED, subject, "d" + employee + "-" + (i % 64), null, at);
                case 1 -> new LicenceEvent(EventType.DESKTOP_HEARTBEAT, subject, "d" + employee + "-" + (i % 64), null, at);
                case 2 -> new LicenceEvent(EventType.MOBILE_PAIRED, subject, "m" + employee, null, at);
                case 3 -> new LicenceEvent(EventType.MOBILE_UNPAIRED, subject, "m" + employee, null, at);
                case 4 -> new LicenceEvent(EventType.OUTBOUND_CALL_STARTED,
                        random.nextInt(4) == 0 ? String.valueOf(900 + random.nextInt(10)) : subject, "c" + (call++),
                        "+49301234567", at);
                case 5 -> new LicenceEvent(EventType.CALL_ENDED, subject, "c" + Math.max(0, call - 1 - random.nextInt(4)),
                        null, at);
                case 6 -> new LicenceEvent(EventType.DESKTOP_CLOSED, subject, "d" + employee + "-" + (i % 64), null, at);
                default -> new LicenceEvent(EventType.INBOUND_CALL, subject, "in" + i, null, at);
            };
        }
    }

    @Benchmark
    public Decision decide() {
        LicenceEvent event = events[next];
        next = (next + 1) & (RING - 1);
        if (next == 0) {
            // The ring starts over: forget what ended, as the reclaim job does after a day.
            pool.forget(Instant.MAX);
        }
        Decision d = pool.apply(event);
        pool.discardChanges();
        return d;
    }
}
