package org.switchboard.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.switchboard.platform.Validation;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rules for every request before an endpoint sees it: query parameters and paths without control
 * characters, dates in query parameters and paths within the platform's years, and Tomcat's own
 * refusals (a malformed path, headers too large) answered like every other error.
 */
@Configuration(proxyBeanMethods = false)
class WebEdge implements WebMvcConfigurer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Later converters win over the defaults for the same types. */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, LocalDate.class, (Converter<String, LocalDate>) text -> checked(LocalDate.parse(text.trim())));
        registry.addConverter(String.class, YearMonth.class, (Converter<String, YearMonth>) text -> checked(YearMonth.parse(text.trim())));
        registry.addConverter(String.class, Instant.class, (Converter<String, Instant>) text -> checked(Instant.parse(text.trim())));
    }

    private static <T> T checked(T value) {
        String problem = Validation.dateProblem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    OncePerRequestFilter noControlCharactersInRequestLines() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String refused = Validation.hasControlCharacters(request.getRequestURI()) ? "path" : null;
                if (refused == null && request.getQueryString() != null) {
                    for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                        for (String value : parameter.getValue()) {
                            if (Validation.hasControlCharacters(value) || Validation.hasControlCharacters(parameter.getKey())) {
                                refused = parameter.getKey();
                            }
                        }
                    }
                }
                if (refused == null) {
                    chain.doFilter(request, response);
                    return;
                }
                String detail = refused + " must not contain control characters";
                if (ErrorPages.isApi(request.getRequestURI())) {
                    response.setStatus(400);
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.setCharacterEncoding("UTF-8");
                    response.getWriter().write(JSON.writeValueAsString(
                            ApiProblems.problem(HttpStatus.BAD_REQUEST, detail, refused)));
                } else {
                    response.sendError(400, detail);
                }
            }
        };
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatRefusalsAsProblems() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    /**
     * Tomcat's own error answer, for what it refuses before the application sees it: problem+json
     * under {@code /api}, a short page elsewhere; never Tomcat's page with its version.
     */
    public static class ProblemReportValve extends ErrorReportValve {

        public ProblemReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int code = response.getStatus();
            if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus status = HttpStatus.resolve(code) == null ? HttpStatus.BAD_REQUEST : HttpStatus.resolve(code);
            try {
                // A request refused while its line or headers were read may have no path yet: it gets problem+json.
                String raw = request.getCoyoteRequest().requestURI().toString();
                boolean api = raw == null || raw.isEmpty() || raw.startsWith("/api") || raw.startsWith("/v3/");
                response.setCharacterEncoding("UTF-8");
                try (Writer writer = response.getReporter()) {
                    if (writer == null) {
                        return;
                    }
                    if (api) {
                        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                        writer.write(JSON.writeValueAsString(ApiProblems.problem(status,
                                ErrorPages.sentence(status, request.getMethod()), null)));
                    } else {
                        response.setContentType("text/html");
                        writer.write("<!DOCTYPE html><html lang=\"en\"><head><title>" + status.value() + " "
                                + status.getReasonPhrase() + "</title></head><body><h1>" + status.getReasonPhrase()
                                + "</h1><p>" + ErrorPages.sentence(status, request.getMethod())
                                + "</p><p><a href=\"/\">Switchboard</a></p></body></html>");
                    }
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone; nothing to tell
            }
        }

    }
}
