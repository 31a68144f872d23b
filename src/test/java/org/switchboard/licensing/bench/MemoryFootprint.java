package org.switchboard.licensing.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.instances.InstanceId;
import org.switchboard.licensing.LicencePool;
import org.switchboard.licensing.SubjectKind;

/**
 * The heap the hot state needs: 10,000 instances of 50 subjects each, every one with its pool
 * full (half the subjects holding a licence through a desktop session, some also through a
 * mobile pairing and a call) and four calls of each employee's day, three of them ended. Run with
 * -Xmx512m.
 * <p>
 * {@code stream <pools> <new refs per second> <minutes> <refs in memory, minutes>}: calls of new
 * refs at that rate over that many minutes of the pools' clock (each ended a minute after it
 * started, a batch per pool and second as the writer takes them, {@link LicencePool#letGo} before
 * each as the writer does); prints the refs the pools know and the heap they take every few
 * minutes. A refs-in-memory of 1440 minutes is the pools as they were, keeping every ref a day.
 */
public final class MemoryFootprint {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("stream")) {
            stream(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    java.time.Duration.ofMinutes(Long.parseLong(args[4])));
            return;
        }
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int subjectsEach = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        long before = usedAfterGc();
        List<LicencePool> pools = new ArrayList<>(instances);
        Instant at = Instant.parse("2026-03-02T08:00:00Z");
        for (int n = 0; n < instances; n++) {
            Map<String, SubjectKind> subjects = new HashMap<>();
            for (int i = 0; i < subjectsEach; i++) {
                subjects.put(String.valueOf(100 + i), i < subjectsEach - 5 ? SubjectKind.EMPLOYEE : SubjectKind.FUNCTION);
            }
            LicencePool pool = new LicencePool(new InstanceId(UUID.randomUUID()), subjectsEach / 2, "DE", subjects);
            // Each event with its own string of the extension and its own instants, as one read from a request.
            for (int i = 0; i < subjectsEach - 5; i++) {
                String s = String.valueOf(100 + i);
                pool.apply(new LicenceEvent(EventType.DESKTOP_OPENED, s, "desktop-" + s + "-1", null, at));
                if (i % 3 == 0) {
                    pool.apply(new LicenceEvent(EventType.MOBILE_PAIRED, s, "phone-" + s, null, at));
                }
                // Calls of the day: most ended (remembered), one running.
                for (int c = 0; c < 4; c++) {
                    String ref = "call-" + s + "-" + c;
                    Instant started = at.plusSeconds(600L * c);
                    pool.apply(new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, String.valueOf(100 + i), ref,
                            "+4930123456", started));
                    if (c < 3) {
                        pool.apply(new LicenceEvent(EventType.CALL_ENDED, String.valueOf(100 + i), ref, null,
                                started.plusSeconds(60)));
                    }
                }
            }
            pool.drainChanges(); // as the writer does after every batch
            pools.add(pool);
        }
        long after = usedAfterGc();
        long refs = pools.stream().mapToLong(p -> p.knownRefs().size()).sum();
        long held = pools.stream().mapToLong(LicencePool::occupied).sum();
        System.out.printf("instances=%d subjects/instance=%d refs=%d holders=%d%n", instances, subjectsEach, refs, held);
        System.out.printf("heap used by the pools: %.1f MB (max heap %.0f MB)%n", (after - before) / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
        if (pools.isEmpty()) {
            System.out.println();
        }
    }

    private static void stream(int poolCount, int perSecond, int minutes, java.time.Duration inMemory) {
        long before = usedAfterGc();
        List<LicencePool> pools = new ArrayList<>(poolCount);
        for (int n = 0; n < poolCount; n++) {
            Map<String, SubjectKind> subjects = new HashMap<>();
            for (int i = 0; i < 50; i++) {
                subjects.put(String.valueOf(100 + i), SubjectKind.EMPLOYEE);
            }
            pools.add(new LicencePool(new InstanceId(UUID.randomUUID()), 50, "DE", subjects));
        }
        Instant start = Instant.parse("2026-03-02T08:00:00Z");
        java.util.ArrayDeque<LicenceEvent[]> running = new java.util.ArrayDeque<>(); // the ends of each second's calls
        java.util.ArrayDeque<int[]> runningPools = new java.util.ArrayDeque<>(); // and their pools
        long started = 0;
        System.out.printf("pools=%d new refs/s=%d refs in memory=%s%n", poolCount, perSecond, inMemory);
        for (int second = 0; second < minutes * 60; second++) {
            Instant now = start.plusSeconds(second);
            List<List<LicenceEvent>> batches = new ArrayList<>(poolCount);
            for (int p = 0; p < poolCount; p++) {
                batches.add(new ArrayList<>());
            }
            // the calls started a minute ago end now
            if (!running.isEmpty() && second >= 60) {
                LicenceEvent[] ends = running.poll();
                int[] of = runningPools.poll();
                for (int i = 0; i < ends.length; i++) {
                    batches.get(of[i]).add(ends[i]);
                }
            }
            LicenceEvent[] ends = new LicenceEvent[perSecond];
            int[] of = new int[perSecond];
            for (int i = 0; i < perSecond; i++, started++) {
                int p = (int) (started % poolCount);
                String subject = String.valueOf(100 + (int) (started / poolCount % 50));
                String ref = UUID.randomUUID().toString();
                batches.get(p).add(new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, subject, ref, "+4930123456", now));
                ends[i] = new LicenceEvent(EventType.CALL_ENDED, subject, ref, null, now.plusSeconds(60));
                of[i] = p;
            }
            running.add(ends);
            runningPools.add(of);
            for (int p = 0; p < poolCount; p++) {
                LicencePool pool = pools.get(p);
                pool.letGo(now, inMemory);
                for (LicenceEvent e : batches.get(p)) {
                    pool.apply(e);
                }
                pool.drainChanges();
            }
            if ((second + 1) % 300 == 0) {
                long refs = pools.stream().mapToLong(pl -> pl.knownRefs().size()).sum();
                System.out.printf("minute %3d: refs started %,d, known %,d, heap used by the pools and the running"
                        + " calls' events %.1f MB%n", (second + 1) / 60, started, refs, (usedAfterGc() - before) / 1048576.0);
            }
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
