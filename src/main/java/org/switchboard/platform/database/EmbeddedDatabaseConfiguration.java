package org.switchboard.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.switchboard.platform.OwnerOnlyFiles;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Without {@code spring.datasource.url} the platform brings its own PostgreSQL: a real server
 * unpacked from a jar, its data in {@code switchboard.data} (env SWITCHBOARD_DATA, default ./data),
 * kept across restarts. With a URL configured none of this runs.
 * <p>
 * The server is the platform's alone: it listens on the loopback interface only, without a Unix
 * socket, and asks for the password generated on the first start and kept in
 * {@code postgres.password} beside its folder; the data folder and that file are the owner's alone.
 * A server left running by an application killed hard is stopped before the start
 * ({@link LeftoverServer}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.datasource", name = "url", havingValue = "embedded", matchIfMissing = true)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);
    static final String USER = "postgres";
    static final String PASSWORD_FILE = "postgres.password";
    private static final String HBA = """
            # Written by Switchboard: password (SCRAM) for every connection; the server listens on loopback only.
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;

    /** The server and the password its superuser logs in with. */
    record EmbeddedServer(EmbeddedPostgres postgres, String password, Path temporary) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            postgres.close();
            if (temporary != null) {
                Files.deleteIfExists(temporary.resolve(PASSWORD_FILE));
                Files.deleteIfExists(temporary); // the server's own folder went with it
            }
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedServer embeddedPostgres(@Value("${switchboard.data:./data}") String dataFolder,
            @Value("${switchboard.embedded-db.ephemeral:false}") boolean ephemeral,
            @Value("${switchboard.embedded-db.stop-timeout:120s}") Duration stopTimeout,
            @Value("${switchboard.embedded-db.startup-wait:10m}") Duration startupWait) throws IOException {
        Path parent = ephemeral ? Files.createTempDirectory("switchboard-db") : Path.of(dataFolder);
        OwnerOnlyFiles.folder(parent);
        Path folder = OwnerOnlyFiles.folder(parent.resolve("postgres"));
        Path passwordFile = parent.resolve(PASSWORD_FILE);
        if (!Files.exists(passwordFile)) {
            OwnerOnlyFiles.create(passwordFile, newPassword());
        }
        String password = OwnerOnlyFiles.read(passwordFile);
        String found = LeftoverServer.clear(folder, stopTimeout);
        log.info("Starting the embedded PostgreSQL with its data in {}", folder.toAbsolutePath());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (!ephemeral) {
            // The embedded server's defaults trade durability for speed (no fsync, asynchronous
            // commit); data that must survive a crash of the machine needs both back on.
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    // Sized for the monthly invoice run's millions of call rows rather than the
                    // server's minimal defaults (128 MB of buffers, a checkpoint every 1 GB of WAL).
                    .setServerConfig("shared_buffers", "512MB").setServerConfig("max_wal_size", "8GB")
                    .setServerConfig("checkpoint_timeout", "15min").setServerConfig("wal_compression", "on");
        }
        EmbeddedPostgres postgres = builder
                .setDataDirectory(folder)
                .setCleanDataDirectory(ephemeral)
                // Closed by the application context after everything that uses it, not by a JVM hook of its own
                // that would stop the database while the application is still shutting down.
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                // A new folder gets password authentication from initdb on; the password file is its source.
                .setLocaleConfig("auth-host", "scram-sha-256").setLocaleConfig("auth-local", "scram-sha-256")
                .setLocaleConfig("pwfile", passwordFile.toAbsolutePath().toString())
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "")
                .setConnectConfig("password", password)
                // Crash recovery replays the write-ahead log since the last checkpoint before the server answers.
                .setPGStartupWait(startupWait)
                .start();
        requirePassword(postgres, folder, password);
        if (!found.equals("clean")) {
            log.warn("The embedded PostgreSQL in {} is up again after the application stopped without shutting it down ({})",
                    folder, found.equals("stopped") ? "left-over server stopped" : "crash recovery ran");
        }
        return new EmbeddedServer(postgres, password, ephemeral ? parent : null);
    }

    /**
     * A folder made by an earlier release trusts every local connection: its superuser gets the
     * password and the server's access rules are replaced, then reloaded.
     */
    private static void requirePassword(EmbeddedPostgres postgres, Path folder, String password) throws IOException {
        Path hba = folder.resolve("pg_hba.conf");
        List<String> rules = Files.readAllLines(hba).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (rules.stream().noneMatch(l -> l.endsWith(" trust") || l.endsWith("\ttrust"))) {
            return;
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("alter role " + USER + " password '" + password + "'");
            Files.writeString(hba, HBA);
            s.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("Could not set the embedded PostgreSQL's password", e);
        }
        log.warn("The embedded PostgreSQL in {} trusted every local connection: it asks for the password in {} now",
                folder, PASSWORD_FILE);
    }

    private static String newPassword() {
        String letters = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            password.append(letters.charAt(random.nextInt(letters.length())));
        }
        return password.toString();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedServer server) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.postgres().getJdbcUrl(USER, "postgres"));
        dataSource.setUsername(USER);
        dataSource.setPassword(server.password());
        dataSource.setMaximumPoolSize(20);
        dataSource.setPoolName("switchboard");
        return dataSource;
    }
}
