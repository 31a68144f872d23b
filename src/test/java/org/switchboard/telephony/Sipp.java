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

    private static final boolean INSTALLED = installed();

    private final List<String> args = new ArrayList<>();
    private final Path dir;
    private Process process;
    private Path log;

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
            Path file = dir.resolve(scenario);
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

    public Sipp tcp() {
        args.addAll(1, List.of("-t", "t1"));
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

    public Result await() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
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
                b.append(Files.readString(log));
            }
            Path errors = dir.resolve("errors.log");
            if (Files.exists(errors)) {
                String e = Files.readString(errors);
                b.append("\n--- errors ---\n").append(e.length() > 6000 ? e.substring(e.length() - 6000) : e);
            }
        } catch (IOException e) {
            b.append(e.getMessage());
        }
        return b.toString();
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
