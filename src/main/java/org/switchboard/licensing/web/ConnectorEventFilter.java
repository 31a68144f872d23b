package org.switchboard.licensing.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.UUID;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.switchboard.connector.Decision;
import org.switchboard.licensing.web.LicensingApi.DecisionView;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The short way of {@code POST /api/v1/instances/{id}/licence/events}: a phone system sends
 * thousands of these a second, and the general request handling (the security filter chain, the
 * observation filter, the MVC dispatch) cost more CPU than deciding and storing the event. This
 * filter comes first and answers an event whose key, body and subject are fine with the same
 * {@link LicensingApi#receive} the MVC endpoint uses: the key is checked there, so the security
 * chain has nothing to add (the connector chain lets these requests through unauthenticated).
 *
 * <p>Whatever the short way does not answer with 200 (a bad key, bad input, an unknown subject, a
 * body without a length or too large, an engine that cannot answer) goes on, with the body it
 * read, the regular way, which answers it as problem+json like every other API error. Nothing is
 * stored for such a request, so handling it twice changes nothing; events are idempotent anyway.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorEventFilter implements Filter {

    private static final String PREFIX = "/api/v1/instances/";
    private static final String SUFFIX = "/licence/events";

    private final LicensingApi api;
    private final JsonMapper json = JsonMapper.builder().build();

    ConnectorEventFilter(LicensingApi api) {
        this.api = api;
    }

    @Bean
    FilterRegistrationBean<ConnectorEventFilter> connectorEventFilterRegistration() {
        FilterRegistrationBean<ConnectorEventFilter> registration = new FilterRegistrationBean<>(this);
        registration.addUrlPatterns(PREFIX + "*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("connectorEvents");
        return registration;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        UUID instance = eventRequestOf(request);
        if (instance == null) {
            chain.doFilter(req, res);
            return;
        }
        byte[] body = LicensingApi.readEvent(request); // its length is known and within the limit: eventRequestOf
        Decision decision;
        try {
            decision = api.receive(instance, request.getHeader(HttpHeaders.AUTHORIZATION), body);
        } catch (RuntimeException e) {
            chain.doFilter(new ReadBody(request, body), res);
            return;
        }
        byte[] answer = json.writeValueAsBytes(DecisionView.of(decision));
        HttpServletResponse response = (HttpServletResponse) res;
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    /**
     * The instance of a connector event request this filter answers: a POST to the event path with a
     * Bearer key and a body of a known length within the limit; null for every other request.
     */
    static UUID eventRequestOf(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        long length = request.getContentLengthLong();
        if (length < 0 || length > LicensingApi.MAX_EVENT_BYTES) {
            return null;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String context = request.getContextPath();
        String path = request.getRequestURI();
        if (context != null && !context.isEmpty()) {
            if (!path.startsWith(context)) {
                return null;
            }
            path = path.substring(context.length());
        }
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() != PREFIX.length() + 36
                + SUFFIX.length()) {
            return null;
        }
        try {
            return UUID.fromString(path.substring(PREFIX.length(), PREFIX.length() + 36));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The request with the body this filter already read, for the regular way. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }
    }
}
