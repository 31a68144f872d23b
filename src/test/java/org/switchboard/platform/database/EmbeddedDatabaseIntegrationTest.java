package org.switchboard.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.platform.database.EmbeddedDatabaseConfiguration.EmbeddedServer;
import org.switchboard.testing.IntegrationTestBase;

/** The embedded PostgreSQL answers the platform alone. */
class EmbeddedDatabaseIntegrationTest extends IntegrationTestBase {

    @Autowired
    EmbeddedServer server;

    @Test
    void anotherLocalProcessCannotConnectWithoutThePasswordAndTheFolderAndPasswordFileAreTheOwnersAlone()
            throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + server.postgres().getPort() + "/postgres";
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres"))
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        try (Connection c = DriverManager.getConnection(url, "postgres", server.password())) {
            assertThat(c.isValid(2)).isTrue();
            try (var r = c.createStatement().executeQuery(
                    "select current_setting('listen_addresses'), current_setting('unix_socket_directories')")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("localhost");
                assertThat(r.getString(2)).isEmpty();
            }
        }
        Path folder = server.temporary();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("postgres"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                folder.resolve(EmbeddedDatabaseConfiguration.PASSWORD_FILE)))).isEqualTo("rw-------");
    }
}
