package org.switchboard.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application in a JVM of its own, as an operator runs it ({@code java ... SwitchboardApplication}
 * with the test's class path), on an external PostgreSQL and a free port. {@link #kill()} ends it
 * as a crash does (SIGKILL: no shutdown hook, no graceful stop). Its console goes to a file under
 * {@code target/}, printed when it does not come up.
 */
public final class ApplicationNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Every node of a test run encrypts stored bank details with the same key, as production nodes must. */
    private static final String SECRET_KEY = secretKey();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ApplicationNode(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    private static String secretKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /**
     * Starts a node; {@code properties} are Spring properties ({@code key=value}) given on the
     * command line, so they win over application.properties.
     */
    public static ApplicationNode start(String name, String jdbcUrl, String... properties) throws IOException {
        int port = FreePorts.next();
        Path log = Path.of("target", "nodes", name + "-" + port + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.switchboard.SwitchboardApplication", "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--switchboard.secret-key=" + SECRET_KEY,
                "--switchboard.data=" + log.getParent().resolve("data"),
                // Several nodes on one machine: each its own SIP port (a free one unless given), on loopback.
                "--switchboard.sip.bind-address=127.0.0.1", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--logging.level.org.switchboard=INFO"));
        if (java.util.Arrays.stream(properties).noneMatch(p -> p.startsWith("switchboard.sip.port="))) {
            command.add("--switchboard.sip.port=0");
        }
        for (String p : properties) {
            command.add("--" + p);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ApplicationNode(name, port, log, process);
    }

    /** Waits until the node answers its health check with UP. */
    public ApplicationNode awaitUp(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " ended on start:\n" + logTail());
            }
            if (healthy()) {
                return this;
            }
            Thread.sleep(250);
        }
        kill();
        throw new IllegalStateException("node " + name + " not up within " + timeout + ":\n" + logTail());
    }

    public boolean healthy() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/actuator/health")).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: the JVM ends at once, as when its machine fails. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Lines of the node's console that contain the text. */
    public List<String> logLines(String containing) {
        try {
            return Files.readAllLines(log).stream().filter(l -> l.contains(containing)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
