package org.switchboard.licensing.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceDevice;
import org.switchboard.connector.LicenceEvent;

/**
 * A working day of a company of the four sizing types, as the events its phone system reports:
 * type 1 (managers, field sales) mobile paired all day, type 2 (office) desktop from arrival to
 * leaving with a lunch break, type 3 (part-time) a four-hour shift, type 4 (function extensions)
 * outbound calls only. Each event names its device: the mobile app, the desktop client, the desk
 * phone office staff call from, the function device. Subjects are numbered from {@code firstExtension} in type order. Used by
 * the demo data and by the simulator (docs/simulation.md).
 */
public final class Workdays {

    /** One event at a minute of the day. */
    public record Timed(int minute, LicenceEvent event) {
    }

    private Workdays() {
    }

    /** Every event of one day starting at {@code midnight}, in time order. */
    public static List<Timed> day(int[] counts, int firstExtension, Random random, Instant midnight, String dayTag) {
        List<Timed> events = new ArrayList<>();
        int n = 0;
        for (int type = 0; type < 4; type++) {
            for (int i = 0; i < counts[type]; i++) {
                String subject = String.valueOf(firstExtension + n++);
                String tag = subject + "-" + dayTag;
                LicenceDevice mobile = new LicenceDevice("mobile-" + subject, "iPhone (mobile app)");
                LicenceDevice desktop = new LicenceDevice("desktop-" + subject, "Desktop client " + subject);
                LicenceDevice deskPhone = new LicenceDevice("desk-" + subject, "Desk phone " + subject);
                switch (type) {
                    case 0 -> {
                        int on = minute(random, 7 * 60 + 30, 8 * 60);
                        int off = minute(random, 18 * 60, 19 * 60);
                        add(events, midnight, on, EventType.MOBILE_PAIRED, subject, "m-" + tag, mobile);
                        add(events, midnight, off, EventType.MOBILE_UNPAIRED, subject, "m-" + tag, mobile);
                        calls(events, midnight, random, subject, tag, on, off, 8, 6, mobile);
                    }
                    case 1 -> {
                        int arrive = minute(random, 7 * 60 + 45, 9 * 60);
                        int lunch = minute(random, 12 * 60, 13 * 60);
                        int back = lunch + minute(random, 30, 50);
                        int leave = Math.min(23 * 60, arrive + minute(random, 8 * 60 + 15, 9 * 60 + 15));
                        add(events, midnight, arrive, EventType.DESKTOP_OPENED, subject, "d1-" + tag, desktop);
                        add(events, midnight, lunch, EventType.DESKTOP_CLOSED, subject, "d1-" + tag, desktop);
                        add(events, midnight, back, EventType.DESKTOP_OPENED, subject, "d2-" + tag, desktop);
                        add(events, midnight, leave, EventType.DESKTOP_CLOSED, subject, "d2-" + tag, desktop);
                        calls(events, midnight, random, subject, tag, arrive, leave, 6, 4, deskPhone);
                    }
                    case 2 -> {
                        boolean morning = random.nextBoolean();
                        int start = morning ? minute(random, 7 * 60 + 45, 8 * 60 + 30)
                                : minute(random, 12 * 60 + 30, 14 * 60);
                        int end = start + minute(random, 3 * 60 + 45, 4 * 60 + 15);
                        add(events, midnight, start, EventType.DESKTOP_OPENED, subject, "d-" + tag, desktop);
                        add(events, midnight, end, EventType.DESKTOP_CLOSED, subject, "d-" + tag, desktop);
                        calls(events, midnight, random, subject, tag, start, end, 4, 4, deskPhone);
                    }
                    default -> calls(events, midnight, random, subject, tag, 8 * 60, 18 * 60, 20, 3,
                            new LicenceDevice("function-" + subject, "Function device " + subject));
                }
            }
        }
        events.sort(Comparator.comparingInt(Timed::minute));
        return events;
    }

    /** About {@code perDay} outbound calls of exponential length (mean {@code meanMinutes}) between from and to. */
    static void calls(List<Timed> events, Instant midnight, Random random, String subject, String tag, int from, int to,
            int perDay, int meanMinutes, LicenceDevice device) {
        int calls = poisson(random, perDay);
        for (int c = 0; c < calls; c++) {
            int start = minute(random, from, Math.max(from + 1, to - 1));
            int length = Math.max(1, (int) Math.round(-Math.log(1 - random.nextDouble()) * meanMinutes));
            int end = Math.min(24 * 60 - 1, start + length);
            add(events, midnight, start, EventType.OUTBOUND_CALL_STARTED, subject, "c" + c + "-" + tag, device);
            add(events, midnight, end, EventType.CALL_ENDED, subject, "c" + c + "-" + tag, device);
        }
    }

    /** An event of the day, naming the device it comes from (a mobile app, desktop client, desk phone or function device). */
    static void add(List<Timed> events, Instant midnight, int minute, EventType type, String subject, String ref,
            LicenceDevice device) {
        events.add(new Timed(minute, new LicenceEvent(type, subject, ref,
                type == EventType.OUTBOUND_CALL_STARTED ? "+4930123456" : null,
                midnight.plus(Duration.ofMinutes(minute)), device)));
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
}
