package org.switchboard.connector;

/**
 * The licence engine could not decide and store an event in time; answered 503 with Retry-After.
 * The event was not applied, so the phone system sends it again.
 */
public class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
