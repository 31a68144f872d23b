package org.switchboard.licensing.simulation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.switchboard.connector.Decision;
import org.switchboard.instances.InstanceId;
import org.switchboard.licensing.LicencePool;
import org.switchboard.licensing.SizingAdvicePolicy;
import org.switchboard.licensing.SubjectKind;
import org.switchboard.licensing.internal.Workdays.Timed;
import org.switchboard.licensing.internal.Workdays;

/**
 * Plays working days of a company against the licence engine and measures what it needs: the
 * four employee types of the sizing rule (1 managers and field sales, 2 office staff, 3
 * part-timers, 4 function extensions) with desktop sessions, mobile pairings and calls of
 * realistic lengths. Prints the peak and 95th percentile against the sizing rule's count, and
 * the refusals a pool of that size would have given. See docs/simulation.md for the model.
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.switchboard.licensing.simulation.WorkdaySimulator -Dexec.args="5 10 5 10 16 30 20"
 * </pre>
 * Arguments: counts of types 1 to 4, the licensed count to test, days per month, months (seeds).
 */
public final class WorkdaySimulator {

    private static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");

    public static void main(String[] args) {
        int[] counts = { arg(args, 0, 5), arg(args, 1, 10), arg(args, 2, 5), arg(args, 3, 10) };
        int licensed = arg(args, 4, 16);
        int days = arg(args, 5, 30);
        int months = arg(args, 6, 20);
        System.out.printf("company: type1=%d type2=%d type3=%d type4=%d; sizing rule says %d; %d months of %d working days%n",
                counts[0], counts[1], counts[2], counts[3], licensed, months, days);
        System.out.println("month  peak  p95(hourly peaks)  p95(minutes 8-18)  mean(8-18)  refusals@" + licensed
                + "  minutes>=" + licensed + "  advice");
        List<Integer> allPeaks = new ArrayList<>();
        List<Integer> allP95 = new ArrayList<>();
        long totalRefusals = 0;
        for (int m = 0; m < months; m++) {
            Random random = new Random(1000 + m);
            List<Integer> hourlyPeaks = new ArrayList<>();
            List<Integer> minutes = new ArrayList<>();
            long refusals = 0;
            long busyMinutes = 0;
            double sum = 0;
            for (int d = 0; d < days; d++) {
                List<Timed> events = Workdays.day(counts, 100, random, MIDNIGHT, String.valueOf(d));
                int[] demand = occupancy(counts, events, 10_000, null);
                long[] refused = new long[1];
                occupancy(counts, events, licensed, refused);
                refusals += refused[0];
                for (int h = 0; h < 24; h++) {
                    int peak = 0;
                    for (int min = h * 60; min < h * 60 + 60; min++) {
                        peak = Math.max(peak, demand[min]);
                    }
                    hourlyPeaks.add(peak);
                }
                for (int min = 8 * 60; min < 18 * 60; min++) {
                    minutes.add(demand[min]);
                    sum += demand[min];
                    if (demand[min] >= licensed) {
                        busyMinutes++;
                    }
                }
            }
            int peak = hourlyPeaks.stream().mapToInt(Integer::intValue).max().orElse(0);
            int p95 = SizingAdvicePolicy.percentile95(hourlyPeaks);
            int p95min = SizingAdvicePolicy.percentile95(minutes);
            var advice = SizingAdvicePolicy.advise(licensed, hourlyPeaks, (int) refusals);
            System.out.printf("%5d  %4d  %17d  %17d  %10.1f  %11d  %11d  %s %d%n", m + 1, peak, p95, p95min,
                    sum / minutes.size(), refusals, busyMinutes, advice.kind(), advice.recommended());
            allPeaks.add(peak);
            allP95.add(p95);
            totalRefusals += refusals;
        }
        System.out.printf("over all months: peak %d..%d, p95 of hourly peaks %d..%d, refusals per month at %d CU: %.1f%n",
                allPeaks.stream().mapToInt(i -> i).min().orElse(0), allPeaks.stream().mapToInt(i -> i).max().orElse(0),
                allP95.stream().mapToInt(i -> i).min().orElse(0), allP95.stream().mapToInt(i -> i).max().orElse(0),
                licensed, (double) totalRefusals / months);
    }

    /** Occupancy at each minute of the day with a pool of {@code licensed}; counts refusals if asked. */
    static int[] occupancy(int[] counts, List<Timed> events, int licensed, long[] refused) {
        Map<String, SubjectKind> subjects = new HashMap<>();
        int n = 0;
        for (int type = 0; type < 4; type++) {
            for (int i = 0; i < counts[type]; i++) {
                subjects.put(String.valueOf(100 + n++), type == 3 ? SubjectKind.FUNCTION : SubjectKind.EMPLOYEE);
            }
        }
        LicencePool pool = new LicencePool(new InstanceId(UUID.randomUUID()), licensed, "DE", subjects);
        int[] occupied = new int[24 * 60];
        int next = 0;
        for (int minute = 0; minute < 24 * 60; minute++) {
            int peak = pool.occupied();
            while (next < events.size() && events.get(next).minute() == minute) {
                Decision d = pool.apply(events.get(next++).event());
                if (!d.admitted() && refused != null) {
                    refused[0]++;
                }
                peak = Math.max(peak, pool.occupied());
            }
            pool.discardChanges();
            occupied[minute] = peak;
        }
        return occupied;
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
