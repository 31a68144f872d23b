package org.switchboard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.switchboard.testing.IntegrationTestBase;

/**
 * The platform served over real TLS (a key store of its own, as an operator configures it): every
 * answer pins the browser to HTTPS (HSTS), and the session cookie is sent over TLS only.
 */
class TlsHardeningIntegrationTest {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path folder;

    @Test
    void overTlsEveryAnswerCarriesHstsAndTheSessionCookieIsSecure() throws Exception {
        Path keyStore = folder.resolve("platform.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "platform", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String said = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(said).isZero();

        try (ConfigurableApplicationContext app = SweepApplication.start(null,
                "--server.ssl.key-store=" + keyStore, "--server.ssl.key-store-password=changeit",
                "--server.ssl.key-store-type=PKCS12", "--server.ssl.key-alias=platform")) {
            int port = SweepApplication.port(app);
            HttpClient browser = HttpClient.newBuilder().sslContext(trusting(keyStore))
                    .cookieHandler(new CookieManager()).build();
            URI base = URI.create("https://localhost:" + port);

            HttpClient anyone = HttpClient.newBuilder().sslContext(trusting(keyStore)).build();
            for (String path : new String[] { "/", "/login", "/no-such-page", "/api/v1/plans" }) {
                HttpResponse<String> answer = anyone.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.headers().firstValue("Strict-Transport-Security").orElse("")).as(path)
                        .contains("max-age=31536000").contains("includeSubDomains");
            }
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(base.resolve("/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String sessionCookie = login.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElse("");
            assertThat(sessionCookie).contains("Secure").contains("HttpOnly").contains("SameSite=Lax");

            Matcher token = CSRF.matcher(login.body());
            assertThat(token.find()).isTrue();
            HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(base.resolve("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("email=" + encode(IntegrationTestBase.OPERATOR_EMAIL)
                            + "&password=" + encode(IntegrationTestBase.PASSWORD) + "&_csrf=" + encode(token.group(1))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).isEqualTo(302);
            assertThat(signedIn.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                    .as("the session of the signed-in user (a new id at sign-in)").isNotEmpty()
                    .allSatisfy(c -> assertThat(c).contains("Secure"));
            assertThat(signedIn.headers().firstValue("Location").orElse("")).startsWith("https://");
        }
    }

    /** Trusts the platform's own certificate, and nothing else. */
    private static SSLContext trusting(Path keyStore) throws Exception {
        KeyStore own = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keyStore)) {
            own.load(in, "changeit".toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("platform", (X509Certificate) own.getCertificate("platform"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
