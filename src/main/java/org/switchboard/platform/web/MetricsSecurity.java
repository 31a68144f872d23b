package org.switchboard.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/** Who may read the platform's metrics. */
@Configuration(proxyBeanMethods = false)
class MetricsSecurity {

    /**
     * Prometheus scrapes {@code /actuator/prometheus} without a login, from the same host or the
     * private network only: the figures name instances by id, never customers.
     */
    @Bean
    @Order(0)
    SecurityFilterChain metrics(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/prometheus")
                .authorizeHttpRequests(auth -> auth.anyRequest().access((authentication, context) ->
                        new AuthorizationDecision(
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
