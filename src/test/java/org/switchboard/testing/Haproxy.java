package org.switchboard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy from the Debian package as the load balancer in front of application nodes, with a
 * generated configuration on a free loopback port: round robin over the nodes, a node taken out
 * after two failed health checks half a second apart ({@code /actuator/health/readiness}), a
 * request whose connection to a node could not be opened sent to another. Each answer carries the
 * node that gave it in the header {@code X-Node}.
 */
public final class Haproxy implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/haproxy");

    private final int port;
    private final Process process;
    private final Path config;

    private Haproxy(int port, Process process, Path config) {
        this.port = port;
        this.process = process;
        this.config = config;
    }

    /** True when the Debian package haproxy is installed; otherwise prints why the test is skipped. */
    public static boolean installed(String what) {
        boolean present = Files.isExecutable(BINARY);
        if (!present) {
            System.err.println("[" + what + "] SKIPPED: HAProxy not found at " + BINARY
                    + ". Install it with: apt-get install haproxy");
        }
        return present;
    }

    public static Haproxy start(List<ApplicationNode> nodes) throws IOException, InterruptedException {
        int port = FreePorts.next();
        StringBuilder cfg = new StringBuilder("""
                global
                    maxconn 2000
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 60s
                    timeout server 60s
                    retries 2
                    option redispatch
                    retry-on conn-failure
                    option http-keep-alive
                frontend switchboard
                """);
        cfg.append("    bind 127.0.0.1:").append(port).append('\n').append("""
                    default_backend nodes
                backend nodes
                    balance roundrobin
                    option httpchk GET /actuator/health/readiness
                    http-check expect status 200
                    default-server inter 500ms fall 2 rise 2
                    http-response set-header X-Node %s
                """);
        for (ApplicationNode n : nodes) {
            cfg.append("    server ").append(n.name()).append(" 127.0.0.1:").append(n.port()).append(" check\n");
        }
        Path config = Files.createTempFile("switchboard-haproxy", ".cfg");
        Files.writeString(config, cfg.toString());
        Process check = new ProcessBuilder(BINARY.toString(), "-c", "-q", "-f", config.toString()).redirectErrorStream(true)
                .start();
        String checked = new String(check.getInputStream().readAllBytes());
        if (check.waitFor() != 0) {
            throw new IllegalStateException("HAProxy refused its configuration:\n" + checked + "\n" + cfg);
        }
        Path log = Path.of("target", "nodes", "haproxy-" + port + ".log");
        Files.createDirectories(log.getParent());
        // -db: in the foreground, so that the test owns the process and ends it.
        Process process = new ProcessBuilder(BINARY.toString(), "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Haproxy haproxy = new Haproxy(port, process, config);
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until) {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return haproxy;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("HAProxy ended:\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
        haproxy.close();
        throw new IllegalStateException("HAProxy did not listen on " + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a temporary file
        }
    }
}
