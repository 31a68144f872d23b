package org.switchboard.telephony.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.switchboard.SwitchboardApplication;
import org.switchboard.telephony.Sipp;
import org.switchboard.testing.Api;
import org.switchboard.testing.Kamailio;
import org.switchboard.testing.LicenceEventLoad;

/**
 * The SIP benchmark: starts the platform in this JVM (embedded PostgreSQL, demo data) and drives
 * it with sipp on loopback, then relays the same calls through Kamailio 5.6 as the reference.
 *
 * <pre>
 * java -Xmx1g -cp "$CP" org.switchboard.telephony.bench.SipBenchmark [calls/s=500] [seconds=20] [registers/s=1000] [hold ms=0]
 * </pre>
 *
 * Prints, per phase: calls (or REGISTERs) offered, completed and failed, the rate reached, and the
 * heap (peak while running, used after a GC):
 * <ol>
 * <li>cold start: the application's start time, then the first run of calls right after it;</li>
 * <li>calls warm: INVITE, 407, ACK, INVITE with digest, 100, 180, 200, ACK, BYE, 200 through the
 * platform, each with its licence decision and its call record, from the desk phone of extension
 * 100 to the one of 144 (sipp as both: {@code sipp/uac_call.xml}, {@code sipp/uas_answer.xml}), at
 * the target rate;</li>
 * <li>REGISTER with digest (401, REGISTER with credentials, 200) of that phone ({@code sipp/register.xml});</li>
 * <li>Kamailio: the same call (without the digest round, which the relay does not ask) relayed by
 * Kamailio with {@code bench/kamailio-relay.cfg} to a sipp answering phone.</li>
 * </ol>
 * Needs sipp (sip-tester) and, for the last phase, kamailio; runs of at most about 50 s each.
 */
public final class SipBenchmark {

    private static final String PASSWORD = "correct horse battery staple";
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = Math.min(50, args.length > 1 ? Integer.parseInt(args[1]) : 20);
        int registerRate = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        String hold = args.length > 3 ? args[3] : "0";
        if (!Sipp.available()) {
            System.exit(2);
        }
        int sipPort = Sipp.FreePort.udpAndTcp();
        long t0 = System.nanoTime();
        ConfigurableApplicationContext app = SpringApplication.run(SwitchboardApplication.class,
                "--server.port=0", "--switchboard.embedded-db.ephemeral=true", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN", "--switchboard.demo.password=" + PASSWORD,
                "--switchboard.admin.email=operator@switchboard.test", "--switchboard.admin.password=" + PASSWORD,
                "--switchboard.sip.port=" + sipPort, "--switchboard.sip.bind-address=127.0.0.1",
                // sipp answers only the first challenge and knows MD5 alone
                "--switchboard.sip.challenge-order=MD5,SHA-256");
        double startup = (System.nanoTime() - t0) / 1e9;
        try {
            int http = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            System.out.printf("cold start: application up in %.1f s (heap %s)%n", startup, heap());

            // an instance with 45 employees and licences for 40; the desk phone of 100 calls extension 144
            UUID instance = LicenceEventLoad.setUp(http, "customer@demo.test", PASSWORD, 1, 40).get(0).instance();
            Api admin = new Api(http).as("customer@demo.test", PASSWORD);
            Map<String, String> caller = device(admin, instance, "100");
            String[] auth = { "-au", caller.get("user"), "-ap", caller.get("password") };
            Map<String, String> callee = device(admin, instance, "144");
            int calleePort = Sipp.FreePort.udpAndTcp();
            Map<String, String> reg = new HashMap<>(callee);
            reg.put("expires", "3600");
            Sipp.Result registered = Sipp.client("register.xml", sipPort, reg, calleePort)
                    .with("-au", callee.get("user"), "-ap", callee.get("password")).run();
            if (!registered.passed()) {
                throw new IllegalStateException("the answering phone did not register:\n" + registered.output());
            }
            Sipp answering = Sipp.server("uas_answer.xml", calleePort, Integer.MAX_VALUE, Map.of("ring", "0"))
                    .timeout(4 * seconds + 200).start();
            try {
                Map<String, String> vars = new HashMap<>(caller);
                vars.putAll(Map.of("dialled", "144", "hold", hold, "expires", "3600"));
                JdbcTemplate db = new JdbcTemplate(app.getBean(DataSource.class));
                phase(db, "calls cold (first after start)", Sipp.load("uac_call.xml", sipPort, vars, rate * seconds, rate, 0)
                        .with(auth), seconds);
                phase(db, "calls warm", Sipp.load("uac_call.xml", sipPort, vars, rate * seconds, rate, 0).with(auth),
                        seconds);
                phase(db, "REGISTER with digest", Sipp.load("register.xml", sipPort, vars, registerRate * seconds,
                        registerRate, 0).with(auth), seconds);
            } finally {
                answering.stop();
            }
        } finally {
            app.close();
        }
        kamailio(rate, seconds, hold);
    }

    private static void kamailio(int rate, int seconds, String hold) throws Exception {
        if (!Kamailio.installed("SIP benchmark")) {
            return;
        }
        int kamailioPort = Sipp.FreePort.udpAndTcp();
        int uasPort = Sipp.FreePort.udpAndTcp();
        Map<String, String> settings = Map.of("SB_SIP_PORT", String.valueOf(kamailioPort), "SB_TARGET_PORT",
                String.valueOf(uasPort), "SB_CHILDREN", System.getProperty("bench.kamailio.children", "8"));
        try (Kamailio relay = Kamailio.start(resource("/bench/kamailio-relay.cfg"), kamailioPort, settings, List.of(),
                Map.of())) {
            Sipp answering = Sipp.server("uas_answer.xml", uasPort, Integer.MAX_VALUE, Map.of("ring", "0"))
                    .timeout(2 * seconds + 100).start();
            try {
                phase(null, "Kamailio 5.6 relay, same calls without digest", Sipp.load("bench/call.xml", kamailioPort,
                        Map.of("dialled", "144", "hold", hold, "user", "100", "domain", "sip.localhost"), rate * seconds,
                        rate, 0), seconds);
            } finally {
                answering.stop();
            }
        }
    }

    private static void phase(JdbcTemplate db, String name, Sipp load, int seconds) {
        System.gc();
        long[] dbBefore = db == null ? null : dbCounters(db);
        long cpuBefore = cpuNanos();
        AtomicLong peak = new AtomicLong();
        Thread watch = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
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
        Sipp.Result r = load.timeout(seconds + 30).start().await(seconds + 60);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        watch.interrupt();
        long successful = last(r.output(), "Successful call");
        long failed = last(r.output(), "Failed call");
        long created = last(r.output(), "Total Calls created");
        System.out.printf("%s: %d offered, %d completed, %d failed in %.1f s: %.0f per second completed;"
                + " heap peak %d MB, %s%n", name, created, successful, failed, elapsed, successful / elapsed,
                peak.get() >> 20, heap());
        if (successful > 0) {
            double cpu = (cpuNanos() - cpuBefore) / 1e6 / successful;
            if (db == null) {
                System.out.printf("  per completed call: %.2f ms CPU of this JVM (Kamailio's own CPU not counted)%n", cpu);
            } else {
                long[] d = dbCounters(db);
                System.out.printf("  per completed one: %.2f ms CPU of the platform's JVM (PostgreSQL not counted); "
                        + "%.2f database commits, %.2f rows inserted, %.2f rows updated, %.2f rows deleted%n", cpu,
                        (d[0] - dbBefore[0]) / (double) successful, (d[1] - dbBefore[1]) / (double) successful,
                        (d[2] - dbBefore[2]) / (double) successful, (d[3] - dbBefore[3]) / (double) successful);
            }
        }
        if (failed > 0 || successful == 0) {
            String out = r.output();
            System.out.println(out.substring(Math.max(0, out.length() - 3000)));
        }
    }

    /**
     * Commits and rows inserted, updated, deleted in the platform's database so far (all of the
     * application's work, not only the SIP core's): load-independent figures per call.
     */
    private static long[] dbCounters(JdbcTemplate db) {
        return db.queryForObject("select xact_commit, tup_inserted, tup_updated, tup_deleted from pg_stat_database "
                + "where datname = current_database()", (rs, n) -> new long[] { rs.getLong(1), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4) });
    }

    /** CPU time of this JVM so far, all threads (the platform, the harness, the GC). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
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

    private static String heap() {
        System.gc();
        return "used after GC " + (MEMORY.getHeapMemoryUsage().getUsed() >> 20) + " MB of "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MB";
    }

    private static Map<String, String> device(Api admin, UUID instance, String extension) {
        Api.Response created = admin.post("/api/v1/instances/" + instance + "/devices",
                Map.of("extension", extension, "kind", "DESK_PHONE"));
        if (created.status() != 201) {
            throw new IllegalStateException("device not created: " + created.body());
        }
        Map<String, String> v = new HashMap<>();
        v.put("user", created.text("sipUser"));
        v.put("password", created.text("password"));
        v.put("domain", created.json().path("provisioning").path("domain").asString());
        return v;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SipBenchmark.class.getResource(name).toURI());
    }

    private SipBenchmark() {
    }
}
