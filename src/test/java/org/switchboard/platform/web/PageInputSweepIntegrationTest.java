package org.switchboard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.BeanUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.IntegrationTestBase;

/**
 * Bad input on every page, found from the application's own request mappings: every form and
 * every page with query parameters, as the operator, a partner admin and a customer admin, gets
 * each of its fields as text that is no number, a date far out of range, a number too large for
 * any column, a null byte and huge text, one field at a time. No answer may be a 5xx: a page
 * shows what is wrong, or the error page. A new page is swept as soon as it is mapped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageInputSweepIntegrationTest {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)(?::[^}]*)?\\}");
    static final List<String> BAD = List.of("not-a-value", "+999999999-12-31", "1e1000000000", "\u0000", "-1",
            "x".repeat(20_000));
    /** Paths that are not pages, or that end the session the sweep runs in. */
    static final List<String> SKIPPED = List.of("/api/", "/v3/", "/swagger", "/actuator", "/sip/", "/error", "/logout",
            "/sign-out");

    ConfigurableApplicationContext app;
    int port;
    Setup setup;
    final Map<String, Integer> requests = new LinkedHashMap<>();
    final List<String> failures = new ArrayList<>();

    record Page(String method, String path, Set<String> fields) {
    }

    interface Request {
        HttpResponse<String> send() throws IOException, InterruptedException;
    }

    @BeforeAll
    void start() {
        app = SweepApplication.start();
        port = SweepApplication.port(app);
        setup = app.getBean(LicensingFixtures.class).subscribed(5, 3, 1);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void noBadValueInAnyFormOrQueryGetsA5xx() throws Exception {
        List<Page> pages = pages();
        if (System.getProperty("sweep.only") == null) {
            assertThat(pages.stream().filter(p -> p.method().equals("POST")).count()).as("the forms found").isGreaterThan(40);
        }
        // The customer and the partner first: what the operator does last may close what they could reach.
        for (String user : List.of(setup.customer().email(), setup.partner().email(), IntegrationTestBase.OPERATOR_EMAIL)) {
            Session session = new Session(user);
            for (Page page : pages) {
                session.sweep(page);
            }
        }
        int total = requests.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("page sweep: %d pages and forms, %d requests, %s, %d answers that broke the rule%n",
                pages.size(), total, requests, failures.size());
        assertThat(failures).as(failures.size() + " of " + total + " requests").isEmpty();
    }

    @Test
    void aBadPayoutDateIsShownBesideItsFieldNotAnswered500() throws Exception {
        Session operator = new Session(IntegrationTestBase.OPERATOR_EMAIL);
        for (String day : List.of("31.12.2030", "+999999999-12-31", "\u0000")) {
            HttpResponse<String> answer = operator.send("POST", "/operator/programme/payouts", Map.of("executionOn", day));
            assertThat(answer.statusCode()).as(day).isEqualTo(200);
            assertThat(answer.body()).as(day).containsAnyOf("Execution date must be a date such as",
                    "at most 90 days ahead", "must not contain control characters");
        }
        HttpResponse<String> farAhead = operator.send("POST", "/operator/programme/payouts",
                Map.of("executionOn", java.time.LocalDate.now().plusYears(1).toString()));
        assertThat(farAhead.body()).contains("at most 90 days ahead");
    }

    /** Every mapped page and form with the fields it reads. */
    private List<Page> pages() {
        RequestMappingHandlerMapping mapping = app.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        List<Page> pages = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<String> fields = fields(entry.getValue());
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String path : info.getPatternValues()) {
                if (SKIPPED.stream().anyMatch(path::startsWith) || path.contains("**")
                        || !path.contains(System.getProperty("sweep.only", ""))) {
                    continue;
                }
                if (methods.contains(RequestMethod.POST)) {
                    pages.add(new Page("POST", path, fields));
                }
                if ((methods.isEmpty() || methods.contains(RequestMethod.GET)) && !fields.isEmpty()) {
                    pages.add(new Page("GET", path, fields));
                }
            }
        }
        return pages;
    }

    /** The request parameters a handler reads: named ones, and the components of a form object. */
    private static Set<String> fields(HandlerMethod handler) {
        Set<String> fields = new LinkedHashSet<>();
        for (org.springframework.core.MethodParameter p : handler.getMethodParameters()) {
            Parameter parameter = p.getParameter();
            Class<?> type = p.getParameterType();
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            if (MultipartFile.class.isAssignableFrom(type) || p.hasParameterAnnotation(PathVariable.class)) {
                continue;
            }
            if (param != null) {
                String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                        : parameter.getName();
                if (!Map.class.isAssignableFrom(type)) {
                    fields.add(name);
                }
            } else if (type.isRecord() && (p.hasParameterAnnotation(ModelAttribute.class)
                    || !BeanUtils.isSimpleProperty(type) && !type.getName().startsWith("org.switchboard.accounts"))) {
                for (RecordComponent c : type.getRecordComponents()) {
                    fields.add(c.getName());
                }
            }
        }
        return fields;
    }

    /** The path with the customer's own phone system where it takes one, and ids of nobody elsewhere. */
    private String concrete(String template) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String before = template.substring(0, m.start());
            String value = before.endsWith("/instances/") ? setup.instance().value().toString()
                    : m.group(1).toLowerCase().contains("token") || m.group(1).equals("code") ? "no-such-token"
                    : m.group(1).equals("holder") || m.group(1).equals("extension") ? "100"
                    : UUID.randomUUID().toString();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A signed-in browser: its cookie, and the CSRF token of its session. */
    private final class Session {

        final String user;
        final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
        String token;

        Session(String user) throws IOException, InterruptedException {
            this.user = user;
            signIn();
        }

        private void signIn() throws IOException, InterruptedException {
            String loginToken = csrf(get("/login").body());
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("email=" + encode(user) + "&password="
                            + encode(IntegrationTestBase.PASSWORD) + "&_csrf=" + encode(loginToken))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as("signing in as " + user).isEqualTo(302);
            token = csrf(get("/dashboard").body());
        }

        void sweep(Page page) throws IOException, InterruptedException {
            String path = concrete(page.path());
            if (page.method().equals("POST")) {
                check(page, path, "(no fields)", () -> send("POST", path, Map.of()));
            }
            for (String field : page.fields()) {
                for (String value : BAD) {
                    Map<String, String> form = new LinkedHashMap<>();
                    page.fields().forEach(f -> form.put(f, "1"));
                    form.put(field, value);
                    check(page, path, field + "=" + shown(value), () -> send(page.method(), path, form));
                }
            }
        }

        private void check(Page page, String path, String what, Request request) throws IOException,
                InterruptedException {
            requests.merge(page.method(), 1, Integer::sum);
            HttpResponse<String> answer;
            try {
                answer = request.send();
            } catch (IOException e) {
                failures.add("broken answer (" + e.getMessage() + ") " + page.method() + " " + path + " " + what + " as " + user);
                return;
            }
            if (answer.statusCode() >= 500) {
                failures.add(answer.statusCode() + " " + page.method() + " " + path + " " + what + " as " + user);
            }
            if (answer.statusCode() == 302 && answer.headers().firstValue("Location").orElse("").contains("/login")) {
                signIn(); // what a form did ended the session (a password changed, an account closed): go on signed in again
            }
        }

        HttpResponse<String> send(String method, String path, Map<String, String> fields) throws IOException,
                InterruptedException {
            String form = fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&"));
            HttpRequest.Builder request;
            if (method.equals("GET")) {
                request = HttpRequest.newBuilder(uri(path + (form.isEmpty() ? "" : "?" + form))).GET();
            } else {
                String body = form.isEmpty() ? "_csrf=" + encode(token) : form + "&_csrf=" + encode(token);
                request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
            }
            return browser.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        }

        private HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return browser.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        return m.find() ? m.group(1) : "";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String shown(String value) {
        return value.length() > 30 ? value.substring(0, 10) + "...(" + value.length() + ")" : value.replace("\u0000", "\\0");
    }
}
