package org.switchboard.connector.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells every node at once that a connector key was revoked: the revoking transaction sends a
 * PostgreSQL notification, delivered to all listening nodes when it commits; each node drops the
 * key from its cache of checked keys. A node that lost its listening connection drops its whole
 * cache when it is back, since it may have missed a notification.
 */
@Component
public class KeyRevocations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KeyRevocations.class);
    static final String CHANNEL = "connector_key_revoked";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final CopyOnWriteArrayList<Consumer<UUID>> revoked = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Runnable> missed = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private Thread thread;

    KeyRevocations(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** {@code onRevoked} gets each revoked key's id; {@code onMissed} runs when notifications may have been lost. */
    public void subscribe(Consumer<UUID> onRevoked, Runnable onMissed) {
        revoked.add(onRevoked);
        missed.add(onMissed);
    }

    /** Announces the revocation to all nodes when the caller's transaction commits. */
    public void announce(UUID keyId) {
        jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, keyId.toString()).query((rs, n) -> 1).list();
    }

    private void listen() {
        boolean first = true;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (!first) {
                    missed.forEach(Runnable::run);
                }
                first = false;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        UUID id = UUID.fromString(n.getParameter());
                        revoked.forEach(c -> c.accept(id));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Listening for revoked connector keys failed; trying again in a second: {}", e.toString());
                first = false;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "connector-key-revocations");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
