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
 * mobile pairing and a call) and a day's worth of ended refs remembered. Run with -Xmx512m.
 */
public final class MemoryFootprint {

    public static void main(String[] args) {
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
