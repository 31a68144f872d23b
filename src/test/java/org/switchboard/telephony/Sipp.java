package org.switchboard.telephony;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs sipp (Debian's {@code sip-tester}) with one of the scenarios in {@code src/test/resources/sipp},
 * as a phone or a carrier would talk to the SIP core.
 */
public final class Sipp {

    public record Result(int exitCode, String output) {
        public boolean passed() {
            return exitCode == 0;
        }
    }

    /** The scenario ran to its end; its output is the message when it did not. */
    public static void assertPassed(Result r) {
        org.assertj.core.api.Assertions.assertThat(r.passed()).as(r.output()).isTrue();
    }

    private static final boolean INSTALLED = installed();

    private final List<String> args = new ArrayList<>();
    private final Path dir;
    private Process process;
    private Path log;
    /** The port of the core (or relay) a client sends to; 0 for a server. */
    private int target;

    private Sipp(Path dir) {
        this.dir = dir;
    }

    /** A sipp client running {@code scenario} once against the core at {@code port}, from a free local port. */
    public static Sipp client(String scenario, int port, Map<String, String> vars) {
        return client(scenario, port, vars, FreePort.udpAndTcp());
    }

    /** As {@link #client(String, int, Map)}, from {@code localPort} (where the phone later answers its calls). */
    public static Sipp client(String scenario, int port, Map<String, String> vars, int localPort) {
        Sipp s = scenario(scenario, vars);
        s.args.addAll(List.of("-m", "1", "-l", "1", "-p", String.valueOf(localPort)));
        s.args.add("127.0.0.1:" + port);
        s.target = port;
        return s;
    }

    /**
     * A sipp client placing {@code calls} calls of {@code scenario} against the core at {@code port}:
     * at {@code rate} calls a second (open loop) with no cap on calls at once, or, when {@code inFlight}
     * is above zero, as fast as they complete with at most {@code inFlight} at once (closed loop).
     */
    public static Sipp load(String scenario, int port, Map<String, String> vars, int calls, int rate, int inFlight) {
        Sipp s = scenario(scenario, vars);
        s.args.addAll(List.of("-m", String.valueOf(calls), "-r", String.valueOf(rate), "-l",
                String.valueOf(inFlight > 0 ? inFlight : calls), "-p", String.valueOf(FreePort.udpAndTcp())));
        s.args.add("127.0.0.1:" + port);
        s.target = port;
        return s;
    }

    /** A sipp server (a phone or the carrier) on {@code localPort}, answering {@code calls} calls. */
    public static Sipp server(String scenario, int localPort, int calls, Map<String, String> vars) {
        Sipp s = scenario(scenario, vars);
        s.args.addAll(List.of("-m", String.valueOf(calls), "-p", String.valueOf(localPort)));
        return s;
    }

    private static Sipp scenario(String scenario, Map<String, String> vars) {
        try {
            Path dir = Files.createTempDirectory("sipp");
            Path file = dir.resolve(Path.of(scenario).getFileName());
            try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + scenario)) {
                if (in == null) {
                    throw new IllegalArgumentException("no scenario " + scenario);
                }
                // [$name] in a scenario is filled in here, so that scenarios need no global variables
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                for (Map.Entry<String, String> v : vars.entrySet()) {
                    text = text.replace("[$" + v.getKey() + "]", v.getValue());
                }
                Files.writeString(file, text, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            Sipp s = new Sipp(dir);
            s.args.addAll(List.of("sipp", "-sf", file.toString(), "-i", "127.0.0.1", "-nostdin", "-trace_err", "-error_file", dir.resolve("errors.log").toString(), "-timeout", "40s",
                    "-timeout_error", "-recv_timeout", "20000", "-nd"));
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends from {@code ip} (another loopback address, such as 127.0.0.2) instead of 127.0.0.1. */
    public Sipp from(String ip) {
        args.set(args.indexOf("-i") + 1, ip);
        return this;
    }

    /** The port this client sends to (0: a server). */
    public int target() {
        return target;
    }

    public Sipp tcp() {
        args.addAll(1, List.of("-t", "t1"));
        return this;
    }

    /** Ends sipp (its calls counted as they are) after {@code seconds} instead of 40 s. */
    public Sipp timeout(int seconds) {
        args.set(args.indexOf("-timeout") + 1, seconds + "s");
        return this;
    }

    public Sipp with(String... more) {
        args.addAll(1, List.of(more));
        return this;
    }

    public Sipp start() {
        try {
            log = dir.resolve("out.log");
            process = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("sipp cannot be started (apt-get install sip-tester): " + e.getMessage(), e);
        }
    }

    /** The running sipp process (to read its CPU time). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Result await() {
        return await(60);
    }

    /** Waits up to {@code seconds} for sipp to end (then stops it). */
    public Result await(int seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroy();
                return new Result(-1, output());
            }
            return new Result(process.exitValue(), output());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            return new Result(-1, output());
        }
    }

    public Result run() {
        return start().await();
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    private String output() {
        StringBuilder b = new StringBuilder();
        try {
            if (Files.exists(log)) {
                b.append(tail(log, 1 << 20));
            }
            Path errors = dir.resolve("errors.log");
            if (Files.exists(errors)) {
                b.append("\n--- errors ---\n").append(tail(errors, 6000));
            }
        } catch (IOException e) {
            b.append(e.getMessage());
        }
        return b.toString();
    }

    /** The last {@code max} bytes of a file: under a load test sipp's logs grow to gigabytes. */
    private static String tail(Path file, int max) throws IOException {
        try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, in.length() - max);
            byte[] bytes = new byte[(int) (in.length() - from)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Whether sipp is on this machine; tests that need it are skipped (with a line saying so) when it is not. */
    public static boolean available() {
        if (!INSTALLED) {
            System.err.println("sipp is not installed: the SIP core's sipp tests are skipped (apt-get install sip-tester)");
        }
        return INSTALLED;
    }

    private static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "sipp"))) {
                return true;
            }
        }
        return false;
    }

    /** A port free for UDP and TCP at once, for a sipp process to listen on. */
    public static final class FreePort {
        public static int udpAndTcp() {
            for (int i = 0; i < 50; i++) {
                try (java.net.ServerSocket tcp = new java.net.ServerSocket(0)) {
                    int port = tcp.getLocalPort();
                    try (java.net.DatagramSocket udp = new java.net.DatagramSocket(port)) {
                        return port;
                    } catch (IOException e) {
                        // taken for UDP: try another
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            throw new IllegalStateException("no free port");
        }
    }
}
