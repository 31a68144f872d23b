package org.switchboard.platform;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Absolute links for e-mails, from {@code switchboard.base-url}. Resolved at each use, so that a
 * base URL naming the server's port works even when the port is only known after start.
 */
@Component
public class Links {

    private final Environment environment;

    public Links(Environment environment) {
        this.environment = environment;
    }

    public String to(String path) {
        String base = environment.getProperty("switchboard.base-url", "http://localhost:8080");
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + (path.startsWith("/") ? path : "/" + path);
    }
}
