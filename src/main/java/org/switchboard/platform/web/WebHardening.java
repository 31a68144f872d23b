package org.switchboard.platform.web;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The browser-facing headers of every answer. Pages run only the site's own scripts and style
 * sheets (no inline script: page behaviour lives in {@code /js/switchboard.js}); Swagger UI, a
 * page of the library's own, may use inline styles. Referrers never leave the site (links carry
 * tokens); the browser's devices and features are off. HSTS is sent on requests that came over
 * TLS (behind a reverse proxy: {@code server.forward-headers-strategy=native}), and the session
 * cookie is then {@code Secure} as well; it is always {@code SameSite=Lax} and {@code HttpOnly}.
 */
public final class WebHardening {

    static final String PAGES = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";
    static final String SWAGGER_UI = PAGES.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
    static final String PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "interest-cohort=()";
    /** The desktop client in the browser ({@code /phone}) talks through the microphone: its pages alone may ask for it. */
    static final String PHONE_PERMISSIONS = PERMISSIONS.replace("microphone=()", "microphone=(self)");

    private WebHardening() {
    }

    public static Customizer<HeadersConfigurer<HttpSecurity>> headers() {
        RequestMatcher swaggerUi = request -> request.getRequestURI().startsWith(request.getContextPath() + "/swagger-ui");
        HeaderWriter csp = (request, response) -> {
            if (!response.containsHeader("Content-Security-Policy")) {
                response.setHeader("Content-Security-Policy", swaggerUi.matches(request) ? SWAGGER_UI : PAGES);
            }
        };
        return headers -> headers
                .addHeaderWriter(csp)
                .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                .addHeaderWriter((request, response) -> response.setHeader("Permissions-Policy",
                        request.getRequestURI().startsWith(request.getContextPath() + "/phone") ? PHONE_PERMISSIONS
                                : PERMISSIONS))
                .frameOptions(f -> f.deny())
                .httpStrictTransportSecurity(h -> h.includeSubDomains(true).maxAgeInSeconds(31_536_000));
    }
}
