package org.switchboard.telephony.media;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An rtpengine daemon for a test: in userspace ({@code --table=-1}), in the foreground, on
 * loopback, with its ng control socket and media ports on free ports. Tests skip when the Debian
 * package rtpengine-daemon is not installed.
 */
public final class RtpEngine implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/rtpengine");

    private final Process process;
    private final Path log;
    private final int ngPort;

    private RtpEngine(Process process, Path log, int ngPort) {
        this.process = process;
        this.log = log;
        this.ngPort = ngPort;
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Starts the daemon on {@code address} (a local address) and waits until it answers ping. A
     * free port found here can be taken by another process before the daemon binds it; the start
     * is then tried again on other ports.
     */
    public static RtpEngine start(String address) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return startOnce(address);
            } catch (IllegalStateException e) {
                if (e.getMessage() == null || !e.getMessage().contains("Address already in use")) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private static RtpEngine startOnce(String address) {
        try {
            int ng = freeUdpPort();
            int low = 30_000 + (int) (Math.random() * 20_000) / 2 * 2;
            Path log = Files.createTempFile("rtpengine", ".log");
            Process p = new ProcessBuilder(List.of(BINARY.toString(), "--config-file=none", "--table=-1",
                    "--foreground", "--log-stderr", "--log-level=6", "--interface=" + address,
                    "--listen-ng=127.0.0.1:" + ng, "--port-min=" + low, "--port-max=" + (low + 200),
                    "--delete-delay=0", "--timeout=60", "--pidfile=" + log + ".pid"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            RtpEngine engine = new RtpEngine(p, log, ng);
            RtpEngineRelay relay = engine.relay();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("rtpengine ended: " + engine.log());
                }
                if (relay.ping()) {
                    return engine;
                }
            }
            engine.close();
            throw new IllegalStateException("rtpengine did not answer ping: " + engine.log());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The property value naming the daemon: {@code udp:127.0.0.1:<port>}. */
    public String control() {
        return "udp:127.0.0.1:" + ngPort;
    }

    public RtpEngineRelay relay() {
        return new RtpEngineRelay(new NgClient(new InetSocketAddress("127.0.0.1", ngPort), Duration.ofMillis(500), 2));
    }

    /** The Call-IDs of the calls the daemon holds now (ng {@code list}). */
    @SuppressWarnings("unchecked")
    public List<Object> calls() {
        return (List<Object>) new NgClient(new InetSocketAddress("127.0.0.1", ngPort), Duration.ofMillis(500), 2)
                .request(java.util.Map.of("command", "list")).get("calls");
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
