package org.switchboard.connector.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.switchboard.connector.BearerToken;
import org.switchboard.connector.ConnectorKeys.KeyRejectedException;
import org.switchboard.connector.Decision;
import org.switchboard.connector.EngineUnavailableException;
import org.switchboard.connector.web.ConnectorProblems.TooLargeException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.web.ApiProblems;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The short way of {@code POST /api/v1/instances/{id}/licence/events} with a connector key: a
 * phone system sends thousands of these a second, and the general request handling (the security
 * filter chain, the observation filter, the MVC dispatch) cost more CPU than deciding and storing
 * the event. This filter comes first and answers every such request itself with
 * {@link ConnectorApi#receive}, the code of the MVC endpoint: the key is checked there, so the
 * security chain has nothing to add. Its errors are answered here too, as the same problem+json
 * the API gives; a request is never handed on after the event was read, so an event is submitted
 * once per request whatever happens.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorEventFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(ConnectorEventFilter.class);
    private static final String PREFIX = "/api/v1/instances/";
    private static final String SUFFIX = "/licence/events";

    private final ConnectorApi api;
    private final ConnectorProblems problems = new ConnectorProblems();
    private final JsonMapper json = JsonMapper.builder().build();

    ConnectorEventFilter(ConnectorApi api) {
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
        HttpServletResponse response = (HttpServletResponse) res;
        UUID instance = eventRequestOf(request);
        if (instance == null) {
            chain.doFilter(req, res);
            return;
        }
        Decision decision;
        try {
            decision = api.receive(instance, request.getHeader(HttpHeaders.AUTHORIZATION),
                    ConnectorApi.readEvent(request));
        } catch (RuntimeException e) {
            write(problemOf(e), request, response);
            return;
        }
        byte[] answer = api.events().answer(decision);
        response.setStatus(HttpServletResponse.SC_OK);
        write(answer, MediaType.APPLICATION_JSON_VALUE, response);
    }

    /** The same answer the API's error handling gives for each failure of an event request. */
    ResponseEntity<ProblemDetail> problemOf(RuntimeException e) {
        if (e instanceof KeyRejectedException k) {
            return problems.rejected(k);
        } else if (e instanceof TooLargeException t) {
            return problems.tooLarge(t);
        } else if (e instanceof EngineUnavailableException u) {
            return problems.unavailable(u);
        } else if (e instanceof InvalidInputException i) {
            return ResponseEntity.badRequest().body(ApiProblems.invalidInput(i));
        } else if (e instanceof NotFoundException n) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiProblems.problem(HttpStatus.NOT_FOUND,
                    n.getMessage(), null));
        }
        log.error("Licence event failed", e);
        return ResponseEntity.internalServerError().body(ApiProblems.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "The event could not be handled; it was not applied.", null));
    }

    private void write(ResponseEntity<?> answer, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Object body = answer.getBody();
        String type = MediaType.APPLICATION_JSON_VALUE;
        if (body instanceof ProblemDetail p) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", String.valueOf(p.getType()));
            problem.put("title", p.getTitle());
            problem.put("status", p.getStatus());
            problem.put("detail", p.getDetail());
            problem.put("instance", request.getRequestURI());
            if (p.getProperties() != null) {
                problem.putAll(p.getProperties());
            }
            body = problem;
            type = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
        }
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        write(json.writeValueAsBytes(body), type, response);
    }

    private static void write(byte[] bytes, String type, HttpServletResponse response) throws IOException {
        response.setContentType(type);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The instance of a connector event request this filter answers: a POST to the event path with a Bearer key. */
    static UUID eventRequestOf(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || !BearerToken.isBearer(request.getHeader(HttpHeaders.AUTHORIZATION))) {
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
}
