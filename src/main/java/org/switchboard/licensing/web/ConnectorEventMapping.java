package org.switchboard.licensing.web;

import java.util.Map;
import java.util.UUID;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds {@code POST /api/v1/instances/{id}/licence/events} by a look at the path instead of
 * matching it against every request mapping of the application: the connector sends thousands of
 * these a second, and the general lookup cost more than the rest of the request. The handler is
 * the same method of {@link LicensingApi}, with the same argument resolution, answers and error
 * handling; every other request goes on to the regular mappings.
 */
@Component
class ConnectorEventMapping implements HandlerMapping, Ordered {

    static final String PATTERN = "/api/v1/instances/{id}/licence/events";
    private static final String PREFIX = "/api/v1/instances/";
    private static final String SUFFIX = "/licence/events";

    private final HandlerMethod handler;

    ConnectorEventMapping(LicensingApi api) throws NoSuchMethodException {
        this.handler = new HandlerMethod(api, LicensingApi.class.getDeclaredMethod("event", UUID.class,
                HttpServletRequest.class));
    }

    @Override
    public HandlerExecutionChain getHandler(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String path = request.getRequestURI();
        String context = request.getContextPath();
        if (context != null && !context.isEmpty()) {
            if (!path.startsWith(context)) {
                return null;
            }
            path = path.substring(context.length());
        }
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        String id = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        if (id.indexOf('/') >= 0 || id.indexOf(';') >= 0 || id.indexOf('%') >= 0) {
            return null; // anything unusual takes the regular way
        }
        request.setAttribute(URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("id", id));
        request.setAttribute(BEST_MATCHING_PATTERN_ATTRIBUTE, PATTERN);
        request.setAttribute(PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE, path);
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(PATTERN));
        return new HandlerExecutionChain(handler);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
