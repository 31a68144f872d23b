package org.switchboard.telephony.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.switchboard.telephony.sip.SocketSipTransport;

/**
 * SIP over TLS ({@code switchboard.sip.tls.*}): on when a keystore is given. The keystore (PKCS12
 * by default) holds the server's key and certificate chain, for the name phones dial; the port is
 * 5061 by default.
 */
@ConfigurationProperties("switchboard.sip.tls")
public record SipTlsSettings(String keystore, String keystorePassword, String keystoreType, Integer port) {

    public SipTlsSettings {
        keystoreType = keystoreType == null || keystoreType.isBlank() ? "PKCS12" : keystoreType;
        port = port == null ? 5061 : port;
    }

    public boolean enabled() {
        return keystore != null && !keystore.isBlank();
    }

    /** The transport's TLS settings, or {@code null} when TLS is off; a keystore that cannot be read stops the start. */
    SocketSipTransport.Tls load() {
        if (!enabled()) {
            return null;
        }
        char[] password = keystorePassword == null ? new char[0] : keystorePassword.toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(keystore))) {
            KeyStore store = KeyStore.getInstance(keystoreType);
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return new SocketSipTransport.Tls(port, context);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("The SIP TLS keystore " + keystore
                    + " (switchboard.sip.tls.keystore) cannot be read: " + e.getMessage(), e);
        }
    }
}
