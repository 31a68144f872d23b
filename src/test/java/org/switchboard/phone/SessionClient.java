package org.switchboard.phone;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A signed-in browser session without a screen: the session cookie, CSRF tokens, and SIP over its WebSocket. */
final class SessionClient {

    record Reply(int status, String location, String body) {
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:value|content)=\"([^\"]+)\"");

    private final int port;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;
    private String csrf;

    SessionClient(int port) {
        this.port = port;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    SessionClient logIn(String email, String password) {
        get("/login");
        Reply r = post("/login", Map.of("email", email, "password", password));
        if (r.location() == null || !r.location().endsWith("/dashboard")) {
            throw new AssertionError("Login of " + email + " failed: " + r.status() + " " + r.location());
        }
        return this;
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
    }

    Reply getJson(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
                .header("Accept", "application/json"));
    }

    Reply request(String method, String path) {
        Map<String, String> fields = csrf == null ? Map.of() : Map.of("_csrf", csrf);
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    Reply post(String path, Map<String, String> fields) {
        Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(all))));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            if (request.build().headers().firstValue("Accept").isEmpty()) {
                request.header("Accept", "text/html,application/xhtml+xml");
            }
            HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return new Reply(r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens {@code /sip/ws} with the subprotocol sip and this session's cookie; the handshake's status on refusal. */
    SipSocket openSip() {
        String cookie = cookies.getCookieStore().getCookies().stream().map(HttpCookie::toString)
                .collect(Collectors.joining("; "));
        SipSocket socket = new SipSocket();
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("sip")
                .connectTimeout(Duration.ofSeconds(5));
        if (!cookie.isEmpty()) {
            b.header("Cookie", cookie);
        }
        try {
            socket.ws = b.buildAsync(URI.create("ws://localhost:" + port + "/sip/ws"), socket).join();
        } catch (CompletionException e) {
            socket.refusal = e.getCause();
        }
        return socket;
    }

    /** SIP over a WebSocket: each text frame one message. */
    static final class SipSocket implements WebSocket.Listener {
        WebSocket ws;
        Throwable refusal;
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        /** Completes with the close code when the server closes the socket. */
        final CompletableFuture<Integer> closedByServer = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        boolean open() {
            return ws != null;
        }

        void send(String message) {
            ws.sendText(message, true).join();
        }

        String next() {
            try {
                String m = received.poll(10, TimeUnit.SECONDS);
                if (m == null) {
                    throw new AssertionError("no SIP message within 10 s");
                }
                return m;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedByServer.complete(statusCode);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
