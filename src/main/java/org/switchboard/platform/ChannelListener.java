package org.switchboard.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on one PostgreSQL notification channel ({@code LISTEN}, notifications sent with
 * {@code pg_notify} or {@code NOTIFY} and delivered to every node when the sending transaction
 * commits), on a connection and a thread of its own, for as long as it runs. Each notification's
 * payload goes to {@code onPayload}. A listener cannot know what was sent while it was not
 * listening: {@code onListening} is told each time it starts listening whether it listened before
 * (so notifications may have been missed), {@code onLost} each time its connection fails; it then
 * tries again every second.
 */
public final class ChannelListener {

    /** What a listener tells its owner besides the payloads. */
    public interface Events {
        /** Listening (again when {@code again}: notifications sent since the connection was lost are missed). */
        void listening(boolean again);

        /** The listening connection failed; listening again is tried in a second. */
        void lost();
    }

    private static final Logger log = LoggerFactory.getLogger(ChannelListener.class);

    private final DataSource dataSource;
    private final String channel;
    private final String threadName;
    private final Consumer<String> onPayload;
    private final Events events;
    private volatile boolean running;
    private Thread thread;

    /** {@code channel} is an SQL identifier chosen by the code (never user input). */
    public ChannelListener(DataSource dataSource, String channel, String threadName, Consumer<String> onPayload,
            Events events) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        this.dataSource = dataSource;
        this.channel = channel;
        this.threadName = threadName;
        this.onPayload = onPayload;
        this.events = events;
    }

    public synchronized void start() {
        running = true;
        thread = new Thread(this::listen, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean again = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                events.listening(again);
                again = true;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        onPayload.accept(n.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                again = true;
                events.lost();
                if (!running) {
                    return;
                }
                log.warn("Listening on {} failed; trying again in a second: {}", channel, e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
