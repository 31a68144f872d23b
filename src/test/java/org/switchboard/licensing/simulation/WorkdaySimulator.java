package org.switchboard.licensing.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.switchboard.instances.InstanceId;
import org.switchboard.licensing.Decision;
import org.switchboard.licensing.EventType;
import org.switchboard.licensing.LicenceEvent;
import org.switchboard.licensing.LicencePool;
import org.switchboard.licensing.SizingAdvicePolicy;
import org.switchboard.licensing.SubjectKind;

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

    record Timed(int minute, LicenceEvent event) {
    }

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
                List<Timed> events = day(counts, random, d);
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

    /** One working day's events of every subject, in time order. */
    static List<Timed> day(int[] counts, Random random, int day) {
        List<Timed> events = new ArrayList<>();
        int n = 0;
        for (int type = 0; type < 4; type++) {
            for (int i = 0; i < counts[type]; i++) {
                String subject = String.valueOf(100 + n++);
                String tag = subject + "-" + day;
                switch (type) {
                    case 0 -> { // managers, field sales: mobile paired all working day, many calls
                        int on = minute(random, 7 * 60 + 30, 8 * 60);
                        int off = minute(random, 18 * 60, 19 * 60);
                        add(events, on, EventType.MOBILE_PAIRED, subject, "m-" + tag);
                        add(events, off, EventType.MOBILE_UNPAIRED, subject, "m-" + tag);
                        calls(events, random, subject, tag, on, off, 8, 6);
                    }
                    case 1 -> { // office: desktop from arrival to leaving, closed over lunch
                        int arrive = minute(random, 7 * 60 + 45, 9 * 60);
                        int lunch = minute(random, 12 * 60, 13 * 60);
                        int back = lunch + minute(random, 30, 50);
                        int leave = Math.min(23 * 60, arrive + minute(random, 8 * 60 + 15, 9 * 60 + 15));
                        add(events, arrive, EventType.DESKTOP_OPENED, subject, "d1-" + tag);
                        add(events, lunch, EventType.DESKTOP_CLOSED, subject, "d1-" + tag);
                        add(events, back, EventType.DESKTOP_OPENED, subject, "d2-" + tag);
                        add(events, leave, EventType.DESKTOP_CLOSED, subject, "d2-" + tag);
                        calls(events, random, subject, tag, arrive, leave, 6, 4);
                    }
                    case 2 -> { // part-time: a four-hour shift in the morning or the afternoon
                        boolean morning = random.nextBoolean();
                        int start = morning ? minute(random, 7 * 60 + 45, 8 * 60 + 30) : minute(random, 12 * 60 + 30, 14 * 60);
                        int end = start + minute(random, 3 * 60 + 45, 4 * 60 + 15);
                        add(events, start, EventType.DESKTOP_OPENED, subject, "d-" + tag);
                        add(events, end, EventType.DESKTOP_CLOSED, subject, "d-" + tag);
                        calls(events, random, subject, tag, start, end, 4, 4);
                    }
                    default -> // function extensions: outbound calls only, about an hour a day in all
                        calls(events, random, subject, tag, 8 * 60, 18 * 60, 20, 3);
                }
            }
        }
        events.sort(Comparator.comparingInt(Timed::minute));
        return events;
    }

    /** About {@code perDay} outbound calls of exponential length (mean {@code meanMinutes}) between from and to. */
    static void calls(List<Timed> events, Random random, String subject, String tag, int from, int to, int perDay,
            int meanMinutes) {
        int calls = poisson(random, perDay);
        for (int c = 0; c < calls; c++) {
            int start = minute(random, from, Math.max(from + 1, to - 1));
            int length = Math.max(1, (int) Math.round(-Math.log(1 - random.nextDouble()) * meanMinutes));
            int end = Math.min(24 * 60 - 1, start + length);
            add(events, start, EventType.OUTBOUND_CALL_STARTED, subject, "c" + c + "-" + tag);
            add(events, end, EventType.CALL_ENDED, subject, "c" + c + "-" + tag);
        }
    }

    static void add(List<Timed> events, int minute, EventType type, String subject, String ref) {
        events.add(new Timed(minute, new LicenceEvent(type, subject, ref, type == EventType.OUTBOUND_CALL_STARTED
                ? "+4930123456" : null, MIDNIGHT.plus(Duration.ofMinutes(minute)))));
    }

    static int minute(Random random, int from, int to) {
        return from + random.nextInt(Math.max(1, to - from));
    }

    static int poisson(Random random, double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
