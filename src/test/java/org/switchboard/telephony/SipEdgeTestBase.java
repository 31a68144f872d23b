package org.switchboard.telephony;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.switchboard.testing.IntegrationTestBase;

/**
 * The application with a small SIP work queue (two workers, 200 messages), so that the overload
 * test reaches twice the core's capacity with a load sipp on loopback can offer, and with SIP over
 * TLS on a free port, its key a self-signed certificate made by the JDK's keytool for the test run.
 * The tests of the SIP edge share this one context.
 */
@TestPropertySource(properties = { "switchboard.sip.workers=2", "switchboard.sip.queue=200",
        "switchboard.sip.retry-after-seconds=2", "switchboard.sip.tls.port=0" })
public abstract class SipEdgeTestBase extends IntegrationTestBase {

    protected static final String KEYSTORE_PASSWORD = "edge keystore secret";
    protected static final Path KEYSTORE = selfSignedKeystore();

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        registry.add("switchboard.sip.tls.keystore", KEYSTORE::toString);
        registry.add("switchboard.sip.tls.keystore-password", () -> KEYSTORE_PASSWORD);
    }

    private static Path selfSignedKeystore() {
        try {
            Path dir = Files.createTempDirectory("sip-tls");
            Path store = dir.resolve("sip.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "sip", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext",
                    "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", KEYSTORE_PASSWORD)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            store.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return store;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
