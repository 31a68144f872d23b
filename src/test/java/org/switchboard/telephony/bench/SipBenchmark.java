package org.switchboard.telephony.bench;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.switchboard.SwitchboardApplication;
import org.switchboard.telephony.Sipp;
import org.switchboard.testing.Api;
import org.switchboard.testing.Kamailio;
import org.switchboard.testing.LicenceEventLoad;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The SIP benchmark: starts the platform in this JVM (embedded PostgreSQL, demo data) and drives
 * it with sipp on loopback, and relays the same calls through Kamailio 5.6 as the reference.
 *
 * <pre>
 * java -Xmx1g -cp "$CP" org.switchboard.telephony.bench.SipBenchmark [calls/s=500] [seconds=20] [registers/s=1000] [hold ms=0]
 * java -Xmx1g -cp "$CP" org.switchboard.telephony.bench.SipBenchmark capacity [seconds=10] [calls/s list] [registers/s list]
 * </pre>
 *
 * The first form offers one rate and prints, per phase: calls (or REGISTERs) offered, completed and
 * failed, the rate reached, the heap, and per completed one the CPU of the platform's JVM, of sipp
 * and of Kamailio and the database's commits and rows ({@link Step}):
 * <ol>
 * <li>cold start: the application's start time, then the first run of calls right after it;</li>
 * <li>calls warm: INVITE, 407, ACK, INVITE with digest, 100, 180, 200, ACK, BYE, 200 through the
 * platform, each with its licence decision and its call record, from the desk phone of extension
 * 100 to the one of 144 (sipp as both: {@code sipp/uac_call.xml}, {@code sipp/bench/answer.xml}), at
 * the target rate;</li>
 * <li>REGISTER with digest (401, REGISTER with credentials, 200) of that phone ({@code sipp/register.xml});</li>
 * <li>Kamailio: the same call, digest round included (the same scenario, caller and credentials),
 * relayed by Kamailio with {@code bench/kamailio-relay.cfg} to a sipp answering phone.</li>
 * </ol>
 * The second form ({@code capacity}) finds each side's capacity: after a warm-up it steps the
 * offered rate up (comma-separated lists; default 250 to 4,000 calls/s and 1,000 to 8,000
 * REGISTERs/s), offering each call rate to the platform and then to Kamailio, both up side by side,
 * until a side fails calls at two rates in a row; the capacity of a side is the highest rate at which
 * every call offered completed. Needs sipp (sip-tester) and, for Kamailio, kamailio.
 */
public final class SipBenchmark {

    private static final String PASSWORD = "correct horse battery staple";
    /** The platform's warm-up rate in capacity runs ({@code -Dbench.warmup-rate}, at most the highest rate offered). */
    private static final int WARM_UP_RATE = Integer.getInteger("bench.warmup-rate", 500);
    /** Warm once the JIT compilers took less than this share of a core in a warm-up step. */
    private static final double WARM_UP_QUIET = 0.03;
    /** The longest warm-up ({@code -Dbench.warmup-max-seconds}). */
    private static final long WARM_UP_MAX_SECONDS = Long.getLong("bench.warmup-max-seconds", 300);
    /** Kamailio's shared memory (MB): its transactions live there; 64 MB runs out above a few hundred calls/s. */
    private static final int KAMAILIO_SHM_MB = Integer.getInteger("bench.kamailio.shm", 512);
    /**
     * {@code -Dbench.refused=stop}: the calling phones stop at a 503, as phones do (a call or
     * REGISTER refused then counts as refused, not as completed or failed); by default they treat it
     * as unexpected and retransmit their request until their timeout, so that every refusal is
     * answered several times and shows as a failed call.
     */
    private static final boolean PHONES_STOP_AT_503 = "stop".equals(System.getProperty("bench.refused"));
    /**
     * A call, to the platform and to Kamailio alike: INVITE, 407, ACK, INVITE with digest, 100, 180,
     * 200, ACK, BYE, 200.
     */
    private static final String CALL = PHONES_STOP_AT_503 ? "uac_call_or_busy.xml" : "uac_call.xml";

    /** The platform up with an answering phone, ready to be called by {@link #calls}. */
    private record Platform(ConfigurableApplicationContext app, int sipPort, JdbcTemplate db, Map<String, String> vars,
            String[] auth, Sipp answering, double startup) implements AutoCloseable {

        Sipp calls(int rate, int seconds) {
            return Sipp.load(CALL, sipPort, vars, rate * seconds, rate, 0).with(auth);
        }

        Sipp registers(int rate, int seconds) {
            return Sipp.load(PHONES_STOP_AT_503 ? "register_or_busy.xml" : "register.xml", sipPort, vars,
                    rate * seconds, rate, 0).with(auth);
        }

        /** A step of this platform, with its door's timeline after the step's figures. */
        Step step(String name, int rate, Sipp load, int seconds) {
            try (DoorTimeline door = DoorTimeline.start(app.getBean(MeterRegistry.class))) {
                Step s = Step.run(db, name, rate, load, seconds);
                door.print();
                return s;
            }
        }

        @Override
        public void close() {
            answering.stop();
            app.close();
        }
    }

    /**
     * Kamailio relaying to an answering phone, called as the platform is: the same scenario, the same
     * caller (its user name, domain and password, which the relay challenges for) and callee.
     */
    private record Relay(Kamailio kamailio, Sipp answering, Map<String, String> vars, String[] auth)
            implements AutoCloseable {

        Sipp calls(int rate, int seconds) {
            return Sipp.load(CALL, kamailio.port(), vars, rate * seconds, rate, 0).with(auth);
        }

        @Override
        public void close() {
            answering.stop();
            kamailio.close();
        }
    }

    public static void main(String[] args) throws Exception {
        if (!Sipp.available()) {
            System.exit(2);
        }
        // Stopped early (Ctrl-C, SIGTERM): the sipp and Kamailio processes it started stop with it,
        // also those the run starts while it is being stopped (the next step does not know yet).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (int i = 0, none = 0; i < 30 && none < 3; i++) { // until none for three sweeps, at most 3 s
                java.util.List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
                children.forEach(ProcessHandle::destroy);
                none = children.isEmpty() ? none + 1 : 0;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-children"));
        if (args.length > 0 && args[0].equals("capacity")) {
            capacity(args.length > 1 ? Integer.parseInt(args[1]) : 10,
                    rates(args, 2, "250,500,750,1000,1500,2000,2500,3000,4000"),
                    rates(args, 3, "1000,2000,3000,4000,5000,6000,8000"));
            return;
        }
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = Math.min(50, args.length > 1 ? Integer.parseInt(args[1]) : 20);
        int registerRate = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        String hold = args.length > 3 ? args[3] : "0";
        Map<String, String> caller;
        String[] auth;
        try (Platform p = platform(hold, 4 * seconds + 200)) {
            System.out.printf("cold start: application up in %.1f s (heap %s)%n", p.startup(), Step.heapAfterGc());
            p.step("calls cold (first after start)", rate, p.calls(rate, seconds), seconds);
            p.step("calls warm", rate, p.calls(rate, seconds), seconds);
            p.step("REGISTER with digest", registerRate, p.registers(registerRate, seconds), seconds);
            caller = p.vars();
            auth = p.auth();
        }
        if (Kamailio.installed("SIP benchmark")) {
            try (Relay k = relay(caller, auth, 2 * seconds + 100)) {
                Step.run(null, "Kamailio 5.6 relay, same calls with digest", rate, k.calls(rate, seconds), seconds);
            }
        }
    }

    /** Steps the offered rate up for the platform and Kamailio side by side, then for REGISTERs. */
    private static void capacity(int seconds, int[] callRates, int[] registerRates) throws Exception {
        boolean withKamailio = Boolean.parseBoolean(System.getProperty("bench.kamailio", "true"))
                && Kamailio.installed("SIP benchmark");
        List<Step> platformSteps = new ArrayList<>();
        List<Step> kamailioSteps = new ArrayList<>();
        List<Step> registerSteps = new ArrayList<>();
        int budget = (callRates.length * 3 + registerRates.length + 4) * (seconds + 40) + (int) WARM_UP_MAX_SECONDS + 60;
        try (Platform p = platform("0", budget); Relay k = withKamailio ? relay(p.vars(), p.auth(), budget) : null) {
            System.out.printf("cold start: application up in %.1f s (heap %s)%n", p.startup(), Step.heapAfterGc());
            warmUp(p, Math.min(WARM_UP_RATE, Arrays.stream(callRates).max().orElse(WARM_UP_RATE)), seconds);
            if (k != null) {
                Step.run(null, "warm-up, Kamailio", callRates[0], k.calls(callRates[0], seconds), seconds);
            }
            for (int rate : callRates) {
                if (stillStepping(platformSteps)) {
                    platformSteps.add(p.step("calls, platform", rate, p.calls(rate, seconds), seconds));
                    recovery(p);
                }
                if (k != null && stillStepping(kamailioSteps)) {
                    kamailioSteps.add(Step.run(null, "calls, Kamailio relay", rate, k.calls(rate, seconds), seconds));
                }
            }
            for (int rate : registerRates) {
                if (stillStepping(registerSteps)) {
                    registerSteps.add(p.step("REGISTER with digest", rate, p.registers(rate, seconds), seconds));
                }
            }
        }
        System.out.println();
        System.out.println("| side | offered/s | completed/s | failed | CPU ms per completed one: JVM / sipp / Kamailio | commits |");
        System.out.println("|---|---|---|---|---|---|");
        for (List<Step> steps : List.of(platformSteps, kamailioSteps, registerSteps)) {
            for (Step s : steps) {
                System.out.printf("| %s | %d | %.0f | %d | %.3f / %.3f / %.3f | %.2f |%n", s.name(), s.rate(),
                        s.completedPerSecond(), s.failed(), s.jvmCpuMs(), s.sippCpuMs(), s.kamailioCpuMs(), s.commits());
            }
        }
        System.out.printf("capacity (highest rate offered with every call completed): platform %s calls/s, "
                + "Kamailio %s calls/s, REGISTER %s/s%n", capacityOf(platformSteps), capacityOf(kamailioSteps),
                capacityOf(registerSteps));
        // A side that falls behind still completes every call, later: it took longer than the step to
        // do so, and its rate was less than offered. A side that refuses some with 503 completed fewer.
        System.out.printf("completed per second (the best step in which no call failed; calls refused with 503 are"
                + " not completed): platform %s, Kamailio %s%n", bestRateOf(platformSteps), bestRateOf(kamailioSteps));
    }

    /**
     * Warms the platform up until its JIT compilers are quiet: steps at {@code rate} until one in
     * which they took less than {@link #WARM_UP_QUIET} of a core, for at most {@link #WARM_UP_MAX_SECONDS}.
     * The compilers work for minutes after a start (half a core on 2 cores in the first one at 600
     * calls a second), on the cores the platform and sipp share: a step measured meanwhile measures
     * the compiler too, where Kamailio, the reference, has nothing to compile.
     */
    private static void warmUp(Platform p, int rate, int seconds) {
        long t0 = System.nanoTime();
        int steps = 0;
        Step last;
        do {
            last = p.step("warm-up, platform", rate, p.calls(rate, seconds), seconds);
            steps++;
        } while (last.compilersShare() >= WARM_UP_QUIET && System.nanoTime() - t0 < WARM_UP_MAX_SECONDS * 1_000_000_000L);
        System.out.printf("warm-up, platform: %d steps at %d/s in %.0f s; the JIT compilers took %.1f %% of a core in"
                + " the last%s%n", steps, rate, (System.nanoTime() - t0) / 1e9, last.compilersShare() * 100,
                last.compilersShare() >= WARM_UP_QUIET ? " (still compiling: the limit of the warm-up was reached)" : "");
    }

    private static String bestRateOf(List<Step> steps) {
        return steps.stream().filter(s -> s.failed() == 0 && s.completed() > 0)
                .max(java.util.Comparator.comparingDouble(Step::completedPerSecond))
                .map(s -> String.format("%.0f calls/s (offered %d/s)", s.completedPerSecond(), s.rate()))
                .orElse(steps.isEmpty() ? "not measured" : "none");
    }

    /**
     * How soon calls go through again after a step: 10 calls at 10/s, repeated until all ten
     * complete (at most 60 s). Printed as the seconds from the end of the step to the end of the
     * first clean run.
     */
    private static void recovery(Platform p) {
        long t0 = System.nanoTime();
        int runs = 0;
        boolean passed;
        do {
            runs++;
            passed = Sipp.load("uac_call.xml", p.sipPort(), p.vars(), 10, 10, 0).with(p.auth()).timeout(20).run().passed();
        } while (!passed && System.nanoTime() - t0 < 60_000_000_000L);
        System.out.printf("  recovery: %s in %.1f s (%d runs of 10 calls at 10/s)%n",
                passed ? "10 of 10 calls completed" : "not recovered", (System.nanoTime() - t0) / 1e9, runs);
    }

    /** Goes on while the last two steps did not both fail. */
    private static boolean stillStepping(List<Step> steps) {
        if (Boolean.getBoolean("bench.every-rate")) {
            return true; // every rate offered, failed or not: how goodput holds far above capacity
        }
        int n = steps.size();
        return n < 2 || steps.get(n - 1).clean() || steps.get(n - 2).clean();
    }

    private static String capacityOf(List<Step> steps) {
        return steps.stream().filter(Step::clean).mapToInt(Step::rate).max().stream()
                .mapToObj(String::valueOf).findFirst().orElse(steps.isEmpty() ? "not measured" : "below the first rate");
    }

    private static int[] rates(String[] args, int index, String otherwise) {
        return Arrays.stream((args.length > index ? args[index] : otherwise).split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
    }

    /** Starts the application and its answering phone (extension 144), for {@code seconds} at most. */
    private static Platform platform(String hold, int seconds) throws Exception {
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
            Sipp answering = Sipp.server("bench/answer.xml", calleePort, Integer.MAX_VALUE, Map.of("ring", "0"))
                    .timeout(seconds).start();
            Map<String, String> vars = new HashMap<>(caller);
            vars.putAll(Map.of("dialled", "144", "hold", hold, "expires", "3600"));
            return new Platform(app, sipPort, new JdbcTemplate(app.getBean(DataSource.class)), vars, auth, answering,
                    startup);
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
    }

    /**
     * Kamailio as a minimal stateful relay in front of an answering phone, for {@code seconds} at most,
     * asking digest credentials of the platform's caller ({@code caller}: its {@code user}, {@code domain}
     * and {@code password}; {@code auth}: sipp's options that answer the challenge).
     */
    private static Relay relay(Map<String, String> caller, String[] auth, int seconds) throws Exception {
        int kamailioPort = Sipp.FreePort.udpAndTcp();
        int uasPort = Sipp.FreePort.udpAndTcp();
        Map<String, String> settings = Map.of("SB_SIP_PORT", String.valueOf(kamailioPort), "SB_TARGET_PORT",
                String.valueOf(uasPort), "SB_CHILDREN", System.getProperty("bench.kamailio.children", "8"),
                "SB_DOMAIN", setting(caller, "domain"), "SB_AUTH_USER", setting(caller, "user"),
                "SB_AUTH_PASSWORD", setting(caller, "password"));
        Kamailio kamailio = Kamailio.start(resource("/bench/kamailio-relay.cfg"), kamailioPort, settings, List.of(),
                Map.of(), KAMAILIO_SHM_MB);
        Sipp answering = Sipp.server("bench/answer.xml", uasPort, Integer.MAX_VALUE, Map.of("ring", "0"))
                .timeout(seconds).start();
        return new Relay(kamailio, answering, caller, auth);
    }

    /** A value written into Kamailio's settings as a {@code #!substdef} inside quoted strings. */
    private static String setting(Map<String, String> from, String name) {
        String v = from.get(name);
        if (v == null || v.isEmpty() || !v.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("the caller's " + name + " cannot be a Kamailio setting: " + v);
        }
        return v;
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
