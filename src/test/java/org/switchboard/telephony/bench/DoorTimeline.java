package org.switchboard.telephony.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The platform's door through a step, a second at a time, read from the metrics an operator reads
 * ({@code sip.messages.shed}, {@code sip.queue.waiting}) every 100 ms: the messages it shed and the
 * most that waited for a worker. Whether a step's refusals came in one burst (a stall: a slow commit,
 * a collection, the machine busy elsewhere) or all along (the rate above what the core does).
 */
final class DoorTimeline implements AutoCloseable {

    private final FunctionCounter shed;
    private final Gauge waiting;
    private final long start = System.nanoTime();
    /** The JVM's uptime at the start, to line the seconds up with a GC log ({@code -Xlog:gc}, uptime stamps). */
    private final double uptimeAtStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    private final double shedAtStart;
    /** Per second of the step: {shed in it, most waiting}; guarded by itself. */
    private final List<double[]> seconds = new ArrayList<>();
    private final Thread watch;

    private DoorTimeline(MeterRegistry meters) {
        this.shed = meters.get("sip.messages.shed").functionCounter();
        this.waiting = meters.get("sip.queue.waiting").gauge();
        this.shedAtStart = shed.count();
        this.watch = new Thread(this::watch, "bench-door-timeline");
        watch.setDaemon(true);
        watch.start();
    }

    static DoorTimeline start(MeterRegistry meters) {
        return new DoorTimeline(meters);
    }

    private void watch() {
        double shedBefore = shedAtStart;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            int second = (int) ((System.nanoTime() - start) / 1_000_000_000L);
            double shedNow = shed.count();
            double waitingNow = waiting.value();
            synchronized (seconds) {
                while (seconds.size() <= second) {
                    seconds.add(new double[2]);
                }
                double[] s = seconds.get(second);
                s[0] += shedNow - shedBefore;
                s[1] = Math.max(s[1], waitingNow);
            }
            shedBefore = shedNow;
        }
    }

    /** Prints the step's seconds as "shed/most waiting", once the step is over. */
    void print() {
        stop();
        StringJoiner line = new StringJoiner(" ");
        double total = 0;
        synchronized (seconds) {
            for (double[] s : seconds) {
                line.add(String.format("%.0f/%.0f", s[0], s[1]));
                total += s[0];
            }
        }
        System.out.printf("  the platform's door a second at a time from JVM uptime %.1f s (messages shed / most waiting"
                + " for a worker), %.0f shed in all: %s%n", uptimeAtStart, total, line);
    }

    private void stop() {
        watch.interrupt();
        try {
            watch.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
