package org.switchboard.telephony.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where a provider's {@code host}, {@code host:port} or {@code [IPv6]:port} is (port 5060 when none),
 * for the registrations to and the calls through customers' trunks. Names are looked up at most
 * {@value #WAIT_MILLIS} ms (on a thread of their own, so a slow name server holds no SIP work), and
 * remembered: an address a minute, a name that could not be resolved five minutes, logged once.
 */
@Component
class HostResolver {

    private static final Logger log = LoggerFactory.getLogger(HostResolver.class);
    static final long WAIT_MILLIS = 2_000;
    private static final Duration KEEP_FOUND = Duration.ofMinutes(1);
    private static final Duration KEEP_UNKNOWN = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(InetAddress address, Instant until) {
    }

    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    HostResolver(Clock clock) {
        this.clock = clock;
    }

    /** The address of {@code hostPort}; empty when its name cannot be resolved (now or recently). */
    Optional<InetSocketAddress> resolve(String hostPort) {
        if (hostPort == null || hostPort.isBlank()) {
            return Optional.empty();
        }
        String where = hostPort.trim();
        int colon = where.lastIndexOf(':');
        boolean hasPort = colon > 0 && !where.endsWith("]") && (where.startsWith("[") || where.indexOf(':') == colon);
        String host = (hasPort ? where.substring(0, colon) : where).replace("[", "").replace("]", "");
        int port = hasPort ? Registrar.intOr(where.substring(colon + 1), 5060) : 5060;
        InetAddress address = address(host);
        return address == null ? Optional.empty() : Optional.of(new InetSocketAddress(address, port));
    }

    private InetAddress address(String host) {
        Instant now = clock.instant();
        Entry known = cache.get(host);
        if (known != null && now.isBefore(known.until())) {
            return known.address();
        }
        InetAddress found = lookUp(host);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(host, new Entry(found, now.plus(found == null ? KEEP_UNKNOWN : KEEP_FOUND)));
        if (found == null && (known == null || known.address() != null)) {
            log.info("SIP provider host {} cannot be resolved; trying again in {} min", host,
                    KEEP_UNKNOWN.toMinutes());
        }
        return found;
    }

    private static InetAddress lookUp(String host) {
        FutureTask<InetAddress> task = new FutureTask<>(() -> InetAddress.getByName(host));
        Thread thread = new Thread(task, "sip-resolve");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            return null;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownHostException)) {
                log.debug("looking up {} failed: {}", host, e.getCause().toString());
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
