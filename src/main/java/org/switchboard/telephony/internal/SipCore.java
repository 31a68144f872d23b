package org.switchboard.telephony.internal;

import java.util.List;
import java.util.Set;

import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipTransport;
import org.switchboard.telephony.sip.Via;

/**
 * The SIP core's front door: every message the transport receives comes here and goes to the part
 * that handles it. The core is a registrar ({@link Registrar}) and a stateful forking proxy that
 * records its route (RFC 3261 16): new calls ({@link CallSetup}), requests inside a call's dialog
 * ({@link InDialogRelay}), CANCEL ({@link CallCancellation}), responses ({@link ResponseRelay}).
 * What is malformed is answered here (400, 416, 420, 483, 501, 405), and SIP scanners' requests
 * refused (403).
 */
public final class SipCore implements SipTransport.Handler {

    private static final Set<String> KNOWN = Set.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "REGISTER", "UPDATE",
            "INFO", "NOTIFY", "REFER", "PRACK", "SUBSCRIBE", "MESSAGE", "PUBLISH");
    private static final Set<String> IN_DIALOG = Set.of("BYE", "INVITE", "UPDATE", "INFO", "NOTIFY", "REFER", "PRACK",
            "ACK");

    private final SipTransport transport;
    private final Registrar registrar;
    private final CallSetup setup;
    private final InDialogRelay dialogs;
    private final CallCancellation cancellation;
    private final ResponseRelay responses;
    private final ScannerAgents scanners;
    private final TrunkRegistrations trunks;

    SipCore(SipTransport transport, Registrar registrar, CallSetup setup, InDialogRelay dialogs,
            CallCancellation cancellation, ResponseRelay responses, ScannerAgents scanners,
            TrunkRegistrations trunks) {
        this.scanners = scanners;
        this.trunks = trunks;
        this.transport = transport;
        this.registrar = registrar;
        this.setup = setup;
        this.dialogs = dialogs;
        this.cancellation = cancellation;
        this.responses = responses;
    }

    @Override
    public void received(SipMessage m, Flow from) {
        if (!m.isRequest()) {
            if (!trunks.onResponse(m)) {
                responses.onResponse(m);
            }
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
        if (scanners.isScanner(m.headerOrNull("User-Agent"))) {
            if (!"ACK".equals(method)) { // a SIP scanner: refused whatever it asks
                transport.send(SipReplies.reply(m, 403, "Forbidden").add("Warning",
                        "399 - \"Scanners are not served here\""), from);
            }
            return;
        }
        if (!KNOWN.contains(method)) {
            transport.send(SipReplies.reply(m, 501, "Not Implemented").add("Allow", SipReplies.ALLOW), from);
            return;
        }
        if (!"ACK".equals(method) && !"CANCEL".equals(method) && m.headerOrNull("Require") != null) {
            List<String> required = m.headers("Require");
            transport.send(SipReplies.reply(m, 420, "Bad Extension").add("Unsupported", String.join(", ", required)),
                    from);
            return;
        }
        String toTag = m.to().tag();
        switch (method) {
            case "REGISTER" -> transport.send(registrar.register(m, from), from);
            case "CANCEL" -> cancellation.cancel(m, from);
            case "OPTIONS" -> dialogs.options(m, from);
            case "ACK" -> dialogs.ack(m, from);
            case "INVITE" -> {
                if (toTag != null) {
                    dialogs.relay(m, from);
                } else {
                    setup.invite(m, from);
                }
            }
            default -> {
                if (toTag != null && IN_DIALOG.contains(method)) {
                    dialogs.relay(m, from);
                } else {
                    transport.send(SipReplies.reply(m, 405, "Method Not Allowed").add("Allow", SipReplies.ALLOW),
                            from);
                }
            }
        }
    }

    /** 400 for a request missing what every request needs; 483 once Max-Forwards is used up. */
    private static SipMessage malformed(SipMessage m) {
        Via via = m.topVia();
        if (via == null || via.branch() == null) {
            return null == m.header("Via").orElse(null) ? null : SipReplies.reply(m, 400, "Bad Via");
        }
        if (m.from() == null || m.from().sipUri() == null) {
            return SipReplies.reply(m, 400, "Bad From");
        }
        if (m.to() == null || m.to().sipUri() == null) {
            return SipReplies.reply(m, 400, "Bad To");
        }
        if (m.callId() == null || m.callId().isBlank() || m.callId().length() > 200) {
            return SipReplies.reply(m, 400, "Bad Call-ID");
        }
        SipMessage.CSeq cseq = m.cseq();
        if (cseq == null || !cseq.method().equals(m.method())) {
            return SipReplies.reply(m, 400, "Bad CSeq");
        }
        if (m.requestSipUri() == null) {
            return SipReplies.reply(m, 416, "Unsupported URI Scheme");
        }
        String mf = m.headerOrNull("Max-Forwards");
        if (mf != null) {
            int n = Registrar.intOr(mf, -1);
            if (n < 0 || n > 255) {
                return SipReplies.reply(m, 400, "Bad Max-Forwards");
            }
            if (n == 0 && !"REGISTER".equals(m.method()) && !"OPTIONS".equals(m.method())) {
                return SipReplies.reply(m, 483, "Too Many Hops");
            }
        }
        return null;
    }
}
