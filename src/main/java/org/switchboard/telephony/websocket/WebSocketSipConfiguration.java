package org.switchboard.telephony.websocket;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.SignedIn;
import org.switchboard.telephony.BrowserClients;
import org.switchboard.telephony.BrowserClients.BrowserDevice;
import org.switchboard.telephony.SipSettings;
import org.switchboard.telephony.internal.Bindings;
import org.switchboard.instances.InstanceDirectory;
import org.switchboard.telephony.sip.CombinedSipTransport;
import org.switchboard.telephony.sip.SipTransport;

/**
 * SIP over WebSocket at {@value #PATH} on the application's own port (and so with TLS, WSS, when
 * the application runs on TLS), behind the page login: the handshake needs a signed-in session
 * whose user has a browser device ({@link BrowserClients}); the socket is that device. Only pages
 * of this origin may open it (the default origin check of Spring's WebSocket support).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketSipConfiguration implements WebSocketConfigurer {

    static final String PATH = "/sip/ws";
    static final String SECURE = "sip.secure";

    private final ObjectProvider<WebSocketSipTransport> transport;
    private final ObjectProvider<BrowserClients> clients;
    private final ObjectProvider<InstanceDirectory> instances;
    private final SipSettings settings;

    WebSocketSipConfiguration(ObjectProvider<WebSocketSipTransport> transport, ObjectProvider<BrowserClients> clients,
            ObjectProvider<InstanceDirectory> instances, SipSettings settings) {
        this.transport = transport;
        this.clients = clients;
        this.instances = instances;
        this.settings = settings;
    }

    @Bean
    WebSocketSipTransport webSocketSipTransport(Bindings bindings, Clock clock) {
        return new WebSocketSipTransport(bindings, clock);
    }

    /** The SIP core's transport: the socket transport's UDP and TCP, and the WebSocket beside them. */
    @Bean
    @Primary
    SipTransport combinedSipTransport(@Qualifier("sipTransport") SipTransport sockets,
            WebSocketSipTransport webSockets) {
        return new CombinedSipTransport(sockets, webSockets);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(transport.getObject(), PATH).addInterceptors(new SignedInDevice());
    }

    /** Lets the handshake through only for a signed-in user with a browser device, and remembers the device. */
    private final class SignedInDevice implements HandshakeInterceptor {
        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                WebSocketHandler handler, Map<String, Object> attributes) {
            Optional<CurrentUser> user = SignedIn.user();
            BrowserClients c = clients.getIfAvailable();
            Optional<BrowserDevice> device = user.isEmpty() || c == null ? Optional.empty() : c.deviceOf(user.get());
            if (device.isEmpty()) {
                response.setStatusCode(user.isEmpty() ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN);
                return false;
            }
            Optional<String> domain = instances.getObject().find(device.get().instanceId())
                    .map(i -> settings.domainOf(i.subdomain().value()));
            if (domain.isEmpty()) {
                response.setStatusCode(HttpStatus.FORBIDDEN);
                return false;
            }
            attributes.put(WebSocketSipTransport.DEVICE, device.get().sipUser() + "@" + domain.get());
            attributes.put(SECURE, request instanceof ServletServerHttpRequest s && s.getServletRequest().isSecure());
            return true;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                Exception exception) {
        }
    }
}
