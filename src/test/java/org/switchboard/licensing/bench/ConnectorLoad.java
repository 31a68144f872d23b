package org.switchboard.licensing.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A load generator for the connector API: sets up instances (each 10 concurrent users, 50
 * subjects, a connector key) for a customer admin, then fires events from many connections at
 * once for a while and reports throughput, latency percentiles and whether any answer or any
 * instance ever showed more licences held than licensed.
 *
 * <pre>
 * java ... ConnectorLoad baseUrl email password [instances=1000] [connections=100] [seconds=60] [rate=0]
 * </pre>
 *
 * With a rate (events per second) the load is open, with latency counted from each event's due
 * instant; with 0 every connection sends its next event when the last answer is in (see
 * {@link EventFiring}). {@code -Dload.warmup-seconds=N} sends the load for N seconds before the
 * measured ones (left out of the figures: the generator's own JVM compiles itself in its first
 * seconds, on the same machine as the server), {@code -Dload.per-second=true} prints every second.
 */
public final class ConnectorLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int LICENSED = 10;
    private static final int SUBJECTS = 50;

    record Target(String path, String key) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String auth = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2])
                .getBytes(StandardCharsets.UTF_8));
        int instances = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int connections = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 60;
        int rate = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        long setupStart = System.nanoTime();
        // The instances and keys of the last run are kept in a file and used again (-Dload.targets=...).
        java.nio.file.Path saved = java.nio.file.Path.of(System.getProperty("load.targets", "target/load-targets.txt"));
        List<Target> loaded = new ArrayList<>();
        if (java.nio.file.Files.exists(saved)) {
            for (String line : java.nio.file.Files.readAllLines(saved)) {
                String[] parts = line.split(" ");
                if (loaded.size() < instances) {
                    loaded.add(new Target(parts[0], parts[1]));
                }
            }
        }
        if (!loaded.isEmpty() && http.send(HttpRequest.newBuilder(URI.create(base + loaded.get(0).path() + "/licence"))
                .header("Authorization", "Bearer " + loaded.get(0).key()).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            System.out.println("the saved instances and keys are not this server's (a new data folder?): set up anew");
            loaded.clear();
        }
        if (loaded.size() < instances) {
            loaded = setUp(http, base, auth, instances);
            java.nio.file.Files.write(saved, loaded.stream().map(t -> t.path() + " " + t.key()).toList());
        }
        List<Target> targets = loaded;
        System.out.printf("set up %d instances in %.1f s%n", targets.size(), (System.nanoTime() - setupStart) / 1e9);

        URI uri = URI.create(base);
        EventFiring firing = new EventFiring(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort(), targets, connections, rate);
        firing.run(seconds);
        firing.report();
        int overInstances = 0;
        for (Target t : targets) {
            JsonNode licence = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + t.path() + "/licence"))
                    .header("Authorization", "Bearer " + t.key()).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body());
            if (licence.path("occupied").asInt() > licence.path("licensed").asInt()) {
                overInstances++;
            }
        }
        System.out.printf("instances holding more than their pool afterwards: %d%n", overInstances);
    }

    private static List<Target> setUp(HttpClient http, String base, String auth, int instances) throws Exception {
        StringBuilder csv = new StringBuilder("kind,extension,name,email,functionType\n");
        for (int i = 0; i < SUBJECTS; i++) {
            csv.append(i < SUBJECTS - 5 ? "EMPLOYEE," : "FUNCTION,").append(100 + i).append(",Subject ").append(i)
                    .append(i < SUBJECTS - 5 ? ",," : ",,FAX").append('\n');
        }
        List<Target> targets = new ArrayList<>();
        // Instances of an earlier run are used again, each with a new key.
        HttpResponse<String> existing = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/instances"))
                .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode i : JSON.readTree(existing.body())) {
            if (targets.size() < instances && i.path("name").asString().startsWith("Load ")) {
                String path = "/api/v1/instances/" + i.path("id").asString();
                String key = JSON.readTree(post(http, base + path + "/connector-keys", auth, "application/json",
                        "{\"label\":\"load\"}")).path("key").asString();
                targets.add(new Target(path, key));
            }
        }
        String run = Long.toString(System.currentTimeMillis() % 100_000_000, 36);
        // Each request checks the admin's password (a deliberately slow hash): several requests at once
        // keep both the server's cores busy instead of one.
        int parallel = Integer.getInteger("load.setup-parallel", 8);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel);
        try {
            List<java.util.concurrent.Future<Target>> created = new ArrayList<>();
            for (int n = targets.size(); n < instances; n++) {
                int number = n;
                created.add(pool.submit(() -> createInstance(http, base, auth, csv.toString(), run, number)));
            }
            for (java.util.concurrent.Future<Target> f : created) {
                targets.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return targets;
    }

    private static Target createInstance(HttpClient http, String base, String auth, String csv, String run, int n)
            throws Exception {
        String created = post(http, base + "/api/v1/instances", auth, "application/json",
                "{\"name\":\"Load " + n + "\",\"subdomain\":\"load-" + run + "-" + n + "\",\"country\":\"DE\","
                        + "\"trial\":false,\"plan\":\"basic\",\"concurrentUsers\":" + LICENSED
                        + ",\"iban\":\"DE89370400440532013000\",\"accountHolder\":\"Load GmbH\","
                        + "\"mandateAccepted\":true}");
        String path = "/api/v1/instances/" + JSON.readTree(created).path("id").asString();
        post(http, base + path + "/subjects/import", auth, "text/csv", csv);
        String key = JSON.readTree(post(http, base + path + "/connector-keys", auth, "application/json",
                "{\"label\":\"load\"}")).path("key").asString();
        return new Target(path, key);
    }

    private static String post(HttpClient http, String url, String auth, String type, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
