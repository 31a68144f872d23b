package org.switchboard.accounts.web;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

class LoginThrottledException extends AuthenticationException {

    private final Duration wait;

    LoginThrottledException(Duration wait) {
        super("Too many failed logins for this address: try again in " + Math.max(1, wait.toSeconds()) + " seconds.");
        this.wait = wait;
    }

    long retryAfterSeconds() {
        return Math.max(1, wait.toSeconds());
    }
}
