package org.switchboard.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Kamailio from the Debian packages ({@code kamailio}, {@code kamailio-tls-modules},
 * {@code kamailio-websocket-modules}) started on loopback with a configuration file of the
 * project (the shipped {@code deploy/kamailio/kamailio.cfg}, or a benchmark's reference one) and
 * a generated {@code kamailio-local.cfg} of {@code #!substdef} settings, in a folder of its own.
 */
public final class Kamailio implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/kamailio");

    private final Process process;
    private final Path dir;
    private final int port;

    private Kamailio(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** True when Kamailio is installed; otherwise prints why the test is skipped. */
    public static boolean installed(String what) {
        boolean present = Files.isExecutable(BINARY);
        if (!present) {
            System.err.println("[" + what + "] SKIPPED: Kamailio not found at " + BINARY
                    + ". Install it with: apt-get install kamailio kamailio-tls-modules kamailio-websocket-modules");
        }
        return present;
    }

    /**
     * Starts Kamailio with {@code config} and the settings {@code substitutions} (each an
     * {@code #!substdef} of kamailio-local.cfg), {@code defines} (each a {@code #!define}), and
     * extra files written next to it; waits until it answers OPTIONS on {@code port} (UDP).
     */
    public static Kamailio start(Path config, int port, Map<String, String> substitutions, List<String> defines,
            Map<String, String> files) throws IOException, InterruptedException {
        return start(config, port, substitutions, defines, files, 64);
    }

    /**
     * As {@link #start(Path, int, Map, List, Map)}, with {@code sharedMemoryMb} of shared memory
     * (Kamailio's {@code -m}): its transactions live there, and at thousands of calls a second
     * (each transaction kept for its wait timer) 64 MB runs out and new transactions fail.
     */
    public static Kamailio start(Path config, int port, Map<String, String> substitutions, List<String> defines,
            Map<String, String> files, int sharedMemoryMb) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("kamailio");
        Files.copy(config, dir.resolve("kamailio.cfg"));
        StringBuilder local = new StringBuilder();
        substitutions.forEach((k, v) -> local.append("#!substdef \"!").append(k).append('!').append(v).append("!g\"\n"));
        defines.forEach(d -> local.append("#!define ").append(d).append('\n'));
        Files.writeString(dir.resolve("kamailio-local.cfg"), local);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-f", dir.resolve("kamailio.cfg").toString(),
                "-DD", "-E", "-m", String.valueOf(sharedMemoryMb), "-M", "8", "-Y", dir.toString(), "-w", dir.toString()));
        Path log = dir.resolve("kamailio.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Kamailio k = new Kamailio(p, dir, port);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            if (!p.isAlive()) {
                throw new IllegalStateException("Kamailio ended on start:\n" + k.logTail());
            }
            if (k.answersOptions()) {
                return k;
            }
            Thread.sleep(200);
        }
        k.close();
        throw new IllegalStateException("Kamailio not answering on " + port + ":\n" + k.logTail());
    }

    /** Whether Kamailio answers an OPTIONS to itself (its keep-alive) on its UDP port. */
    public boolean answersOptions() {
        return answersOptionsFrom(InetAddress.getLoopbackAddress());
    }

    /** Whether Kamailio answers an OPTIONS to itself sent from {@code source} (a local address) within 500 ms. */
    public boolean answersOptionsFrom(InetAddress source) {
        try (DatagramSocket s = new DatagramSocket(0, source)) {
            s.setSoTimeout(500);
            String options = options(s);
            byte[] b = options.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
            byte[] in = new byte[4096];
            DatagramPacket answer = new DatagramPacket(in, in.length);
            s.receive(answer);
            return new String(in, 0, answer.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 200");
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** An OPTIONS to Kamailio itself from socket {@code s}, with a branch and Call-ID of its own. */
    public String options(DatagramSocket s) {
        String host = s.getLocalAddress().getHostAddress();
        return "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + host + ":" + s.getLocalPort() + ";branch=z9hG4bK" + System.nanoTime() + "\r\n"
                + "From: <sip:probe@" + host + ">;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: probe" + System.nanoTime()
                + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 2\r\nContent-Length: 0\r\n\r\n";
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("kamailio.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
