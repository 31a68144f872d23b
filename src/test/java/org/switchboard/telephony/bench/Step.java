package org.switchboard.telephony.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.switchboard.telephony.Sipp;

/**
 * One load phase of the SIP benchmark: runs a sipp load to its end and measures what it cost. Besides
 * the calls (or REGISTERs) offered, completed and failed and the heap, it takes the figures that do
 * not depend on the machine's load, per completed one: the CPU time of this JVM (the platform, all
 * its threads), of the sipp processes and of Kamailio (the processes this JVM started, read at the
 * phase's start and end; the load's own sipp every 100 ms), and the database's commits and rows
 * written. Besides, the CPU time of this JVM's Java threads alone ({@code threadsCpuMs}: the JIT
 * compilers and the collector not counted, which dominate short phases on a busy machine) and of
 * the platform's PostgreSQL processes ({@code dbCpuMs}: its backends and background processes
 * alive at the phase's end, read from {@code pg_stat_activity}; one that ended within the phase is
 * missed).
 */
record Step(String name, int rate, long created, long completed, long failed, double seconds, double jvmCpuMs,
        double sippCpuMs, double kamailioCpuMs, double commits, double inserted, double updated, double deleted,
        long heapPeakMb, double threadsCpuMs, double dbCpuMs, double compilersCpuMs) {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /** Completed per second of the phase. */
    double completedPerSecond() {
        return completed / seconds;
    }

    /** Every call offered completed: none failed, none left out. */
    boolean clean() {
        return failed == 0 && completed > 0 && completed >= created;
    }

    /** Runs {@code load} (a sipp load of about {@code seconds}) at {@code rate}; {@code db} null: no database. */
    static Step run(JdbcTemplate db, String name, int rate, Sipp load, int seconds) {
        System.gc();
        // the processes already running (Kamailio, the answering sipp): CPU at the start, read once
        Map<Long, long[]> children = new HashMap<>(); // pid -> {at the start, last seen, kamailio?}
        sampleChildren(children, true);
        long[] dbBefore = db == null ? null : dbCounters(db);
        Map<String, long[]> tablesBefore = db != null && TableCounts.ON ? TableCounts.read(db) : null;
        long dropsBefore = receiveBufferDrops();
        long calledDropsBefore = socketDrops(load.target());
        long cpuBefore = jvmCpuNanos();
        long compilersBefore = compilersCpuNanos();
        Map<Long, Long> threadsBefore = threadCpu();
        Map<Long, Long> dbCpuBefore = db == null ? Map.of() : dbCpu(db);
        AtomicLong peak = new AtomicLong();
        AtomicLong loadCpu = new AtomicLong();
        Sipp started = load.timeout(seconds + 30).start();
        ProcessHandle loader = started.handle();
        Thread watch = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                loader.info().totalCpuDuration().ifPresent(c -> loadCpu.set(c.toNanos()));
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watch.setDaemon(true);
        watch.start();
        long t0 = System.nanoTime();
        Sipp.Result r = started.await(seconds + 60);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        watch.interrupt();
        try {
            watch.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long jvmCpu = jvmCpuNanos() - cpuBefore;
        long compilersCpu = compilersCpuNanos() - compilersBefore;
        long threadsCpu = since(threadsBefore, threadCpu());
        long dbCpu = db == null ? 0 : since(dbCpuBefore, dbCpu(db));
        long drops = receiveBufferDrops() - dropsBefore;
        long calledDrops = socketDrops(load.target()) - calledDropsBefore;
        long sippCpu = loadCpu.get(); // the load's sipp, last seen within 100 ms of its end
        long kamailioCpu = 0;
        sampleChildren(children, false);
        for (Map.Entry<Long, long[]> c : children.entrySet()) {
            if (c.getKey() == loader.pid()) {
                continue;
            }
            if (c.getValue()[2] == 1) {
                kamailioCpu += c.getValue()[1] - c.getValue()[0];
            } else {
                sippCpu += c.getValue()[1] - c.getValue()[0];
            }
        }
        // a call or REGISTER refused with 503 ends "successfully" in the scenarios that stop at a 503
        long refused = refused(r.output());
        long completed = last(r.output(), "Successful call") - refused;
        long failed = last(r.output(), "Failed call");
        long created = last(r.output(), "Total Calls created");
        double per = Math.max(1, completed);
        long[] d = db == null ? new long[4] : dbCounters(db);
        long[] b = dbBefore == null ? new long[4] : dbBefore;
        Step s = new Step(name, rate, created, completed, failed, elapsed, jvmCpu / 1e6 / per, sippCpu / 1e6 / per,
                kamailioCpu / 1e6 / per, (d[0] - b[0]) / per, (d[1] - b[1]) / per, (d[2] - b[2]) / per,
                (d[3] - b[3]) / per, peak.get() >> 20, threadsCpu / 1e6 / per, dbCpu / 1e6 / per, compilersCpu / 1e6);
        s.print(db != null);
        if (db != null && Boolean.getBoolean("bench.threads")) {
            printThreads(threadsBefore, per);
        }
        if (tablesBefore != null) {
            TableCounts.print(db, tablesBefore, per);
        }
        if (refused > 0) {
            System.out.printf("  refused with 503 (the phone stopped there): %d%n", refused);
        }
        long again = challengedAgain(r.output());
        if (again > 0) {
            System.out.printf("  challenged again with stale=true (the phone answered the new nonce): %d%n", again);
        }
        System.out.printf("  datagrams dropped by the kernel (full receive buffers, all UDP sockets): %d; at the socket"
                + " called (port %d: the platform or Kamailio): %d, so at the phones' sockets: %d%n", drops,
                load.target(), calledDrops, drops - calledDrops);
        if (failed > 0 || completed == 0) {
            String out = r.output();
            // sipp's last screen: each message of the scenario with its retransmissions, timeouts and unexpected ones
            int errors = out.lastIndexOf("--- errors ---");
            int screen = out.lastIndexOf("Messages  Retrans", errors < 0 ? out.length() : errors);
            if (screen >= 0) {
                System.out.println(out.substring(screen, errors < 0 ? out.length() : errors));
            }
            System.out.println(out.substring(Math.max(0, out.length() - 1500)));
        }
        return s;
    }

    void print(boolean platform) {
        System.out.printf("%s at %d/s: %d offered, %d completed, %d failed in %.1f s: %.0f per second completed;"
                + " heap peak %d MB, %s%n", name, rate, created, completed, failed, seconds, completedPerSecond(),
                heapPeakMb, heapAfterGc());
        if (completed > 0) {
            System.out.printf("  per completed one: CPU ms %.3f of this JVM%s, %.3f of sipp (both sides), %.3f of Kamailio",
                    jvmCpuMs, platform ? " (the platform)" : " (idle platform and harness)", sippCpuMs, kamailioCpuMs);
            if (platform) {
                System.out.printf("; %.2f database commits, %.2f rows inserted, %.2f updated, %.2f deleted "
                        + "(PostgreSQL's CPU not counted)", commits, inserted, updated, deleted);
                System.out.printf("%n  per completed one, JIT compilers and collector not counted: CPU ms %.3f of the"
                        + " platform's Java threads, %.3f of its PostgreSQL; together %.3f", threadsCpuMs, dbCpuMs,
                        threadsCpuMs + dbCpuMs);
                System.out.printf("%n  the JIT compilers: %.0f ms of CPU in the phase, %.1f %% of a core", compilersCpuMs,
                        compilersShare() * 100);
            }
            System.out.println();
        }
    }

    /** The JIT compilers' CPU in the phase as a share of one core over the phase. */
    double compilersShare() {
        return compilersCpuMs / 1000 / Math.max(0.001, seconds);
    }

    static String heapAfterGc() {
        System.gc();
        return "used after GC " + (MEMORY.getHeapMemoryUsage().getUsed() >> 20) + " MB of "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MB";
    }

    /**
     * CPU so far of every sipp and Kamailio process this JVM started, by pid: at the phase's start
     * ({@code initial}) and at its end. Read twice a phase only: walking the processes costs CPU.
     */
    private static void sampleChildren(Map<Long, long[]> into, boolean initial) {
        ProcessHandle.current().descendants().forEach(p -> {
            String command = p.info().command().orElse("");
            boolean kamailio = command.endsWith("kamailio");
            if (!kamailio && !command.endsWith("sipp")) {
                return;
            }
            p.info().totalCpuDuration().ifPresent(cpu -> {
                long[] c = into.computeIfAbsent(p.pid(),
                        k -> new long[] { initial ? cpu.toNanos() : 0, 0, kamailio ? 1 : 0 });
                c[1] = cpu.toNanos();
            });
        });
    }

    /**
     * Commits and rows inserted, updated, deleted in the platform's database so far (all of the
     * application's work, not only the SIP core's).
     */
    private static long[] dbCounters(JdbcTemplate db) {
        return db.queryForObject("select xact_commit, tup_inserted, tup_updated, tup_deleted from pg_stat_database "
                + "where datname = current_database()", (rs, n) -> new long[] { rs.getLong(1), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4) });
    }

    /**
     * {@code -Dbench.threads=true}: the Java threads' CPU per completed one by what the thread does
     * (its name without its number: all licence writers together, all SIP workers together).
     */
    private static void printThreads(Map<Long, Long> before, double per) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> byKind = new java.util.TreeMap<>();
        for (Map.Entry<Long, Long> e : threadCpu().entrySet()) {
            java.lang.management.ThreadInfo info = mx.getThreadInfo(e.getKey());
            if (info != null) {
                String kind = info.getThreadName().replaceAll("[-#]?\\d+$", "");
                byKind.merge(kind, Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L)), Long::sum);
            }
        }
        StringBuilder line = new StringBuilder("  per completed one, CPU ms by thread:");
        byKind.entrySet().stream().filter(e -> e.getValue() / 1e6 / per >= 0.005)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> line.append(String.format(" %s %.3f;", e.getKey(), e.getValue() / 1e6 / per)));
        System.out.println(line);
    }

    /** CPU time so far of each Java thread of this JVM, by id (the JIT compilers and the collector are not Java threads). */
    private static Map<Long, Long> threadCpu() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }

    /** CPU time so far of each process of the platform's PostgreSQL (its backends, background processes and postmaster), by pid. */
    private static Map<Long, Long> dbCpu(JdbcTemplate db) {
        Map<Long, Long> cpu = new HashMap<>();
        for (Integer pid : db.queryForList("select pid from pg_stat_activity", Integer.class)) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.info().totalCpuDuration().ifPresent(c -> cpu.put(p.pid(), c.toNanos()));
                p.parent().ifPresent(parent -> parent.info().totalCpuDuration()
                        .ifPresent(c -> cpu.put(parent.pid(), c.toNanos())));
            });
        }
        return cpu;
    }

    /** What the keys alive at the end used since the start (from zero for those started meanwhile). */
    private static long since(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return sum;
    }

    /** {@code RcvbufErrors} of {@code /proc/net/snmp} (Linux): UDP datagrams dropped because a socket's buffer was full. */
    private static long receiveBufferDrops() {
        try {
            List<String> udp = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/snmp")).stream()
                    .filter(l -> l.startsWith("Udp:")).toList();
            int at = List.of(udp.get(0).split("\\s+")).indexOf("RcvbufErrors");
            return Long.parseLong(udp.get(1).split("\\s+")[at]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Datagrams the kernel dropped so far at the UDP sockets bound to {@code port} ({@code /proc/net/udp},
     * the last column; the socket called lives through the phase, where the phones' sockets of a sipp
     * that ended are gone with their counts, which only the machine's total keeps).
     */
    private static long socketDrops(int port) {
        String hexPort = String.format(":%04X", port);
        long drops = 0;
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 12 && f[1].endsWith(hexPort)) {
                        drops += Long.parseLong(f[f.length - 1]);
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // no such table here: nothing bound there
            }
        }
        return drops;
    }

    /**
     * CPU time so far of this JVM's JIT compiler threads (Linux: {@code /proc/self/task}, by their
     * names), 0 where that cannot be read. They compile the platform's paths for minutes after its
     * start, on the cores the platform and sipp share.
     */
    private static long compilersCpuNanos() {
        long ticks = 0;
        try (java.util.stream.Stream<java.nio.file.Path> tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path task : tasks.toList()) {
                try {
                    String name = java.nio.file.Files.readString(task.resolve("comm")).trim();
                    if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
                        continue;
                    }
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    // the fields after the name in parentheses: utime and stime are the 12th and 13th
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    /** CPU time of this JVM so far, all threads (the platform, the harness, the GC). */
    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The 503s received in the scenario's steps that end a call at a 503 (sipp's last screen). */
    private static long refused(String output) {
        return received(output, "503").stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Second challenges the phones answered (a REGISTER retransmitted after the core had forgotten its
     * answer is challenged again with stale=true, {@code sipp/register_or_busy.xml}): every 401 of
     * sipp's last screen but those of the scenario's first challenge.
     */
    private static long challengedAgain(String output) {
        List<Long> challenges = received(output, "401");
        return challenges.stream().skip(1).mapToLong(Long::longValue).sum();
    }

    /** How many of the responses with {@code status} each receiving line of sipp's last screen counted, in order. */
    private static List<Long> received(String output, String status) {
        int screen = output.lastIndexOf("Messages  Retrans");
        if (screen < 0) {
            return List.of();
        }
        int end = output.indexOf("Test Terminated", screen);
        Matcher m = Pattern.compile("(?m)^[ \\t]*" + status + " <-+[ \\t]+(\\d+)").matcher(output.substring(screen,
                end < 0 ? output.length() : end));
        List<Long> counts = new ArrayList<>();
        while (m.find()) {
            counts.add(Long.parseLong(m.group(1)));
        }
        return counts;
    }

    /** The cumulative column of sipp's last statistics screen for that line. */
    private static long last(String output, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s*\\|\\s*(\\d+)\\s*\\|\\s*(\\d+)").matcher(output);
        long value = -1;
        while (m.find()) {
            value = Long.parseLong(m.group(2));
        }
        if (value < 0) {
            Matcher single = Pattern.compile(Pattern.quote(label) + "\\s*\\|[^|]*\\|\\s*(\\d+)").matcher(output);
            while (single.find()) {
                value = Long.parseLong(single.group(1));
            }
        }
        return Math.max(0, value);
    }
}
