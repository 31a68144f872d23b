package org.switchboard.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Licence events as phone systems send them, from several connections at a paced rate, for tests
 * in which a node or the database fails under load. Every event has a ref of its own (calls and
 * desktop sessions), and is sent again with the same ref until it is answered, as a connector
 * does after a 5xx or a broken connection: so that afterwards the database can be checked for
 * each event applied exactly once, with the decision its caller was given.
 */
public final class LicenceEventLoad {

    /** An instance the load reports for: its API path and connector key. */
    public record Target(UUID instance, String key) {
    }

    /** One try of one event: when it was sent (ns, {@link System#nanoTime()}), how long, what came back, from which node. */
    public record Attempt(long sentAt, long nanos, int status, String node) {
    }

    /** The answer an event finally got. */
    public record Answered(UUID instance, String type, String ref, boolean admitted, long answeredAt) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final int EMPLOYEES = 45;

    private final String base;
    private final List<Target> targets;
    private final int connections;
    private final int rate;
    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final List<Answered> answered = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> overPool = new ConcurrentHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private ExecutorService threads;
    private long startedAt;
    private long stoppedAt;

    public LicenceEventLoad(int port, List<Target> targets, int connections, int rate) {
        this.base = "http://127.0.0.1:" + port;
        this.targets = targets;
        this.connections = connections;
        this.rate = rate;
    }

    public void start() {
        startedAt = System.nanoTime();
        threads = Executors.newFixedThreadPool(connections);
        for (int i = 0; i < connections; i++) {
            int me = i;
            threads.submit(() -> connection(me));
        }
    }

    /** Stops sending new events, lets every open one be answered, and ends what is still held. */
    public void stop() throws InterruptedException {
        stop.set(true);
        threads.shutdown();
        if (!threads.awaitTermination(120, TimeUnit.SECONDS)) {
            threads.shutdownNow();
            throw new IllegalStateException("events still unanswered two minutes after the load stopped");
        }
        stoppedAt = System.nanoTime();
    }

    private void connection(int me) {
        Random random = new Random(me);
        Deque<String[]> open = new ArrayDeque<>();
        long interval = (long) (1e9 * connections / rate);
        long due = System.nanoTime() + interval * me / connections;
        long seq = 0;
        try {
            while (!stop.get()) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                due += interval;
                if (open.size() >= 3 || (!open.isEmpty() && random.nextInt(3) == 0)) {
                    String[] o = open.poll();
                    send(targets.get(Integer.parseInt(o[0])), o[1].startsWith("c-") ? "CALL_ENDED" : "DESKTOP_CLOSED",
                            o[2], o[1], null);
                    continue;
                }
                int t = random.nextInt(targets.size());
                String subject = String.valueOf(100 + random.nextInt(EMPLOYEES));
                boolean call = random.nextBoolean();
                String ref = (call ? "c-" : "d-") + me + "-" + seq++;
                Answered a = send(targets.get(t), call ? "OUTBOUND_CALL_STARTED" : "DESKTOP_OPENED", subject, ref,
                        call ? "+4930123456" : null);
                if (a != null && a.admitted()) {
                    open.add(new String[] { String.valueOf(t), ref, subject });
                }
            }
            for (String[] o : open) { // what this connection holds is given back
                send(targets.get(Integer.parseInt(o[0])), o[1].startsWith("c-") ? "CALL_ENDED" : "DESKTOP_CLOSED", o[2],
                        o[1], null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends until answered (a day's patience is a minute here); null when never answered. */
    private Answered send(Target target, String type, String subject, String ref, String destination)
            throws InterruptedException {
        String body = "{\"type\":\"" + type + "\",\"subject\":\"" + subject + "\",\"ref\":\"" + ref + "\""
                + (destination == null ? "" : ",\"destination\":\"" + destination + "\"") + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/instances/" + target.instance()
                + "/licence/events")).timeout(Duration.ofSeconds(45)).header("Authorization", "Bearer " + target.key())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long giveUp = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < giveUp) {
            long sent = System.nanoTime();
            try {
                HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                long now = System.nanoTime();
                attempts.add(new Attempt(sent, now - sent, r.statusCode(), r.headers().firstValue("X-Node").orElse("?")));
                if (r.statusCode() == 200) {
                    String b = r.body();
                    if (number(b, "\"occupied\":") > number(b, "\"licensed\":")) {
                        overPool.merge(target.instance().toString(), 1, Integer::sum);
                    }
                    Answered a = new Answered(target.instance(), type, ref, b.contains("\"admitted\":true"), now);
                    answered.add(a);
                    return a;
                }
                if (r.statusCode() < 500) {
                    throw new IllegalStateException(type + " " + ref + " answered " + r.statusCode() + ": " + r.body());
                }
            } catch (IOException e) {
                attempts.add(new Attempt(sent, System.nanoTime() - sent, -1, "?"));
            }
            Thread.sleep(100);
        }
        return null;
    }

    private static int number(String body, String field) {
        int at = body.indexOf(field);
        if (at < 0) {
            return -1;
        }
        int i = at + field.length();
        int n = 0;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            n = n * 10 + body.charAt(i++) - '0';
        }
        return n;
    }

    public List<Attempt> attempts() {
        return new ArrayList<>(attempts);
    }

    public List<Answered> answered() {
        synchronized (answered) {
            return new ArrayList<>(answered);
        }
    }

    /** Answers that showed more licences held than the pool, by instance. */
    public Map<String, Integer> answersOverThePool() {
        return Map.copyOf(overPool);
    }

    /**
     * Checks the database against the answers: every answered start (call or desktop session) is
     * stored exactly once with the decision its caller got (one ADMITTED or one REFUSED record), every
     * answered end of an admitted one released it exactly once; no record ever shows more licences
     * than the pool. Answers the problems found, empty when none.
     */
    public List<String> checkAppliedOnce(DataSource database) {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        Map<String, List<String>> actions = new HashMap<>();
        UUID[] instances = targets.stream().map(Target::instance).toArray(UUID[]::new);
        jdbc.query(con -> {
            var ps = con.prepareStatement("select instance_id, ref, action from licence_history where instance_id = any(?)");
            ps.setArray(1, con.createArrayOf("uuid", instances));
            return ps;
        }, rs -> {
            actions.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new ArrayList<>()).add(rs.getString(3));
        });
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> started = new HashMap<>();
        for (Answered a : answered()) {
            String key = a.instance() + "/" + a.ref();
            List<String> stored = actions.getOrDefault(key, List.of());
            if (a.type().equals("OUTBOUND_CALL_STARTED") || a.type().equals("DESKTOP_OPENED")) {
                started.put(key, a.admitted());
                long admissions = stored.stream().filter("ADMITTED"::equals).count();
                long refusals = stored.stream().filter("REFUSED"::equals).count();
                String expected = a.admitted() ? "ADMITTED" : "REFUSED";
                if (admissions + refusals != 1 || !stored.contains(expected)) {
                    problems.add(a.type() + " " + key + " answered " + expected + ", stored " + stored);
                }
            }
        }
        for (Answered a : answered()) {
            String key = a.instance() + "/" + a.ref();
            if ((a.type().equals("CALL_ENDED") || a.type().equals("DESKTOP_CLOSED")) && Boolean.TRUE.equals(started.get(key))) {
                // Released by its end, or reclaimed first when a desktop session went without heartbeat too long.
                long releases = actions.getOrDefault(key, List.of()).stream()
                        .filter(action -> action.equals("RELEASED") || action.equals("RECLAIMED")).count();
                if (releases != 1) {
                    problems.add(a.type() + " " + key + " released " + releases + " times: " + actions.get(key));
                }
            }
        }
        Integer over = jdbc.queryForObject("select count(*) from licence_history where occupied > licensed"
                + " and not emergency", Integer.class);
        if (over != null && over > 0) {
            problems.add(over + " history records show more licences held than the pool");
        }
        return problems;
    }

    /** Figures for the report: answered events per second, latency percentiles of the answered tries, failed tries. */
    public String figures() {
        List<Attempt> all = attempts();
        long[] ok = all.stream().filter(a -> a.status() == 200).mapToLong(Attempt::nanos).sorted().toArray();
        long failed = all.stream().filter(a -> a.status() != 200).count();
        double seconds = (stoppedAt - startedAt) / 1e9;
        Map<String, Long> byNode = new HashMap<>();
        all.stream().filter(a -> a.status() == 200).forEach(a -> byNode.merge(a.node(), 1L, Long::sum));
        Map<String, Long> failures = new java.util.TreeMap<>();
        all.stream().filter(a -> a.status() != 200)
                .forEach(a -> failures.merge(a.status() < 0 ? "broken connection" : "HTTP " + a.status(), 1L, Long::sum));
        return String.format("%d events answered in %.1f s (%.0f/s, paced at %d/s over %d connections); latency of"
                + " answered tries ms p50=%.1f p90=%.1f p99=%.1f max=%.1f; tries that failed (5xx or broken connection)"
                + "=%d %s; answers by node %s", answered.size(), seconds, answered.size() / seconds, rate, connections,
                pct(ok, 0.5), pct(ok, 0.9), pct(ok, 0.99), ok.length == 0 ? 0 : ok[ok.length - 1] / 1e6, failed,
                failures, new java.util.TreeMap<>(byNode));
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /**
     * Sets up instances for the load as a customer admin would, through the API: subscribed with
     * {@code licensed} concurrent users, 45 employees (extensions 100-144) and 5 function extensions,
     * a connector key each.
     */
    public static List<Target> setUp(int port, String email, String password, int instances, int licensed) {
        Api admin = new Api(port).as(email, password);
        StringBuilder csv = new StringBuilder("kind,extension,name,email,functionType\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i < EMPLOYEES ? "EMPLOYEE," : "FUNCTION,").append(100 + i).append(",Subject ").append(i)
                    .append(i < EMPLOYEES ? ",," : ",,FAX").append('\n');
        }
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        List<Target> targets = new ArrayList<>();
        for (int n = 0; n < instances; n++) {
            Api.Response created = admin.post("/api/v1/instances", "{\"name\":\"Load " + n + "\",\"subdomain\":\"load-"
                    + run + "-" + n + "\",\"country\":\"DE\",\"trial\":false,\"plan\":\"basic\",\"concurrentUsers\":"
                    + licensed + ",\"iban\":\"DE89370400440532013000\",\"accountHolder\":\"Load GmbH\","
                    + "\"mandateAccepted\":true}");
            if (created.status() != 201 && created.status() != 200) {
                throw new IllegalStateException("instance not created: " + created);
            }
            UUID id = UUID.fromString(created.text("id"));
            String path = "/api/v1/instances/" + id;
            int imported = postCsv(port, path + "/subjects/import", email, password, csv.toString());
            if (imported != 200) {
                throw new IllegalStateException("subjects not imported: " + imported);
            }
            Api.Response key = admin.post(path + "/connector-keys", "{\"label\":\"load\"}");
            targets.add(new Target(id, key.text("key")));
        }
        return targets;
    }

    private static int postCsv(int port, String path, String email, String password, String csv) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                            .encodeToString((email + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
