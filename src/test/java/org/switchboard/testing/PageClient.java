package org.switchboard.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a screen for page tests: keeps the session cookie and sends forms with the
 * CSRF token of the last page. {@code new PageClient(port)} answers redirects as they are (status
 * and location); {@link #followingRedirects} follows them to the page they lead to.
 */
public final class PageClient {

    public record Page(int status, String location, String html) {

        public boolean has(String id) {
            return html.contains("id=\"" + id + "\"");
        }
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient client;
    private String csrf;
    private URI landedOn;

    public PageClient(int port) {
        this(port, HttpClient.Redirect.NEVER);
    }

    private PageClient(int port, HttpClient.Redirect redirects) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(redirects).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A client that follows redirects, as a browser does after a form is sent. */
    public static PageClient followingRedirects(int port) {
        return new PageClient(port, HttpClient.Redirect.NORMAL);
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Sends a form as the last page would have, with its CSRF token. */
    public Page post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        String body = all.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public PageClient logIn(String email, String password) {
        get("/login");
        Page result = post("/login", Map.of("email", email, "password", password));
        String landed = result.location() != null ? result.location() : landedOn.getPath();
        if (!landed.endsWith("/dashboard")) {
            throw new AssertionError("Login of " + email + " failed: " + result.status() + " " + landed);
        }
        return this;
    }

    private Page send(HttpRequest.Builder request) {
        try {
            // Like a browser: pages, not JSON, are asked for.
            request.header("Accept", "text/html,application/xhtml+xml");
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            landedOn = response.uri();
            Matcher m = CSRF.matcher(response.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
