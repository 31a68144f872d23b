package org.switchboard.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.switchboard.phone.PhoneFixtures.EmployeeLogin;
import org.switchboard.phone.PhoneFixtures.Office;
import org.switchboard.testing.Api;
import org.switchboard.testing.IntegrationTestBase;

/**
 * An employee sees its client and its own calls, and nothing else: every page and API path of the
 * application that asks for a login refuses it (403, or 404 where the path hides what exists).
 */
class EmployeeAccessIntegrationTest extends IntegrationTestBase {

    /** What an employee may open: its client, its own API, who-am-I, the dashboard that sends it on. */
    static final List<String> EMPLOYEE_PATHS = List.of("/phone", "/phone/", "/api/v1/phone/", "/api/v1/me",
            "/dashboard", "/logout", "/api/v1/mobile/", "/mobile");

    @Autowired
    PhoneFixtures fixtures;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void anEmployeeInvitedByItsAdminSetsAPasswordSignsInAndLandsOnItsClient() {
        Office office = fixtures.office(2, 1);
        EmployeeLogin anna = office.employees().get(0);
        SessionClient session = new SessionClient(port).logIn(anna.email(), anna.password());
        assertThat(session.get("/dashboard").location()).endsWith("/phone");
        SessionClient.Reply page = session.get("/phone");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"dial-pad\"").contains(anna.name());

        Api api = new Api(port).as(anna.email(), anna.password());
        assertThat(api.get("/api/v1/phone/calls").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/phone/colleagues").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me").status()).isEqualTo(200);
        // the employee's own phone system, its licences and invoices: refused
        assertThat(api.get(office.setup().path()).status()).isEqualTo(403);
        assertThat(api.get(office.setup().path() + "/licence").status()).isIn(401, 403);
        assertThat(api.get("/api/v1/invoices").status()).isEqualTo(403);
        assertThat(session.get("/licensing/instances/" + office.setup().instance().value()).status()).isEqualTo(403);
        assertThat(session.get("/customer/invoices").status()).isEqualTo(403);
    }

    @Test
    void everyPageAndApiPathThatNeedsALoginRefusesAnEmployee() {
        Office office = fixtures.office(2, 1);
        EmployeeLogin anna = office.employees().get(0);
        SessionClient employee = new SessionClient(port).logIn(anna.email(), anna.password());
        employee.get("/phone"); // for its CSRF token: a refusal must come from the role, not from a missing token
        SessionClient anonymous = new SessionClient(port);
        String employeeBasic = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((anna.email() + ":" + anna.password()).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Set<String> checked = new TreeSet<>();
        List<String> reached = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : patterns(info)) {
                if (EMPLOYEE_PATHS.stream().anyMatch(p -> pattern.equals(p) || p.endsWith("/") && pattern.startsWith(p))
                        || pattern.startsWith("/error")) {
                    continue;
                }
                String path = pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                for (RequestMethod method : methods(info)) {
                    String m = method.name();
                    if (pattern.startsWith("/api/")) {
                        int anon = send(m, path, null);
                        if (anon != 401) {
                            continue; // public
                        }
                        int status = send(m, path, employeeBasic);
                        checked.add(m + " " + pattern);
                        if (status != 403 && status != 404) {
                            reached.add(m + " " + pattern + " -> " + status);
                        }
                    } else {
                        anonymous.get("/login");
                        SessionClient.Reply anon = m.equals("GET") ? anonymous.get(path) : anonymous.request(m, path);
                        if (anon.status() != 302 || anon.location() == null || !anon.location().endsWith("/login")) {
                            continue; // public
                        }
                        SessionClient.Reply r = m.equals("GET") ? employee.get(path) : employee.request(m, path);
                        checked.add(m + " " + pattern);
                        if (r.status() != 403 && r.status() != 404) {
                            reached.add(m + " " + pattern + " -> " + r.status() + " " + r.location());
                        }
                    }
                }
            }
        });
        assertThat(checked).as("paths checked").hasSizeGreaterThan(100).contains("GET /licensing/instances/{id}",
                "GET /api/v1/instances/{id}", "GET /customer/invoices", "POST /api/v1/instances/{instance}/employees");
        assertThat(reached).as("paths an employee reached").isEmpty();
    }

    private int send(String method, String path, String authorization) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + path)).header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return HTTP.send(b.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    private static Set<String> patterns(RequestMappingInfo info) {
        return info.getPathPatternsCondition() != null ? info.getPathPatternsCondition().getPatternValues()
                : info.getPatternValues();
    }

    private static Set<RequestMethod> methods(RequestMappingInfo info) {
        Set<RequestMethod> m = info.getMethodsCondition().getMethods();
        return m.isEmpty() ? Set.of(RequestMethod.GET) : m;
    }
}
