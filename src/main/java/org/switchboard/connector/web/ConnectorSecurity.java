package org.switchboard.connector.web;

import java.util.regex.Pattern;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.switchboard.connector.BearerToken;

/**
 * Requests of a phone system to the connector API carry its key as {@code Authorization: Bearer};
 * this chain, ahead of the API's HTTP Basic chain, lets them through to the endpoints that take a
 * key (licence events and reads, call records), which check the key for the instance in the path. Requests with HTTP Basic take the API chain.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorSecurity {

    /** The licence events and reads, and the call records the phone system reports for billing. */
    private static final Pattern CONNECTOR_PATHS = Pattern.compile("^/api/v1/instances/[^/]+/(licence(/.*)?|cdrs)$");

    static boolean isConnectorRequest(jakarta.servlet.http.HttpServletRequest request) {
        return BearerToken.isBearer(request.getHeader("Authorization"))
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
}
