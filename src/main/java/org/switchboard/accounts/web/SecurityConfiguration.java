package org.switchboard.accounts.web;

import java.io.IOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.switchboard.platform.web.ApiProblems;
import org.switchboard.platform.web.WebHardening;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains: the API under /api is stateless with HTTP Basic and answers problem+json;
 * the pages use a session with a login form and CSRF protection. Tenant checks are made by the
 * use cases themselves; these rules only sort callers by role. An employee (the desktop client's
 * user) reaches its client, its own API under /api/v1/phone and who-am-I, and nothing else.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String[] PUBLIC_PAGES = { "/", "/pricing", "/sizing", "/login", "/signup", "/partners/register",
            "/verify-email/**", "/password/**", "/invitations/**", "/css/**", "/js/**", "/webjars/**", "/error",
            "/favicon.ico", "/actuator/health/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
            "/directory/**" };

    /** Paths of the desktop client: an employee's whole world. */
    static final String[] EMPLOYEE_PAGES = { "/phone", "/phone/**", "/sip/ws" };

    /** Signed in, and not an employee: an employee sees its client and nothing else. */
    private static final AuthorizationManager<RequestAuthorizationContext> STAFF = AuthorizationManagers.allOf(
            AuthenticatedAuthorizationManager.authenticated(),
            AuthorizationManagers.not(AuthorityAuthorizationManager.hasRole("EMPLOYEE")));

    private final JsonMapper json = JsonMapper.builder().build();

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, PasswordAuthentication passwords) throws Exception {
        http.securityMatcher("/api/**")
                .authenticationManager(only(passwords))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/api/v1/price-quote", "/api/v1/price-lists/**",
                                "/api/v1/plans/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/sizing", "/api/v1/partner-registrations",
                                "/api/v1/customer-signups", "/api/v1/email-verifications", "/api/v1/password-resets",
                                "/api/v1/password-resets/confirm").permitAll()
                        .requestMatchers("/api/v1/invitation-links/**").permitAll()
                        .requestMatchers("/api/v1/outbox/**").hasRole("OPERATOR")
                        // Settings are the operator's, to read as to change; webinars are for partners.
                        .requestMatchers("/api/v1/settings/**", "/api/v1/licensing/settings").hasRole("OPERATOR")
                        .requestMatchers("/api/v1/webinars/**")
                        .hasAnyRole("OPERATOR", "PARTNER_ADMIN", "PARTNER_MEMBER")
                        .requestMatchers(HttpMethod.GET, "/api/v1/sizing/occupancy").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/price-lists").hasRole("OPERATOR")
                        .requestMatchers(HttpMethod.PUT, "/api/v1/sizing/occupancy/**").hasRole("OPERATOR")
                        .requestMatchers("/api/v1/mobile/**").permitAll() // the mobile app: its own pairing token
                        .requestMatchers("/api/v1/phone/**").hasRole("EMPLOYEE")
                        .requestMatchers(HttpMethod.GET, "/api/v1/me").authenticated()
                        .anyRequest().access(STAFF))
                .httpBasic(basic -> basic.realmName("Switchboard").authenticationEntryPoint(this::unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(this::unauthorized)
                        .accessDeniedHandler((request, response, denied) -> write(response, HttpStatus.FORBIDDEN,
                                "Your role does not allow this.")))
                .headers(WebHardening.headers())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, PasswordAuthentication passwords) throws Exception {
        http.authenticationManager(only(passwords))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PUBLIC_PAGES).permitAll()
                        .requestMatchers("/mobile").permitAll() // stands in for the mobile app
                        .requestMatchers(EMPLOYEE_PAGES).hasRole("EMPLOYEE")
                        .requestMatchers("/dashboard").authenticated() // sends an employee on to its client
                        .requestMatchers("/operator/**").hasRole("OPERATOR")
                        .requestMatchers("/partner/**").hasAnyRole("PARTNER_ADMIN", "PARTNER_MEMBER")
                        .requestMatchers("/customer/**").hasAnyRole("CUSTOMER_ADMIN", "CUSTOMER_MEMBER")
                        .anyRequest().access(STAFF))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/dashboard", true)
                        .failureHandler(new LoginPage.FailureHandler())
                        .usernameParameter("email").passwordParameter("password").permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/?loggedOut").permitAll())
                .headers(WebHardening.headers());
        return http.build();
    }

    /**
     * The chain's own manager without a parent: a provider registered both in a chain and globally
     * would be asked twice, and one wrong password counted twice.
     */
    private static AuthenticationManager only(PasswordAuthentication passwords) {
        return new ProviderManager(passwords);
    }

    private void unauthorized(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
            AuthenticationException e) throws IOException {
        if (e instanceof LoginThrottledException throttled) {
            response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            write(response, HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage());
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"Switchboard\"");
        String detail = e instanceof org.springframework.security.authentication.DisabledException
                ? e.getMessage()
                : e instanceof org.springframework.security.authentication.BadCredentialsException
                        ? PasswordAuthentication.WRONG
                        : "Log in first: send an account's e-mail and password with HTTP Basic.";
        write(response, HttpStatus.UNAUTHORIZED, detail);
    }

    private void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ApiProblems.problem(status, detail, null);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
