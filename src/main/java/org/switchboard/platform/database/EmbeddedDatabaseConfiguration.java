package org.switchboard.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Without {@code spring.datasource.url} the platform brings its own PostgreSQL: a real server
 * unpacked from a jar, its data in {@code switchboard.data} (env SWITCHBOARD_DATA, default ./data),
 * kept across restarts. With a URL configured none of this runs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.datasource", name = "url", havingValue = "embedded", matchIfMissing = true)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${switchboard.data:./data}") String dataFolder,
            @Value("${switchboard.embedded-db.ephemeral:false}") boolean ephemeral) throws IOException {
        Path folder = ephemeral ? Files.createTempDirectory("switchboard-db") : Path.of(dataFolder, "postgres");
        Files.createDirectories(folder);
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
        return builder
                .setDataDirectory(folder)
                .setCleanDataDirectory(ephemeral)
                // Closed by the application context after everything that uses it, not by a JVM hook of its own
                // that would stop the database while the application is still shutting down.
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                .start();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(20);
        dataSource.setPoolName("switchboard");
        return dataSource;
    }
}
