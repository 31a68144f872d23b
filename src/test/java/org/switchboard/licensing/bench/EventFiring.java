package org.switchboard.licensing.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fires licence events at the connector endpoint from one thread over many HTTP/1.1 keep-alive
 * connections (non-blocking sockets, one request in flight per connection, as a phone system's
 * connector would send them).
 *
 * <p>With a rate, the load is open: every connection has its own schedule (rate / connections
 * per second, spread evenly), and a request's latency counts from the instant it was <em>due</em>,
 * not from when the connection was free to send it, so a slow answer shows in the figures of the
 * requests that had to wait for it (no coordinated omission). Without a rate (0) every connection
 * sends its next event as soon as the answer to the last one arrived: the most the server can take.
 *
 * <p>With {@code -Dload.warmup-seconds=N} the same connections send the same load for N seconds
 * first, left out of the figures (shown second by second, marked, with -Dload.per-second=true):
 * the generator's own start (its code compiled, its connections opened) is then over before the
 * measured seconds begin.
 */
final class EventFiring {

    private static final int SUBJECTS = 50;

    /**
     * Part of every ref, new for every run (-Dload.run to repeat one): each connection draws the
     * same instances, subjects and event kinds in every run, and with the same refs a later run
     * would only repeat events the engine already knows (answered as before, nothing written), so
     * it would measure less work than the first.
     */
    private static final String RUN = System.getProperty("load.run",
            Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36));

    private final String host;
    private final int port;
    private final List<ConnectorLoad.Target> targets;
    private final Connection[] connections;
    private final long intervalNanos;

    private final long warmupNanos = Long.getLong("load.warmup-seconds", 0) * 1_000_000_000L;
    private long[] latencies = new long[1 << 20];
    private int[] dueSeconds = new int[1 << 20];
    private long start;
    private int count;
    private long admitted;
    private long refused;
    private long errors;
    private long overPool;
    private double elapsedSeconds;
    private long late;
    private long reconnects;
    private long measuredFrom;
    private int warmupEvents;
    private long warmupOverPool;
    private long warmupErrors;

    EventFiring(String host, int port, List<ConnectorLoad.Target> targets, int connections, int rate) {
        this.host = host;
        this.port = port;
        this.targets = targets;
        this.connections = new Connection[connections];
        this.intervalNanos = rate <= 0 ? 0 : (long) (1e9 * connections / rate);
    }

    void run(int seconds) throws IOException {
        try (Selector selector = Selector.open()) {
            start = System.nanoTime() + 200_000_000L;
            measuredFrom = start + warmupNanos;
            for (int i = 0; i < connections.length; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, port));
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                Connection c = new Connection(i, channel, selector);
                c.due = intervalNanos == 0 ? start : start + intervalNanos * i / connections.length;
                connections[i] = c;
            }
            long end = measuredFrom + seconds * 1_000_000_000L;
            while (true) {
                long now = System.nanoTime();
                long nextDue = Long.MAX_VALUE;
                boolean busy = false;
                for (Connection c : connections) {
                    if (!c.inFlight && c.due < end) {
                        if (c.due <= now) {
                            c.send(now);
                        } else {
                            nextDue = Math.min(nextDue, c.due);
                        }
                    }
                    busy |= c.inFlight;
                }
                if (!busy && nextDue == Long.MAX_VALUE) {
                    break;
                }
                // Wait for answers until the next event is due: at least a millisecond, so that the
                // generator sleeps instead of spinning (an event may go out up to 1 ms after it was
                // due, which its latency, counted from the due instant, includes).
                long waitMillis = nextDue == Long.MAX_VALUE ? 100
                        : Math.max(1, (nextDue - System.nanoTime() + 999_999) / 1_000_000);
                selector.select(waitMillis);
                for (SelectionKey key : selector.selectedKeys()) {
                    ((Connection) key.attachment()).onReadable();
                }
                selector.selectedKeys().clear();
            }
            elapsedSeconds = (System.nanoTime() - measuredFrom) / 1e9;
            for (Connection c : connections) {
                c.channel.close();
            }
        }
    }

    void report() {
        int warmupSeconds = (int) (warmupNanos / 1_000_000_000L);
        long[] sorted = new long[count];
        int measured = 0;
        for (int i = 0; i < count; i++) {
            if (dueSeconds[i] >= warmupSeconds) {
                sorted[measured++] = latencies[i];
            }
        }
        sorted = Arrays.copyOf(sorted, measured);
        Arrays.sort(sorted);
        if (warmupSeconds > 0) {
            System.out.printf("warm-up: %d s, %d events left out of the figures (errors=%d answers over the pool=%d)%n",
                    warmupSeconds, warmupEvents, warmupErrors, warmupOverPool);
        }
        System.out.printf("events=%d in %.1f s: %.0f events/s over %d connections to %d instances (%s)%n", measured,
                elapsedSeconds, measured / elapsedSeconds, connections.length, targets.size(),
                intervalNanos == 0 ? "closed loop: next event when the answer is in"
                        : String.format("open loop at %.0f events/s, latency from the due instant",
                                1e9 * connections.length / intervalNanos));
        System.out.printf("latency ms: p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f%n", ms(sorted, 0.50),
                ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999), measured == 0 ? 0 : sorted[measured - 1] / 1e6);
        if (Boolean.getBoolean("load.per-second")) {
            perSecond();
        }
        System.out.printf("admitted=%d refused=%d errors=%d answers over the pool=%d sent late (connection busy)=%d"
                + " connections closed by the server and opened again=%d%n", admitted, refused, errors, overPool, late,
                reconnects);
    }

    /**
     * The latencies second by second of their due instant (-Dload.per-second=true), with the wall-clock
     * second, to be laid beside what the server and the database recorded in the same seconds.
     */
    private void perSecond() {
        long wallStart = System.currentTimeMillis() - (System.nanoTime() - start) / 1_000_000;
        int seconds = 0;
        for (int i = 0; i < count; i++) {
            seconds = Math.max(seconds, dueSeconds[i] + 1);
        }
        long[][] buckets = new long[seconds][];
        int[] sizes = new int[seconds];
        for (int i = 0; i < count; i++) {
            sizes[dueSeconds[i]]++;
        }
        for (int s = 0; s < seconds; s++) {
            buckets[s] = new long[sizes[s]];
            sizes[s] = 0;
        }
        for (int i = 0; i < count; i++) {
            buckets[dueSeconds[i]][sizes[dueSeconds[i]]++] = latencies[i];
        }
        int warmupSeconds = (int) (warmupNanos / 1_000_000_000L);
        System.out.println("second,epoch_s,events,p50_ms,p99_ms,max_ms" + (warmupSeconds > 0 ? ",phase" : ""));
        for (int s = 0; s < seconds; s++) {
            long[] b = buckets[s];
            Arrays.sort(b);
            // Measured seconds count from 0; the warm-up's from -warmupSeconds.
            System.out.printf("%d,%d,%d,%.2f,%.2f,%.2f%s%n", s - warmupSeconds, wallStart / 1000 + s, b.length,
                    ms(b, 0.50), ms(b, 0.99), b.length == 0 ? 0 : b[b.length - 1] / 1e6,
                    warmupSeconds == 0 ? "" : s < warmupSeconds ? ",warm-up" : ",measured");
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private void record(long latency, long due) {
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
            dueSeconds = Arrays.copyOf(dueSeconds, count * 2);
        }
        dueSeconds[count] = (int) Math.max(0, (due - start) / 1_000_000_000L);
        latencies[count++] = latency;
    }

    private final class Connection {

        SocketChannel channel;
        final Selector selector;
        final Random random;
        final int me;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        boolean inFlight;
        long due;
        long seq;

        Connection(int me, SocketChannel channel, Selector selector) throws IOException {
            this.me = me;
            this.channel = channel;
            this.selector = selector;
            this.random = new Random(me);
            channel.register(selector, SelectionKey.OP_READ, this);
        }

        void send(long now) {
            if (now - due > intervalNanos && intervalNanos > 0) {
                late++;
            }
            ConnectorLoad.Target target = targets.get(random.nextInt(targets.size()));
            int s = random.nextInt(SUBJECTS);
            String subject = String.valueOf(100 + s);
            int kind = random.nextInt(6);
            if (s >= SUBJECTS - 5 && kind < 3) {
                kind = 3; // function extensions only call out
            }
            String body = switch (kind) {
                case 0 -> event("DESKTOP_OPENED", subject, "d-" + RUN + "-" + subject + "-" + random.nextInt(3), null);
                case 1 -> event("DESKTOP_HEARTBEAT", subject, "d-" + RUN + "-" + subject + "-" + random.nextInt(3), null);
                case 2 -> event("DESKTOP_CLOSED", subject, "d-" + RUN + "-" + subject + "-" + random.nextInt(3), null);
                case 3 -> event("OUTBOUND_CALL_STARTED", subject, "c-" + RUN + "-" + me + "-" + (seq++), "+4930123456");
                case 4 -> event("CALL_ENDED", subject, "c-" + RUN + "-" + me + "-" + Math.max(0, seq - 1), null);
                default -> event("INBOUND_CALL", subject, "i-" + RUN + "-" + me + "-" + (seq++), null);
            };
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + target.path() + "/licence/events HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nAuthorization: Bearer " + target.key() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n";
            ByteBuffer out = ByteBuffer.allocate(head.length() + bytes.length);
            out.put(head.getBytes(StandardCharsets.US_ASCII)).put(bytes).flip();
            try {
                while (out.hasRemaining()) {
                    channel.write(out); // a few hundred bytes: the socket buffer takes them at once
                }
            } catch (IOException e) {
                throw new IllegalStateException("connection " + me + " failed", e);
            }
            inFlight = true;
            if (intervalNanos == 0) {
                due = now;
            }
        }

        void onReadable() {
            try {
                if (channel.read(in) < 0) {
                    throw new IllegalStateException("connection " + me + " closed by the server");
                }
            } catch (IOException e) {
                throw new IllegalStateException("connection " + me + " failed", e);
            }
            String text = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                return;
            }
            String head = text.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
            String body;
            int consumed;
            int lengthAt = head.indexOf("content-length:");
            if (lengthAt >= 0) {
                int length = Integer.parseInt(head.substring(lengthAt + 15, lineEnd(head, lengthAt)).trim());
                if (text.length() < headEnd + 4 + length) {
                    return;
                }
                body = text.substring(headEnd + 4, headEnd + 4 + length);
                consumed = headEnd + 4 + length;
            } else { // chunked
                int terminator = text.indexOf("\r\n0\r\n\r\n", headEnd);
                if (terminator < 0) {
                    return;
                }
                body = text.substring(headEnd + 4, terminator);
                consumed = terminator + 7;
            }
            long now = System.nanoTime();
            record(now - due, due);
            int status = Integer.parseInt(text.substring(9, 12));
            if (due < measuredFrom) {
                warmupEvents++;
                if (status != 200) {
                    warmupErrors++;
                } else if (number(body, "\"occupied\":") > number(body, "\"licensed\":")) {
                    warmupOverPool++;
                }
            } else if (status != 200) {
                errors++;
            } else {
                if (body.contains("\"admitted\":true")) {
                    admitted++;
                } else {
                    refused++;
                }
                if (number(body, "\"occupied\":") > number(body, "\"licensed\":")) {
                    overPool++;
                }
            }
            in.flip();
            in.position(consumed);
            in.compact();
            if (head.contains("connection: close")) {
                reconnect();
            }
            inFlight = false;
            due = intervalNanos == 0 ? now : due + intervalNanos;
        }

        /** The server ends a connection after so many requests: open the next one, as a client would. */
        private void reconnect() {
            try {
                channel.close();
                channel = SocketChannel.open(new InetSocketAddress(host, port));
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, this);
                in.clear();
                reconnects++;
            } catch (IOException e) {
                throw new IllegalStateException("connection " + me + " could not be opened again", e);
            }
        }

        private static int lineEnd(String head, int from) {
            int end = head.indexOf("\r\n", from);
            return end < 0 ? head.length() : end;
        }

        private static int number(String body, String field) {
            int at = body.indexOf(field);
            if (at < 0) {
                return -1;
            }
            int i = at + field.length();
            int n = 0;
            while (i < body.length() && Character.isDigit(body.charAt(i))) {
                n = n * 10 + body.charAt(i++) - '0';
            }
            return n;
        }
    }

    private static String event(String type, String subject, String ref, String destination) {
        return "{\"type\":\"" + type + "\",\"subject\":\"" + subject + "\",\"ref\":\"" + ref + "\""
                + (destination == null ? "" : ",\"destination\":\"" + destination + "\"") + "}";
    }
}
