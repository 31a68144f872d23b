package org.switchboard.telephony.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.switchboard.numbers.TrunkTemplate;
import org.switchboard.numbers.Trunks;
import org.switchboard.numbers.Trunks.Trunk;
import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipTransport;
import org.switchboard.telephony.sip.Via;

/**
 * The platform registers to each customer trunk whose provider wants it (RFC 3261 10, as a client):
 * REGISTER with the trunk's user, answering the provider's 401/407 with digest, refreshed before
 * the binding expires, retried with a growing back-off after a failure. Each trunk's state
 * (registered until, failing with the provider's answer, not registering) is kept for the pages.
 * Every node registers its own contact.
 */
public final class TrunkRegistrations {

    /** What a trunk's registration is doing: REGISTERED, FAILED (with why), TRYING, NOT_REGISTERING. */
    public record State(UUID trunkId, String status, String reason, Instant registeredUntil, Instant since) {
    }

    private static final class Attempt {
        final Trunk trunk;
        final String callId = UUID.randomUUID() + "@switchboard";
        final String tag = Long.toHexString(UUID.randomUUID().getMostSignificantBits());
        long cseq;
        String branch;
        boolean answeredChallenge;
        Instant sentAt;
        SipMessage last;
        Flow lastTarget;
        Instant lastSent;
        Instant next = Instant.MIN;
        int failures;
        State state;

        Attempt(Trunk trunk) {
            this.trunk = trunk;
        }
    }

    private static final Duration NO_ANSWER = Duration.ofSeconds(32);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(15);

    private final SipTransport transport;
    private final Hops hops;
    private final Trunks trunks;
    private final Clock clock;
    private final HostResolver resolver;
    private final Map<UUID, Attempt> attempts = new ConcurrentHashMap<>();
    private final Map<String, Attempt> byBranch = new ConcurrentHashMap<>();

    TrunkRegistrations(SipTransport transport, Hops hops, Trunks trunks, Clock clock, HostResolver resolver) {
        this.resolver = resolver;
        this.transport = transport;
        this.hops = hops;
        this.trunks = trunks;
        this.clock = clock;
    }

    /** Registers what is due, refreshes what expires soon, gives up on attempts without answer. */
    void tick() {
        Instant now = clock.instant();
        List<Trunk> wanted = trunks.registering();
        Set<UUID> ids = wanted.stream().map(Trunk::id).collect(Collectors.toSet());
        attempts.keySet().removeIf(id -> !ids.contains(id));
        for (Trunk t : wanted) {
            Attempt a = attempts.computeIfAbsent(t.id(), id -> new Attempt(t));
            synchronized (a) {
                if (a.sentAt != null && !now.isBefore(a.sentAt.plus(NO_ANSWER))) {
                    failed(a, "No answer from " + t.template().registrar(), now);
                } else if (a.sentAt != null && a.lastTarget.transport() == Flow.Transport.UDP
                        && !now.isBefore(a.lastSent.plusSeconds(2))) {
                    a.lastSent = now; // no answer yet over UDP: the same request again
                    transport.send(a.last, a.lastTarget);
                }
                if (a.sentAt == null && !now.isBefore(a.next)) {
                    send(a, null, now);
                }
            }
        }
    }

    /** The state of each trunk of {@code instanceTrunks} (those not registering: NOT_REGISTERING). */
    public List<State> states(List<Trunk> instanceTrunks) {
        List<State> out = new ArrayList<>();
        for (Trunk t : instanceTrunks) {
            Attempt a = attempts.get(t.id());
            State s = a == null ? null : a.state;
            out.add(!t.template().registers() ? new State(t.id(), "NOT_REGISTERING", null, null, null)
                    : s != null ? s : new State(t.id(), "TRYING", null, null, null));
        }
        return out;
    }

    /** A response to one of our REGISTERs: true when it was ours. */
    boolean onResponse(SipMessage r) {
        Via top = r.topVia();
        Attempt a = top == null || top.branch() == null ? null : byBranch.remove(top.branch());
        if (a == null) {
            return false;
        }
        synchronized (a) {
            Instant now = clock.instant();
            int status = r.status();
            if (status < 200) {
                byBranch.put(top.branch(), a); // provisional: the final answer is still to come
                return true;
            }
            a.sentAt = null;
            if ((status == 401 || status == 407) && !a.answeredChallenge) {
                var answer = DigestClient.answer(r, "REGISTER", registrarUri(a.trunk), authUser(a.trunk),
                        a.trunk.password());
                if (answer.isPresent()) {
                    send(a, answer.get(), now);
                    return true;
                }
            }
            if (status >= 300) {
                failed(a, status + " " + r.reason(), now);
                return true;
            }
            int expires = grantedExpiry(r, a.trunk.template().expirySeconds());
            a.failures = 0;
            a.state = new State(a.trunk.id(), "REGISTERED", null, now.plusSeconds(expires), since(a, "REGISTERED", null,
                    now));
            a.next = now.plusSeconds(Math.max(10, expires * 4L / 5)); // refresh well before expiry
            return true;
        }
    }

    private void send(Attempt a, DigestClient.Answer credentials, Instant now) {
        Trunk t = a.trunk;
        Flow target = flowOf(t.template());
        if (target == null) {
            failed(a, "Cannot resolve " + (t.template().outboundProxy() != null ? t.template().outboundProxy()
                    : t.template().registrar()), now);
            return;
        }
        a.answeredChallenge = credentials != null;
        a.branch = SipReplies.newBranch();
        a.cseq++;
        String aor = "<sip:" + t.username() + "@" + host(t.template().registrar()) + ">";
        SipMessage m = SipMessage.request("REGISTER", registrarUri(t));
        m.add("Via", hops.via(target.transport(), a.branch));
        m.add("Max-Forwards", "70");
        m.add("From", aor + ";tag=" + a.tag);
        m.add("To", aor);
        m.add("Call-ID", a.callId);
        m.add("CSeq", a.cseq + " REGISTER");
        m.add("Contact", "<sip:" + t.username() + "@" + transport.advertisedHost() + ":" + transport.port()
                + (target.transport() == Flow.Transport.TCP ? ";transport=tcp" : "") + ">");
        m.add("Expires", String.valueOf(t.template().expirySeconds()));
        m.add("User-Agent", "Switchboard");
        if (credentials != null) {
            m.add(credentials.header(), credentials.value());
        }
        m.add("Content-Length", "0");
        a.sentAt = now;
        a.lastSent = now;
        a.last = m;
        a.lastTarget = target;
        byBranch.put(a.branch, a);
        if (a.state == null) {
            a.state = new State(t.id(), "TRYING", null, null, now);
        }
        transport.send(m, target);
    }

    private void failed(Attempt a, String why, Instant now) {
        if (a.branch != null) {
            byBranch.remove(a.branch);
        }
        a.sentAt = null;
        a.failures++;
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(a.failures - 1, 10));
        a.next = now.plus(wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait);
        a.state = new State(a.trunk.id(), "FAILED", why, null, since(a, "FAILED", why, now));
    }

    /** Since when the trunk is in this state: a refresh or the same failure again keeps the first instant. */
    private static Instant since(Attempt a, String status, String reason, Instant now) {
        State was = a.state;
        return was != null && was.status().equals(status) && java.util.Objects.equals(was.reason(), reason)
                && was.since() != null ? was.since() : now;
    }

    private static int grantedExpiry(SipMessage ok, int asked) {
        for (String contact : ok.headers("Contact")) {
            int at = contact.indexOf("expires=");
            if (at >= 0) {
                String digits = contact.substring(at + 8).replaceAll("[^0-9].*$", "");
                int e = Registrar.intOr(digits, -1);
                if (e > 0) {
                    return e;
                }
            }
        }
        int header = Registrar.intOr(ok.headerOrNull("Expires"), -1);
        return header > 0 ? header : asked;
    }

    private static String authUser(Trunk t) {
        return t.authUsername() != null && !t.authUsername().isBlank() ? t.authUsername() : t.username();
    }

    private static String registrarUri(Trunk t) {
        return "sip:" + t.template().registrar();
    }

    private static String host(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return colon > 0 && !hostPort.endsWith("]") ? hostPort.substring(0, colon) : hostPort;
    }

    private Flow flowOf(TrunkTemplate template) {
        if (template.transport() == TrunkTemplate.Transport.TLS) {
            return null; // not served by this core's transport yet
        }
        String where = template.outboundProxy() != null ? template.outboundProxy() : template.registrar();
        return resolver.resolve(where).map(a -> new Flow(template.transport() == TrunkTemplate.Transport.TCP
                ? Flow.Transport.TCP : Flow.Transport.UDP, a)).orElse(null);
    }
}
