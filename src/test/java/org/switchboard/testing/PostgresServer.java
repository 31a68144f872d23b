package org.switchboard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL 15 server from the Debian package, in a temporary folder on a free loopback port,
 * driven by its own binaries ({@code initdb}, {@code pg_ctl}, {@code pg_basebackup}) as an operator
 * would. PostgreSQL refuses to run as root: as root, the binaries run as the user {@code postgres}
 * that the package creates. Stopped and deleted by {@link #close()}.
 */
public final class PostgresServer implements AutoCloseable {

    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    public static final String DATABASE = "switchboard";

    private final Path folder;
    private final int port;
    private final String name;
    private final Path log;

    private PostgresServer(Path folder, int port, String name) {
        this.folder = folder;
        this.port = port;
        this.name = name;
        this.log = folder.resolveSibling(folder.getFileName() + ".log");
    }

    /** True when the Debian package postgresql-15 is installed; otherwise prints why the test is skipped. */
    public static boolean installed(String what) {
        boolean present = Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_ctl"))
                && Files.isExecutable(BIN.resolve("pg_basebackup"));
        if (!present) {
            System.err.println("[" + what + "] SKIPPED: PostgreSQL 15 not found at " + BIN
                    + ". Install it with: apt-get install postgresql");
        }
        return present;
    }

    /** A new primary: {@code initdb}, then started with the given settings; creates the database {@value #DATABASE}. */
    public static PostgresServer primary(String name, String... settings) throws IOException, InterruptedException {
        Path folder = newFolder(name);
        PostgresServer server = new PostgresServer(folder, FreePorts.next(), name);
        server.run(BIN.resolve("initdb").toString(), "-D", folder.toString(), "-U", "postgres", "--auth=trust",
                "--encoding=UTF8", "--locale=C.UTF-8");
        List<String> lines = new ArrayList<>(List.of("listen_addresses = '127.0.0.1'", "port = " + server.port,
                "unix_socket_directories = ''", "cluster_name = '" + name + "'", "max_connections = 200",
                "wal_level = replica", "max_wal_senders = 10", "max_replication_slots = 10"));
        lines.addAll(List.of(settings));
        server.appendConfig(lines);
        server.start();
        try (Connection c = server.connect("postgres")) {
            c.createStatement().execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    /**
     * A streaming standby of this server, made by {@code pg_basebackup -R} with a replication slot of
     * its name; with {@code cluster_name} set to that name, which the primary's
     * {@code synchronous_standby_names} refers to. The standby itself names no synchronous standby,
     * so that once promoted it commits on its own.
     */
    public PostgresServer standby(String standbyName) throws IOException, InterruptedException {
        Path target = newFolder(standbyName);
        Files.delete(target); // pg_basebackup wants to create it
        PostgresServer standby = new PostgresServer(target, FreePorts.next(), standbyName);
        run(BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres",
                "-D", target.toString(), "-R", "-C", "-S", standbyName, "-X", "stream", "-c", "fast");
        standby.appendConfig(List.of("port = " + standby.port, "cluster_name = '" + standbyName + "'",
                "synchronous_standby_names = ''"));
        standby.start();
        return standby;
    }

    /**
     * From now on every commit waits until this standby has flushed it ({@code synchronous_commit=on},
     * the default); waits until the primary reports the standby as synchronous.
     */
    public void requireSynchronous(PostgresServer standby) throws SQLException, InterruptedException {
        try (Connection c = connect("postgres")) {
            c.createStatement().execute("alter system set synchronous_standby_names = 'FIRST 1 (" + standby.name + ")'");
            c.createStatement().execute("select pg_reload_conf()");
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                var rs = c.createStatement().executeQuery(
                        "select count(*) from pg_stat_replication where application_name = '" + standby.name
                                + "' and sync_state = 'sync' and state = 'streaming'");
                rs.next();
                if (rs.getInt(1) == 1) {
                    return;
                }
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("standby " + standby.name + " never became synchronous:\n"
                            + standby.logTail());
                }
                Thread.sleep(200);
            }
        }
    }

    public void start() throws IOException, InterruptedException {
        run(BIN.resolve("pg_ctl").toString(), "-D", folder.toString(), "-l", log.toString(), "-w", "-t", "60", "start");
    }

    /** Turns a standby into a primary and waits until it takes writes. */
    public void promote() throws IOException, InterruptedException {
        run(BIN.resolve("pg_ctl").toString(), "-D", folder.toString(), "-w", "-t", "60", "promote");
    }

    /** The server dies as in a crash: SIGKILL to the postmaster and every process of it, no shutdown. */
    public void kill() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(folder.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle.of(pid).ifPresent(postmaster -> {
            List<ProcessHandle> children = postmaster.descendants().toList();
            postmaster.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            postmaster.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        });
    }

    /** Whether the server's postmaster is alive. */
    public boolean running() throws IOException {
        Path pidFile = folder.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return false;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Whether this server is a standby in recovery, asked of the server itself. */
    public boolean inRecovery() throws SQLException {
        try (Connection c = connect(DATABASE)) {
            var rs = c.createStatement().executeQuery("select pg_is_in_recovery()");
            rs.next();
            return rs.getBoolean(1);
        }
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public String hostAndPort() {
        return "127.0.0.1:" + port;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
    }

    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] { "127.0.0.1" });
        ds.setPortNumbers(new int[] { port });
        ds.setDatabaseName(DATABASE);
        ds.setUser("postgres");
        return ds;
    }

    /** The server's log, for a failure message. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            if (running()) {
                run(BIN.resolve("pg_ctl").toString(), "-D", folder.toString(), "-m", "immediate", "-w", "stop");
            }
        } catch (IOException | IllegalStateException e) {
            System.err.println("PostgreSQL " + name + " did not stop: " + e);
        }
        delete(folder);
        delete(log);
    }

    private void appendConfig(List<String> lines) throws IOException {
        Path conf = folder.resolve("postgresql.auto.conf");
        Files.writeString(conf, Files.readString(conf) + String.join("\n", lines) + "\n");
    }

    private static Path newFolder(String name) throws IOException {
        Path parent = Files.createTempDirectory("switchboard-pg-");
        Path folder = Files.createDirectory(parent.resolve(name));
        if (asRoot()) {
            run("chown", "-R", "postgres:postgres", parent.toString());
        }
        return folder;
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a command (as the user postgres when this is root) and fails with its output when it fails. */
    private static void run(String... command) throws IOException {
        List<String> full = new ArrayList<>();
        if (asRoot() && !command[0].equals("chown")) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(Duration.ofSeconds(120).toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the system clears it
        }
        Path parent = path.getParent();
        if (parent != null && parent.getFileName().toString().startsWith("switchboard-pg-")) {
            parent.toFile().delete();
        }
    }
}
