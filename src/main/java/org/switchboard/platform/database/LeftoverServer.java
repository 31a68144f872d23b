package org.switchboard.platform.database;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an application killed hard (kill -9, power loss, the OOM killer) leaves in the embedded
 * database's folder: a PostgreSQL server still running on it, or only its {@code postmaster.pid}.
 * Before the next start the server is stopped with PostgreSQL's fast shutdown (it rolls back what
 * was open and writes a checkpoint; nothing committed is lost); a pid file whose server is gone is
 * left to PostgreSQL, which then replays its write-ahead log (crash recovery) on start.
 * A folder still used by a running application is refused, never taken over.
 */
final class LeftoverServer {

    private static final Logger log = LoggerFactory.getLogger(LeftoverServer.class);
    /** The embedded library's lock file, held by the application that runs the server. */
    static final String APPLICATION_LOCK = "epg-lock";

    private LeftoverServer() {
    }

    /** The server's process and folder as its pid file names them. */
    record PidFile(long pid, Path folder) {

        static Optional<PidFile> read(Path dataFolder) throws IOException {
            Path file = dataFolder.resolve("postmaster.pid");
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file);
            if (lines.size() < 2 || !lines.get(0).trim().matches("\\d{1,10}")) {
                return Optional.of(new PidFile(-1, dataFolder)); // written halfway: no server got to run
            }
            return Optional.of(new PidFile(Long.parseLong(lines.get(0).trim()), Path.of(lines.get(1).trim())));
        }
    }

    /** Makes the folder ready for a start; answers what it found and did, for the log and the tests. */
    static String clear(Path dataFolder, Duration stopTimeout) throws IOException {
        Path folder = dataFolder.toAbsolutePath().normalize();
        refuseIfInUse(folder);
        Optional<PidFile> pidFile = PidFile.read(folder);
        if (pidFile.isEmpty()) {
            return "clean";
        }
        Optional<ProcessHandle> process = pidFile.get().pid() > 0 ? ProcessHandle.of(pidFile.get().pid()) : Optional.empty();
        if (process.isEmpty() || !process.get().isAlive()) {
            log.warn("The embedded PostgreSQL in {} was not shut down (its process {} is gone): PostgreSQL replays its "
                    + "write-ahead log now (crash recovery)", folder, pidFile.get().pid());
            return "crashed";
        }
        if (!isServerOf(process.get(), folder)) {
            // The process id was reused by something else: PostgreSQL would refuse to start beside a living pid.
            log.warn("The embedded PostgreSQL in {} was not shut down; its process id {} now belongs to another "
                    + "program: removing the stale postmaster.pid, PostgreSQL replays its write-ahead log now "
                    + "(crash recovery)", folder, pidFile.get().pid());
            Files.deleteIfExists(folder.resolve("postmaster.pid"));
            return "crashed";
        }
        log.warn("A PostgreSQL server (process {}) is still running on {}, left by an application that stopped "
                + "without shutting it down: stopping it (fast shutdown)", process.get().pid(), folder);
        long started = System.nanoTime();
        stop(process.get(), folder, stopTimeout);
        log.warn("The left-over PostgreSQL server stopped after {} ms; starting it again",
                (System.nanoTime() - started) / 1_000_000);
        return "stopped";
    }

    /** Another application on this folder holds the lock: starting a second server on it would be refused anyway. */
    private static void refuseIfInUse(Path folder) throws IOException {
        Path lockFile = folder.resolve(APPLICATION_LOCK);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileOutputStream stream = new FileOutputStream(lockFile.toFile(), true);
                FileLock lock = stream.getChannel().tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("Another running application uses the data folder " + folder
                        + ": stop it first, or give this one its own folder (SWITCHBOARD_DATA)");
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("This application already runs a database on " + folder, e);
        }
    }

    private static boolean isServerOf(ProcessHandle process, Path folder) {
        ProcessHandle.Info info = process.info();
        String command = info.command().orElse("");
        if (!command.endsWith("/postgres") && !command.endsWith("\\postgres.exe")) {
            return false;
        }
        String[] arguments = info.arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < arguments.length; i++) {
            if (arguments[i].equals("-D") && Path.of(arguments[i + 1]).toAbsolutePath().normalize().equals(folder)) {
                return true;
            }
        }
        return false;
    }

    private static void stop(ProcessHandle postmaster, Path folder, Duration timeout) throws IOException {
        // The postmaster's children leave after it; a new server refuses to start while they hold its memory.
        List<ProcessHandle> children = postmaster.descendants().toList();
        if (!stopped(postmaster, "INT", timeout)) {
            // Fast shutdown did not end in time: immediate shutdown, and crash recovery on start.
            log.warn("The left-over PostgreSQL server did not stop within {} s: stopping it immediately; "
                    + "PostgreSQL replays its write-ahead log on start (crash recovery)", timeout.toSeconds());
            if (!stopped(postmaster, "QUIT", timeout)) {
                throw new IllegalStateException("Could not stop the left-over PostgreSQL server (process "
                        + postmaster.pid() + ") on " + folder + ": stop it by hand, then start again");
            }
        }
        waitForChildren(children, timeout);
    }

    /**
     * PostgreSQL's shutdown modes are signals to the postmaster: SIGINT fast, SIGQUIT immediate
     * ({@code pg_ctl} refuses to run as root, the server does not).
     */
    private static boolean stopped(ProcessHandle postmaster, String signal, Duration timeout) throws IOException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(postmaster.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                if (signal.equals("INT")) {
                    postmaster.destroy(); // SIGTERM: smart shutdown; the dead application's connections are gone
                } else {
                    postmaster.destroyForcibly();
                }
            }
            postmaster.onExit().get(timeout.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the left-over PostgreSQL server", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    private static void waitForChildren(List<ProcessHandle> children, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle child : children) {
            while (child.isAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted", e);
                }
            }
        }
    }
}
