package org.switchboard.telephony.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.connector.CallRecord;
import org.switchboard.connector.CallRecord.Direction;
import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.telephony.SipSettings;
import org.switchboard.telephony.internal.Authenticator.Outcome;
import org.switchboard.telephony.internal.Bindings.Reachable;
import org.switchboard.telephony.internal.CallLog.CallRow;
import org.switchboard.telephony.internal.CallRouting.Route;
import org.switchboard.telephony.internal.Tenants.Tenant;
import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.Flow.Transport;
import org.switchboard.telephony.sip.NameAddress;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipTransport;
import org.switchboard.telephony.sip.SipUri;
import org.switchboard.telephony.sip.Via;

/**
 * The SIP core: a registrar and a stateful forking proxy that records its route (RFC 3261 16),
 * so that every request of a call's dialog passes here while the media flows end to end. Each call
 * a subject places asks the licence at set-up and gives it back when it ends in any way (BYE,
 * CANCEL, a final error, no answer, a timeout); each ends as a row in {@link CallLog}, from which
 * its call record goes to the connector.
 */
public final class SipCore implements SipTransport.Handler {

    private static final Logger log = LoggerFactory.getLogger(SipCore.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE, INFO, NOTIFY, REFER, PRACK";
    private static final Set<String> KNOWN = Set.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "REGISTER", "UPDATE",
            "INFO", "NOTIFY", "REFER", "PRACK", "SUBSCRIBE", "MESSAGE", "PUBLISH");
    private static final Set<String> IN_DIALOG = Set.of("BYE", "INVITE", "UPDATE", "INFO", "NOTIFY", "REFER", "PRACK",
            "ACK");
    public static final String LICENCE_WARNING = "Licence limit reached";

    /** One forwarded INVITE of a call: where to, what was sent, what came back. */
    static final class Branch {
        final String id;
        final Flow target;
        final SipMessage request;
        int status;
        boolean cancelSent;
        ScheduledFuture<?> retransmit;

        Branch(String id, Flow target, SipMessage request) {
            this.id = id;
            this.target = target;
            this.request = request;
        }
    }

    /** A call being set up or talking, as this node sees it. */
    static final class Call {
        final String callId;
        final Tenant tenant;
        final SipMessage invite;
        final Flow callerFlow;
        final String callerBranch;
        final String callerTag;
        final CallRow row;
        final Map<String, Branch> branches = new LinkedHashMap<>();
        SipMessage lastToCaller;
        Branch winner;
        boolean finalSent;
        boolean ended;
        boolean cancelled;
        int authAttempts;
        long cseqShift;
        ScheduledFuture<?> noAnswer;

        Call(String callId, Tenant tenant, SipMessage invite, Flow callerFlow, CallRow row) {
            this.callId = callId;
            this.tenant = tenant;
            this.invite = invite;
            this.callerFlow = callerFlow;
            this.callerBranch = invite.topVia().branch();
            this.callerTag = invite.from().tag();
            this.row = row;
        }

        Flow calleeFlow() {
            return winner == null ? null : winner.target;
        }
    }

    private final SipTransport transport;
    private final SipSettings settings;
    private final Tenants tenants;
    private final Registrar registrar;
    private final Authenticator auth;
    private final Devices devices;
    private final Bindings bindings;
    private final CallLog callLog;
    private final LicenceReporter licences;
    private final InboundRouter inbound;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final Map<String, Call> byBranch = new ConcurrentHashMap<>();
    private final Map<String, SipMessage> recentFinals = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SipMessage> eldest) {
                    return size() > 20_000;
                }
            });
    private volatile InetSocketAddress carrier;
    private final TollFraudPolicy.Guards guards;
    /** Set-up times of each device's recent calls to the public network (this node's share). */
    private final Map<UUID, java.util.ArrayDeque<Long>> recent = new ConcurrentHashMap<>();

    SipCore(SipTransport transport, SipSettings settings, Tenants tenants, Registrar registrar, Authenticator auth,
            Devices devices, Bindings bindings, CallLog callLog, LicenceReporter licences, InboundRouter inbound,
            Clock clock, ScheduledExecutorService timers) {
        this.transport = transport;
        this.settings = settings;
        this.tenants = tenants;
        this.registrar = registrar;
        this.auth = auth;
        this.devices = devices;
        this.bindings = bindings;
        this.callLog = callLog;
        this.licences = licences;
        this.inbound = inbound;
        this.clock = clock;
        this.timers = timers;
        this.guards = new TollFraudPolicy.Guards(Set.copyOf(settings.fraud().allowedCountries()),
                settings.fraud().blockedPrefixes(), settings.fraud().callsPerMinutePerDevice(),
                settings.fraud().concurrentOutboundPerInstance());
    }

    private int recentCalls(UUID device, Instant now) {
        java.util.ArrayDeque<Long> times = recent.get(device);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            long since = now.toEpochMilli() - 60_000;
            while (!times.isEmpty() && times.peekFirst() < since) {
                times.pollFirst();
            }
            return times.size();
        }
    }

    private void countCall(UUID device, Instant now) {
        if (recent.size() > 100_000) {
            recent.clear(); // bounded: forgetting the window is safer than growing without end
        }
        java.util.ArrayDeque<Long> times = recent.computeIfAbsent(device, d -> new java.util.ArrayDeque<>());
        synchronized (times) {
            times.addLast(now.toEpochMilli());
        }
    }

    // ---- entry ---------------------------------------------------------------------------------

    @Override
    public void received(SipMessage m, Flow from) {
        if (!m.isRequest()) {
            onResponse(m);
            return;
        }
        SipMessage bad = malformed(m);
        if (bad != null) {
            if (!"ACK".equals(m.method())) {
                transport.send(bad, from);
            }
            return;
        }
        String method = m.method();
        if (!KNOWN.contains(method)) {
            transport.send(reply(m, 501, "Not Implemented").add("Allow", ALLOW), from);
            return;
        }
        List<String> required = new ArrayList<>(m.headers("Require"));
        if (!"ACK".equals(method) && !"CANCEL".equals(method) && !required.isEmpty()) {
            transport.send(reply(m, 420, "Bad Extension").add("Unsupported", String.join(", ", required)), from);
            return;
        }
        String toTag = m.to().tag();
        switch (method) {
            case "REGISTER" -> transport.send(registrar.register(m, from), from);
            case "CANCEL" -> cancel(m, from);
            case "OPTIONS" -> {
                if (toTag != null || topRouteIsUs(m)) {
                    inDialog(m, from);
                } else {
                    transport.send(reply(m, 200, "OK").add("Allow", ALLOW).add("Accept", "application/sdp"), from);
                }
            }
            case "ACK" -> ack(m, from);
            case "INVITE" -> {
                if (toTag != null) {
                    inDialog(m, from);
                } else {
                    invite(m, from);
                }
            }
            default -> {
                if (toTag != null && IN_DIALOG.contains(method)) {
                    inDialog(m, from);
                } else {
                    transport.send(reply(m, 405, "Method Not Allowed").add("Allow", ALLOW), from);
                }
            }
        }
    }

    /** 400 for a request missing what every request needs; 483 once Max-Forwards is used up. */
    private SipMessage malformed(SipMessage m) {
        Via via = m.topVia();
        if (via == null || via.branch() == null) {
            return null == m.header("Via").orElse(null) ? null : reply(m, 400, "Bad Via");
        }
        if (m.from() == null || m.from().sipUri() == null) {
            return reply(m, 400, "Bad From");
        }
        if (m.to() == null || m.to().sipUri() == null) {
            return reply(m, 400, "Bad To");
        }
        if (m.callId() == null || m.callId().isBlank() || m.callId().length() > 200) {
            return reply(m, 400, "Bad Call-ID");
        }
        SipMessage.CSeq cseq = m.cseq();
        if (cseq == null || !cseq.method().equals(m.method())) {
            return reply(m, 400, "Bad CSeq");
        }
        if (SipUri.parse(m.requestUri()) == null) {
            return reply(m, 416, "Unsupported URI Scheme");
        }
        String mf = m.headerOrNull("Max-Forwards");
        if (mf != null) {
            int n = Registrar.intOr(mf, -1);
            if (n < 0 || n > 255) {
                return reply(m, 400, "Bad Max-Forwards");
            }
            if (n == 0 && !"REGISTER".equals(m.method()) && !"OPTIONS".equals(m.method())) {
                return reply(m, 483, "Too Many Hops");
            }
        }
        return null;
    }

    // ---- new calls -------------------------------------------------------------------------------

    private void invite(SipMessage m, Flow from) {
        Call existing = calls.get(m.callId());
        String branch = m.topVia().branch();
        if (existing != null && branch.equals(existing.callerBranch)) {
            synchronized (existing) { // a retransmission: say again what was said last
                transport.send(existing.lastToCaller != null ? existing.lastToCaller : reply(m, 100, "Trying"), from);
            }
            return;
        }
        SipMessage earlier = recentFinals.get(m.callId() + "|" + branch);
        if (earlier != null) {
            transport.send(earlier, from);
            return;
        }
        if (fromCarrier(from)) {
            inboundFromCarrier(m, from);
            return;
        }
        SipUri ruri = SipUri.parse(m.requestUri());
        SipUri fromUri = m.from().sipUri();
        Tenant tenant = tenants.ofDomain(ruri.host()).or(() -> isUs(ruri) ? tenants.ofDomain(fromUri.host())
                : java.util.Optional.empty()).orElse(null);
        if (tenant == null) {
            finalReply(m, from, reply(m, 404, "Not Found").add("Warning", "399 - \"Domain not served here\""));
            return;
        }
        Outcome outcome = auth.authenticate(m, tenant, true);
        if (!outcome.authenticated()) {
            transport.send(outcome.challenge(), from);
            return;
        }
        String caller = outcome.device().device().extension();
        transport.send(reply(m, 100, "Trying"), from);
        String dialled = ruri.user();
        Route route = CallRouting.route(dialled, tenant.country(), tenant.deactivated(),
                ext -> devices.extensionHasDevices(tenant.id(), ext), settings.carrier().configured());
        switch (route.kind()) {
            case NOT_FOUND -> {
                finalReply(m, from, reply(m, 404, "Not Found"));
                return;
            }
            case DEACTIVATED -> {
                finalReply(m, from, reply(m, 403, "Phone System Deactivated").add("Warning", "399 " + tenant.domain()
                        + " \"This phone system is deactivated: only emergency calls go out\""));
                return;
            }
            case NO_TRUNK -> {
                finalReply(m, from, reply(m, 503, "No Trunk").add("Retry-After", "60").add("Warning", "399 "
                        + tenant.domain() + " \"No carrier trunk is configured for calls to the public network\""));
                return;
            }
            default -> {
            }
        }
        Instant now = clock.instant();
        boolean internal = route.kind() == CallRouting.Kind.INTERNAL;
        if (route.kind() == CallRouting.Kind.EXTERNAL) {
            UUID device = outcome.device().device().id();
            var refusal = TollFraudPolicy.check(route.target(), tenant.country(), guards, recentCalls(device, now),
                    callLog.liveOutbound(tenant.id()));
            if (refusal.isPresent()) {
                callLog.refused(new CallRow(tenant.id(), m.callId(), tenant.customerId(), caller, caller, route.target(),
                        Direction.OUTBOUND, CallRecord.PLATFORM_TRUNK, false, now, null, null, null, null), now,
                        refusal.get().code());
                finalReply(m, from, reply(m, 403, "Forbidden").add("Warning", "399 " + tenant.domain() + " \""
                        + refusal.get().sentence() + "\""));
                return;
            }
            countCall(device, now);
        }
        Decision decision;
        try {
            decision = licences.report(tenant.id(), new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, caller,
                    m.callId(), route.target(), now));
        } catch (RuntimeException e) {
            log.warn("licence engine unavailable for call {}: {}", m.callId(), e.getMessage());
            if (route.kind() != CallRouting.Kind.EMERGENCY) {
                finalReply(m, from, reply(m, 503, "Service Unavailable").add("Retry-After", "5"));
                return;
            }
            decision = null; // an emergency call goes out even when the licence cannot be asked
        }
        if (decision != null && !decision.admitted()) {
            finalReply(m, from, reply(m, 403, LICENCE_WARNING).add("Warning", "399 " + tenant.domain() + " \""
                    + LICENCE_WARNING + ": " + decision.reason() + "\""));
            return;
        }
        CallRow row = new CallRow(tenant.id(), m.callId(), tenant.customerId(), caller, caller, route.target(),
                internal ? Direction.INTERNAL : Direction.OUTBOUND, internal ? "internal" : CallRecord.PLATFORM_TRUNK,
                decision != null, now, null, null, null, null);
        Call call = new Call(m.callId(), tenant, m, from, row);
        call.lastToCaller = reply(m, 100, "Trying");
        calls.put(call.callId, call);
        callLog.started(row);
        if (internal) {
            List<Reachable> targets = bindings.ofExtension(tenant.id(), route.target(), now);
            if (targets.isEmpty()) {
                failCall(call, reply(m, 480, "Temporarily Unavailable"), "NOT_REGISTERED");
                return;
            }
            synchronized (call) {
                for (Reachable r : targets) {
                    Flow target = Flow.parse(r.binding().flow());
                    fork(call, r.binding().contact(), target);
                }
            }
        } else {
            synchronized (call) {
                fork(call, carrierUri(route.target()), carrierFlow());
            }
        }
        call.noAnswer = timers.schedule(() -> noAnswer(call), settings.noAnswerTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A call from the carrier to an instance: never refused for the licence, reported as INBOUND_CALL. */
    private void inboundFromCarrier(SipMessage m, Flow from) {
        SipUri ruri = SipUri.parse(m.requestUri());
        InboundRouter.Target target = inbound.target(ruri).orElse(null);
        if (target == null) {
            finalReply(m, from, reply(m, 404, "Not Found"));
            return;
        }
        Tenant tenant = target.tenant();
        transport.send(reply(m, 100, "Trying"), from);
        Instant now = clock.instant();
        String caller = m.from().sipUri().user() == null ? "anonymous" : m.from().sipUri().user();
        try {
            licences.report(tenant.id(), new LicenceEvent(EventType.INBOUND_CALL, target.extensions().get(0),
                    m.callId(), caller, now));
        } catch (RuntimeException e) {
            log.debug("inbound call {} not reported: {}", m.callId(), e.getMessage()); // never refused for it
        }
        CallRow row = new CallRow(tenant.id(), m.callId(), tenant.customerId(), target.extensions().get(0), caller,
                target.number(), Direction.INBOUND, CallRecord.PLATFORM_TRUNK, false, now, null, null, null, null);
        Call call = new Call(m.callId(), tenant, m, from, row);
        call.lastToCaller = reply(m, 100, "Trying");
        calls.put(call.callId, call);
        callLog.started(row);
        synchronized (call) {
            for (String extension : target.extensions()) {
                for (Reachable r : bindings.ofExtension(tenant.id(), extension, now)) {
                    fork(call, r.binding().contact(), Flow.parse(r.binding().flow()));
                }
            }
            if (call.branches.isEmpty()) {
                failCall(call, reply(m, 480, "Temporarily Unavailable"), "NOT_REGISTERED");
                return;
            }
        }
        call.noAnswer = timers.schedule(() -> noAnswer(call), settings.noAnswerTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void fork(Call call, String requestUri, Flow target) {
        fork(call, requestUri, target, null, null);
    }

    private void fork(Call call, String requestUri, Flow target, String authHeader, String credentials) {
        SipMessage f = call.invite.withRequestUri(requestUri);
        removeOurRoute(f);
        f.remove("Proxy-Authorization");
        f.set("Max-Forwards", String.valueOf(Registrar.intOr(call.invite.headerOrNull("Max-Forwards"), 70) - 1));
        stampReceived(f, call.callerFlow);
        String branch = newBranch();
        f.addFirst("Via", Via.of(target.transport().name(), transport.advertisedHost(), transport.port(), branch));
        if (target.transport() != call.callerFlow.transport()) {
            f.addFirst("Record-Route", recordRoute(call.callerFlow.transport()));
        }
        f.addFirst("Record-Route", recordRoute(target.transport()));
        if (call.cseqShift > 0) {
            SipMessage.CSeq c = f.cseq();
            f.set("CSeq", (c.number() + call.cseqShift) + " INVITE");
        }
        if (authHeader != null) {
            f.set(authHeader, credentials);
        }
        Branch b = new Branch(branch, target, f);
        call.branches.put(branch, b);
        byBranch.put(branch, call);
        transport.send(f, target);
        if (target.transport() == Transport.UDP) {
            retransmit(call, b, 500);
        }
    }

    private void retransmit(Call call, Branch b, long delay) {
        b.retransmit = timers.schedule(() -> {
            synchronized (call) {
                if (b.status != 0 || call.ended && !call.cancelled) {
                    return;
                }
                if (delay >= 16_000) { // Timer B: no answer from this branch at all
                    b.status = 408;
                    branchFinished(call, b, reply(call.invite, 408, "Request Timeout"));
                    return;
                }
                transport.send(b.request, b.target);
                retransmit(call, b, Math.min(delay * 2, 16_000));
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    // ---- responses -------------------------------------------------------------------------------

    private void onResponse(SipMessage r) {
        Via top = r.topVia();
        if (top == null || !isUs(top.host(), top.port())) {
            return;
        }
        Call call = byBranch.get(top.branch());
        if (call == null) {
            forwardStateless(r);
            return;
        }
        String method = r.cseqMethod();
        if ("CANCEL".equals(method)) {
            return;
        }
        if (!"INVITE".equals(method)) {
            forwardStateless(r);
            return;
        }
        synchronized (call) {
            Branch b = call.branches.get(top.branch());
            if (b == null) {
                return;
            }
            int status = r.status();
            if (b.retransmit != null) {
                b.retransmit.cancel(false);
            }
            if (status < 200) {
                if (b.status == 0 || b.status < 200) {
                    b.status = Math.max(b.status, status);
                }
                if (b.cancelSent || call.cancelled) {
                    sendCancel(b);
                }
                if (status > 100 && !call.finalSent) {
                    toCaller(call, r);
                }
                return;
            }
            if (status < 300) {
                boolean first = call.winner == null;
                b.status = status;
                if (first && !call.finalSent) {
                    call.winner = b;
                    call.finalSent = true;
                    if (call.noAnswer != null) {
                        call.noAnswer.cancel(false);
                    }
                    Instant at = clock.instant();
                    callLog.answered(call.tenant.id(), call.callId, at);
                    for (Branch other : call.branches.values()) {
                        if (other != b && other.status < 200) {
                            sendCancel(other);
                        }
                    }
                }
                if (call.winner == b || call.winner == null) {
                    toCaller(call, r); // every 2xx of the winner, retransmissions too, goes to the caller
                }
                if (call.ended && call.winner == b) {
                    // the caller cancelled or the call timed out while this 2xx was under way: hang it up
                    byeToCallee(call, r);
                }
                return;
            }
            if (b.status >= 200) {
                ackBranch(b, r); // a retransmitted final: ACK again
                return;
            }
            b.status = status;
            ackBranch(b, r);
            if ((status == 401 || status == 407) && call.row.trunk().equals(CallRecord.PLATFORM_TRUNK)
                    && b.target.equals(carrierFlow()) && call.authAttempts == 0 && settings.carrier().username() != null && !settings.carrier().username().isBlank()
                    && !call.cancelled && !call.finalSent) {
                call.authAttempts++;
                authenticateToCarrier(call, b, r);
                return;
            }
            branchFinished(call, b, r);
        }
    }

    /** Called with the call's lock held, when a branch has its final non-2xx answer. */
    private void branchFinished(Call call, Branch b, SipMessage response) {
        if (call.branches.values().stream().anyMatch(x -> x.status < 200) || call.finalSent) {
            if (call.finalSent && call.winner == null && call.branches.values().stream().allMatch(x -> x.status >= 200)) {
                cleanUpLater(call);
            }
            return;
        }
        SipMessage best = response;
        int bestStatus = response.status();
        for (Branch x : call.branches.values()) {
            if (x.status >= 600) {
                bestStatus = x.status;
            }
        }
        if (bestStatus != response.status()) {
            best = reply(call.invite, bestStatus, bestStatus == 603 ? "Decline" : "Busy Everywhere");
        } else {
            best = response.copy().removeFirst("Via");
            restoreCSeq(call, best);
        }
        int status = best.status();
        String reason = call.cancelled ? "CANCELLED" : status == 486 || status == 600 ? "BUSY"
                : status == 603 ? "DECLINED" : status == 404 || status == 604 ? "NOT_FOUND"
                        : status == 408 || status == 480 ? "NO_ANSWER" : "FAILED_" + status;
        call.finalSent = true;
        call.lastToCaller = best;
        transport.send(best, call.callerFlow);
        rememberFinal(call.invite, best);
        end(call, reason);
        cleanUpLater(call);
    }

    private void toCaller(Call call, SipMessage r) {
        SipMessage f = r.copy().removeFirst("Via");
        restoreCSeq(call, f);
        call.lastToCaller = f;
        transport.send(f, call.callerFlow);
        if (r.status() >= 200) {
            rememberFinal(call.invite, f);
        }
    }

    private void forwardStateless(SipMessage r) {
        SipMessage f = r.copy().removeFirst("Via");
        Via next = f.topVia();
        if (next == null) {
            return;
        }
        Call call = calls.get(r.callId());
        if (call != null) {
            synchronized (call) {
                restoreCSeq(call, f);
            }
        }
        transport.send(f, flowOf(next));
    }

    // ---- cancel, no answer, ack, in-dialog -------------------------------------------------------

    private void cancel(SipMessage m, Flow from) {
        Call call = calls.get(m.callId());
        if (call == null || !m.topVia().branch().equals(call.callerBranch)) {
            transport.send(reply(m, 481, "Call/Transaction Does Not Exist"), from);
            return;
        }
        transport.send(reply(m, 200, "OK"), from);
        synchronized (call) {
            if (call.finalSent) {
                return; // answered already: the caller sends BYE instead
            }
            call.cancelled = true;
            if (call.noAnswer != null) {
                call.noAnswer.cancel(false);
            }
            call.branches.values().stream().filter(b -> b.status < 200).forEach(this::sendCancel);
            end(call, "CANCELLED");
            // the callee's 487 comes back and is relayed; if a branch is silent, the caller hears it anyway
            timers.schedule(() -> {
                synchronized (call) {
                    if (!call.finalSent) {
                        call.finalSent = true;
                        SipMessage r = reply(call.invite, 487, "Request Terminated");
                        call.lastToCaller = r;
                        transport.send(r, call.callerFlow);
                        rememberFinal(call.invite, r);
                        cleanUpLater(call);
                    }
                }
            }, 4, TimeUnit.SECONDS);
        }
    }

    private void noAnswer(Call call) {
        synchronized (call) {
            if (call.finalSent || call.ended) {
                return;
            }
            call.finalSent = true;
            call.cancelled = true;
            call.branches.values().stream().filter(b -> b.status < 200).forEach(this::sendCancel);
            SipMessage r = reply(call.invite, 480, "No Answer");
            call.lastToCaller = r;
            transport.send(r, call.callerFlow);
            rememberFinal(call.invite, r);
            end(call, "NO_ANSWER");
            cleanUpLater(call);
        }
    }

    private void ack(SipMessage m, Flow from) {
        Call call = calls.get(m.callId());
        String branch = m.topVia().branch();
        if (call != null && branch.equals(call.callerBranch)) {
            return; // the ACK of a final error response: ends the INVITE here
        }
        if (recentFinals.containsKey(m.callId() + "|" + branch)) {
            return;
        }
        if (topRouteIsUs(m) || m.to().tag() != null && call != null) {
            inDialog(m, from);
        }
    }

    private void inDialog(SipMessage m, Flow from) {
        if (!topRouteIsUs(m) && !isUs(SipUri.parse(m.requestUri()))) {
            // a request inside a dialog that did not record our route: not ours to relay
            if (!"ACK".equals(m.method())) {
                transport.send(reply(m, 403, "Forbidden").add("Warning", "399 - \"Not a dialog of this proxy\""), from);
            }
            return;
        }
        Call call = calls.get(m.callId());
        SipMessage f = m.copy();
        removeOurRoute(f);
        f.set("Max-Forwards", String.valueOf(Registrar.intOr(m.headerOrNull("Max-Forwards"), 70) - 1));
        Flow target;
        boolean fromCaller = call != null && call.callerTag != null && call.callerTag.equals(m.from().tag());
        if (call != null) {
            synchronized (call) {
                target = fromCaller ? call.calleeFlow() : call.callerFlow;
                if (fromCaller && call.cseqShift > 0) {
                    f.set("CSeq", (m.cseq().number() + call.cseqShift) + " " + m.method());
                }
            }
        } else {
            target = null;
        }
        if (target == null) {
            List<String> routes = f.headers("Route");
            SipUri next = routes.isEmpty() ? SipUri.parse(f.requestUri()) : NameAddress.parse(routes.get(0)).sipUri();
            if (next == null || isUs(next)) {
                if (!"ACK".equals(m.method())) {
                    transport.send(reply(m, 404, "Not Found"), from);
                }
                return;
            }
            target = flowOfUri(next);
        }
        stampReceived(f, from);
        f.addFirst("Via", Via.of(target.transport().name(), transport.advertisedHost(), transport.port(),
                Via.MAGIC + "-sb" + Integer.toHexString((m.topVia().branch() + m.method()).hashCode())));
        transport.send(f, target);
        if ("BYE".equals(m.method())) {
            if (call != null) {
                synchronized (call) {
                    end(call, fromCaller ? "BYE_CALLER" : "BYE_CALLEE");
                    cleanUpLater(call);
                }
            } else {
                callLog.live(m.callId()).ifPresent(row -> endRow(row, "BYE"));
            }
        }
    }

    // ---- carrier ---------------------------------------------------------------------------------

    private boolean fromCarrier(Flow from) {
        InetSocketAddress c = carrierAddress();
        return c != null && c.getAddress() != null && c.getAddress().equals(from.remote().getAddress())
                && c.getPort() == from.remote().getPort();
    }

    private InetSocketAddress carrierAddress() {
        if (!settings.carrier().configured()) {
            return null;
        }
        InetSocketAddress c = carrier;
        if (c == null) {
            String a = settings.carrier().address().trim();
            int colon = a.lastIndexOf(':');
            String host = colon > 0 ? a.substring(0, colon) : a;
            int port = colon > 0 ? Integer.parseInt(a.substring(colon + 1)) : 5060;
            try {
                c = new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                log.warn("carrier {} cannot be resolved", a);
                return null;
            }
            carrier = c;
        }
        return c;
    }

    private Flow carrierFlow() {
        InetSocketAddress c = carrierAddress();
        return c == null ? null : new Flow(Transport.of(settings.carrier().transport()), c);
    }

    private String carrierUri(String number) {
        InetSocketAddress c = carrierAddress();
        return "sip:" + number + "@" + c.getAddress().getHostAddress() + ":" + c.getPort()
                + ("tcp".equalsIgnoreCase(settings.carrier().transport()) ? ";transport=tcp" : "");
    }

    /** The carrier asked who we are: the same INVITE again, with our credentials and the next CSeq. */
    private void authenticateToCarrier(Call call, Branch b, SipMessage challenge) {
        String header = challenge.status() == 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
        Map<String, String> p = null;
        Digest.Algorithm algorithm = null;
        for (String value : challenge.headers(header)) {
            Map<String, String> candidate = Digest.params(value);
            Digest.Algorithm a = Digest.Algorithm.of(candidate.get("algorithm"));
            if (a != null && (algorithm == null || a == Digest.Algorithm.SHA_256)) {
                p = candidate;
                algorithm = a;
            }
        }
        if (p == null || p.get("nonce") == null) {
            branchFinished(call, b, challenge);
            return;
        }
        call.cseqShift = 1;
        call.branches.remove(b.id);
        String user = settings.carrier().username();
        String realm = p.getOrDefault("realm", "");
        String uri = b.request.requestUri();
        String cnonce = newBranch().substring(Via.MAGIC.length());
        String qop = p.get("qop") != null && p.get("qop").contains("auth") ? "auth" : null;
        String ha1 = Digest.ha1(algorithm, user, realm, settings.carrier().password());
        String response = qop == null
                ? Digest.hash(algorithm, ha1 + ":" + p.get("nonce") + ":" + Digest.hash(algorithm, "INVITE:" + uri))
                : Digest.response(algorithm, ha1, p.get("nonce"), "00000001", cnonce, qop, "INVITE", uri);
        String credentials = "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + p.get("nonce")
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm.token
                + (qop == null ? "" : ", qop=auth, nc=00000001, cnonce=\"" + cnonce + "\"")
                + (p.get("opaque") != null ? ", opaque=\"" + p.get("opaque") + "\"" : "");
        fork(call, uri, b.target, challenge.status() == 407 ? "Proxy-Authorization" : "Authorization", credentials);
    }

    // ---- the end of a call -----------------------------------------------------------------------

    /** Ends a call once: its row ended (its record pending) and its licence given back. Lock held. */
    private void end(Call call, String reason) {
        if (call.ended) {
            return;
        }
        call.ended = true;
        if (call.noAnswer != null) {
            call.noAnswer.cancel(false);
        }
        Instant at = clock.instant();
        if (callLog.ended(call.tenant.id(), call.callId, at, reason) && call.row.licenceHeld()) {
            release(call.tenant.id(), call.row.subject(), call.callId, at);
        }
    }

    /** Ends a call this node does not hold in memory (set up on another node, or before a restart). */
    void endRow(CallRow row, String reason) {
        Instant at = clock.instant();
        if (callLog.ended(row.instanceId(), row.callId(), at, reason) && row.licenceHeld()) {
            release(row.instanceId(), row.subject(), row.callId(), at);
        }
    }

    private void release(org.switchboard.instances.InstanceId instance, String subject, String callId, Instant at) {
        try {
            licences.report(instance, new LicenceEvent(EventType.CALL_ENDED, subject, callId, null, at));
        } catch (RuntimeException e) {
            log.warn("the end of call {} was not reported; the licence engine's call timeout releases it: {}", callId,
                    e.getMessage());
        }
    }

    /** The call's final answer went to the caller: the call failed; its row ended. */
    private void failCall(Call call, SipMessage response, String reason) {
        synchronized (call) {
            call.finalSent = true;
            call.lastToCaller = response;
            transport.send(response, call.callerFlow);
            rememberFinal(call.invite, response);
            end(call, reason);
            cleanUpLater(call);
        }
    }

    private void cleanUpLater(Call call) {
        timers.schedule(() -> {
            calls.remove(call.callId, call);
            call.branches.keySet().forEach(byBranch::remove);
        }, call.winner != null ? 0 : 8, TimeUnit.SECONDS);
        if (call.winner != null) {
            calls.remove(call.callId, call);
            timers.schedule(() -> call.branches.keySet().forEach(byBranch::remove), 8, TimeUnit.SECONDS);
        }
    }

    /** Calls live longer than the longest call allowed, here or on a node that is gone, end as timed out. */
    void endOverdue() {
        Instant before = clock.instant().minus(settings.maxCallDuration());
        for (CallRow row : callLog.liveSince(before, 200)) {
            Call call = calls.get(row.callId());
            if (call != null) {
                synchronized (call) {
                    end(call, "TIMEOUT");
                    calls.remove(call.callId, call);
                }
            } else {
                endRow(row, "TIMEOUT");
            }
        }
    }

    private void byeToCallee(Call call, SipMessage ok) {
        Branch b = call.winner;
        SipMessage bye = SipMessage.request("BYE", contactOf(ok, b.request.requestUri()));
        bye.add("Via", Via.of(b.target.transport().name(), transport.advertisedHost(), transport.port(), newBranch()));
        bye.add("Max-Forwards", "70");
        bye.add("From", b.request.headerOrNull("From"));
        bye.add("To", ok.headerOrNull("To"));
        bye.add("Call-ID", call.callId);
        bye.add("CSeq", (b.request.cseq().number() + 1) + " BYE");
        transport.send(bye, b.target);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private void sendCancel(Branch b) {
        b.cancelSent = true;
        if (b.status == 0) {
            return; // RFC 3261 9.1: CANCEL only once a provisional response came; sent then
        }
        SipMessage c = SipMessage.request("CANCEL", b.request.requestUri());
        c.add("Via", b.request.headerOrNull("Via"));
        b.request.headers("Route").forEach(r -> c.add("Route", r));
        c.add("Max-Forwards", "70");
        c.add("From", b.request.headerOrNull("From"));
        c.add("To", b.request.headerOrNull("To"));
        c.add("Call-ID", b.request.callId());
        c.add("CSeq", b.request.cseq().number() + " CANCEL");
        transport.send(c, b.target);
    }

    private void ackBranch(Branch b, SipMessage response) {
        SipMessage a = SipMessage.request("ACK", b.request.requestUri());
        a.add("Via", b.request.headerOrNull("Via"));
        b.request.headers("Route").forEach(r -> a.add("Route", r));
        a.add("Max-Forwards", "70");
        a.add("From", b.request.headerOrNull("From"));
        a.add("To", response.headerOrNull("To"));
        a.add("Call-ID", b.request.callId());
        a.add("CSeq", b.request.cseq().number() + " ACK");
        transport.send(a, b.target);
    }

    /** Responses to the caller's requests go back with the caller's own CSeq (see carrier authentication). */
    private static void restoreCSeq(Call call, SipMessage response) {
        if (call.cseqShift > 0) {
            SipMessage.CSeq c = response.cseq();
            NameAddress from = response.from();
            if (c != null && from != null && call.callerTag != null && call.callerTag.equals(from.tag())) {
                response.set("CSeq", (c.number() - call.cseqShift) + " " + c.method());
            }
        }
    }

    private void rememberFinal(SipMessage invite, SipMessage response) {
        recentFinals.put(invite.callId() + "|" + invite.topVia().branch(), response);
    }

    private void finalReply(SipMessage request, Flow from, SipMessage response) {
        transport.send(response, from);
        rememberFinal(request, response);
    }

    /** A response of our own to {@code request}, with a To tag when it is final and none was there. */
    static SipMessage reply(SipMessage request, int status, String reason) {
        SipMessage r = SipMessage.responseTo(request, status, reason);
        if (status > 100) {
            String to = r.headerOrNull("To");
            if (to != null && NameAddress.parse(to) != null && NameAddress.parse(to).tag() == null) {
                r.set("To", to + ";tag=" + tagFor(request));
            }
        }
        r.add("Server", "Switchboard");
        return r;
    }

    private static String tagFor(SipMessage request) {
        // the same tag for retransmissions of the same request
        return Integer.toHexString((request.callId() + request.headerOrNull("CSeq")).hashCode());
    }

    private static String newBranch() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return Via.MAGIC + "-sb" + HexFormat.of().formatHex(b);
    }

    private String recordRoute(Transport t) {
        return "<sip:" + transport.advertisedHost() + ":" + transport.port(t) + ";transport="
                + t.name().toLowerCase(Locale.ROOT) + ";lr>";
    }

    private boolean topRouteIsUs(SipMessage m) {
        return m.header("Route").map(NameAddress::parse).map(NameAddress::sipUri).map(this::isUs).orElse(false);
    }

    /** Takes our own entries off the top of the route set (two when a call crosses from UDP to TCP). */
    private void removeOurRoute(SipMessage f) {
        while (topRouteIsUs(f)) {
            f.removeFirst("Route");
        }
    }

    private boolean isUs(SipUri uri) {
        return uri != null && uri.user() == null ? isUs(uri.host(), uri.port())
                : uri != null && isUs(uri.host(), uri.port()) && uri.host().equals(transport.advertisedHost());
    }

    private boolean isUs(String host, int port) {
        int p = port == 0 ? 5060 : port;
        return (p == transport.port() || p == transport.port(Transport.TLS)) && (host.equals(transport.advertisedHost())
                || host.equals("127.0.0.1") && transport.advertisedHost().equals("localhost"));
    }

    /** The requester's Via gets received and rport, so responses find it back through NAT and over TCP. */
    private static void stampReceived(SipMessage f, Flow from) {
        String via = f.headerOrNull("Via");
        String stripped = via.replaceAll(";\\s*(received|rport)(=[^;]*)?", "");
        f.replaceFirst("Via", stripped + ";received=" + from.host() + ";rport=" + from.port());
    }

    private static Flow flowOf(Via via) {
        return new Flow(Transport.of(via.transport()), new InetSocketAddress(via.responseHost(), via.responsePort()));
    }

    private static Flow flowOfUri(SipUri uri) {
        return new Flow(Transport.of(uri.transport()), new InetSocketAddress(uri.host(), uri.portOrDefault()));
    }

    private static String contactOf(SipMessage m, String otherwise) {
        return m.header("Contact").map(NameAddress::parse).map(NameAddress::uri).orElse(otherwise);
    }

    /** Live calls of this node, for the pages. */
    int liveCalls() {
        return calls.size();
    }
}
