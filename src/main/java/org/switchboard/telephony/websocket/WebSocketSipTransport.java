package org.switchboard.telephony.websocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.switchboard.telephony.internal.Bindings;
import org.switchboard.telephony.sip.Flow;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipParser;
import org.switchboard.telephony.sip.SipParser.BadMessageException;
import org.switchboard.telephony.sip.SipTransport;

/**
 * SIP over WebSocket (RFC 7118), subprotocol {@code sip}: one SIP message per text frame, no
 * Content-Length needed. The socket was opened in a signed-in session, so each message it carries
 * is vouched for as the session's device (see {@link SipMessage#authenticatedUser()}); the
 * registrar asks it for no password. Its flow is the socket: when the socket closes, its
 * registrations end at once, which closes a desktop client's session (and frees its licence).
 */
public final class WebSocketSipTransport extends TextWebSocketHandler implements SipTransport, SubProtocolCapable {

    private static final Logger log = LoggerFactory.getLogger(WebSocketSipTransport.class);
    static final String DEVICE = "sip.device";
    private static final int SEND_TIME_LIMIT_MS = 5_000;
    private static final int BUFFER_LIMIT = 512 * 1024;

    private final Bindings bindings;
    private final Clock clock;
    private final Map<InetSocketAddress, WebSocketSession> sessions = new ConcurrentHashMap<>();
    private volatile Handler handler;

    public WebSocketSipTransport(Bindings bindings, Clock clock) {
        this.bindings = bindings;
        this.clock = clock;
    }

    @Override
    public List<String> getSubProtocols() {
        return List.of("sip");
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.setTextMessageSizeLimit(SipParser.MAX_MESSAGE);
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT);
        sessions.put(session.getRemoteAddress(), safe);
        log.debug("SIP WebSocket {} opened for {}", session.getRemoteAddress(), session.getAttributes().get(DEVICE));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage frame) {
        Handler h = handler;
        if (h == null) {
            close(session, CloseStatus.SERVICE_RESTARTED);
            return;
        }
        byte[] bytes = frame.getPayload().getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 4 && frame.getPayload().isBlank()) {
            return; // keep-alive (RFC 7118 does not define one; some clients send CRLF anyway)
        }
        Flow flow = flowOf(session);
        SipMessage m;
        try {
            m = SipParser.parseDatagram(bytes, bytes.length);
        } catch (BadMessageException e) {
            SipMessage partial = e.partial();
            if (partial != null && partial.isRequest() && !"ACK".equals(partial.method())
                    && partial.header("Via").isPresent() && partial.callId() != null) {
                send(SipMessage.responseTo(partial, 400, "Bad Request").add("Warning", "399 - \"" + e.getMessage()
                        + "\""), flow);
            }
            return;
        }
        if (m.isRequest()) {
            m.authenticatedUser((String) session.getAttributes().get(DEVICE));
        }
        try {
            h.received(m, flow);
        } catch (RuntimeException e) {
            log.warn("SIP {} over WebSocket from {} failed", m.isRequest() ? m.method() : m.status(), flow, e);
            if (m.isRequest() && !"ACK".equals(m.method())) {
                send(SipMessage.responseTo(m, 500, "Server Internal Error"), flow);
            }
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        InetSocketAddress remote = session.getRemoteAddress();
        if (remote != null) {
            sessions.remove(remote);
            // nothing reaches the client any more: its registrations over this socket end now
            int ended = bindings.expireFlow(flowOf(session).toString(), clock.instant());
            log.debug("SIP WebSocket {} closed ({}), {} registrations ended", remote, status, ended);
        }
    }

    @Override
    public void start(Handler h) {
        this.handler = h;
    }

    @Override
    public void send(SipMessage message, Flow to) {
        WebSocketSession s = sessions.get(to.remote());
        if (s == null || !s.isOpen()) {
            log.debug("no open SIP WebSocket {}", to);
            return;
        }
        try {
            s.sendMessage(new TextMessage(new String(message.encode(), StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            log.debug("cannot send to {}: {}", to, e.getMessage());
        }
    }

    @Override
    public String advertisedHost() {
        throw new UnsupportedOperationException("Via and Record-Route name the SIP port");
    }

    @Override
    public int port() {
        throw new UnsupportedOperationException("Via and Record-Route name the SIP port");
    }

    @Override
    public void stop() {
        handler = null;
        sessions.values().forEach(s -> close(s, CloseStatus.GOING_AWAY));
        sessions.clear();
    }

    /** Closes this node's sockets of a device ({@code sipUser@domain}): the device is gone. */
    public void close(String device) {
        sessions.values().stream().filter(s -> device.equals(s.getAttributes().get(DEVICE)))
                .forEach(s -> close(s, CloseStatus.POLICY_VIOLATION.withReason("device removed")));
    }

    /** Open SIP WebSockets on this node. */
    public int open() {
        return sessions.size();
    }

    private static Flow flowOf(WebSocketSession session) {
        boolean secure = session.getUri() != null && "wss".equalsIgnoreCase(session.getUri().getScheme())
                || Boolean.TRUE.equals(session.getAttributes().get(WebSocketSipConfiguration.SECURE));
        return new Flow(secure ? Flow.Transport.WSS : Flow.Transport.WS, session.getRemoteAddress());
    }

    private static void close(WebSocketSession s, CloseStatus status) {
        try {
            s.close(status);
        } catch (IOException e) {
            // closing anyway
        }
    }
}
