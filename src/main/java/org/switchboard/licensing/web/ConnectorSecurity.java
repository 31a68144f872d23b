package org.switchboard.licensing.web;

import java.util.regex.Pattern;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Requests of a phone system to the connector API carry its key as {@code Authorization: Bearer};
 * this chain, ahead of the API's HTTP Basic chain, lets them through to the connector endpoints,
 * which check the key for the instance in the path. Requests with HTTP Basic take the API chain.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorSecurity {

    /** The licence events and reads, and the call records the phone system reports for billing. */
    private static final Pattern CONNECTOR_PATHS = Pattern.compile("^/api/v1/instances/[^/]+/(licence(/.*)?|cdrs)$");

    static boolean isConnectorRequest(jakarta.servlet.http.HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && CONNECTOR_PATHS.matcher(request.getRequestURI()).matches();
    }

    @Bean
    @Order(0)
    SecurityFilterChain connector(HttpSecurity http) throws Exception {
        RequestMatcher connector = ConnectorSecurity::isConnectorRequest;
        http.securityMatcher(connector)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /**
     * Prometheus scrapes {@code /actuator/prometheus} without a login, from the same host or the
     * private network only: the figures name instances by id, never customers.
     */
    @Bean
    @Order(0)
    SecurityFilterChain metrics(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/prometheus")
                .authorizeHttpRequests(auth -> auth.anyRequest().access((authentication, context) ->
                        new org.springframework.security.authorization.AuthorizationDecision(
                                isInternal(context.getRequest().getRemoteAddr()))))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    static boolean isInternal(String address) {
        try {
            // A literal address: no name is looked up.
            java.net.InetAddress a = java.net.InetAddress.getByName(address);
            return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
