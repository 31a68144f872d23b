package org.switchboard.connector.internal;

import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.platform.ChannelListener;

/**
 * Tells every node at once that a connector key was revoked: the revoking transaction sends a
 * PostgreSQL notification, delivered to all listening nodes when it commits; each node drops the
 * key from its cache of checked keys. A node that lost its listening connection drops its whole
 * cache when it is back, since it may have missed a notification.
 */
@Component
public class KeyRevocations implements SmartLifecycle {

    static final String CHANNEL = "connector_key_revoked";

    private final ChannelListener listener;
    private final JdbcClient jdbc;
    private final CopyOnWriteArrayList<Consumer<UUID>> revoked = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Runnable> missed = new CopyOnWriteArrayList<>();

    KeyRevocations(DataSource dataSource, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.listener = new ChannelListener(dataSource, CHANNEL, "connector-key-revocations", key -> {
            UUID id = UUID.fromString(key);
            revoked.forEach(c -> c.accept(id));
        }, new ChannelListener.Events() {
            @Override
            public void listening(boolean again) {
                if (again) {
                    missed.forEach(Runnable::run);
                }
            }

            @Override
            public void lost() {
                // nothing is cached here; the subscribers forget their keys once listening again
            }
        });
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

    @Override
    public void start() {
        listener.start();
    }

    @Override
    public void stop() {
        listener.stop();
    }

    @Override
    public boolean isRunning() {
        return listener.isRunning();
    }
}
