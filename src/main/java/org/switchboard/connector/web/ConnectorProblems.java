package org.switchboard.connector.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.switchboard.connector.ConnectorKeys.KeyRejectedException;
import org.switchboard.connector.EngineUnavailableException;
import org.switchboard.platform.web.ApiProblems;

/**
 * The connector's own problems as problem+json, wherever a connector key or the licence engine
 * is involved: a rejected key (401 with {@code WWW-Authenticate: Bearer}), a body too large for
 * one event (413), an engine that could not answer (503 with {@code Retry-After}).
 */
@RestControllerAdvice
class ConnectorProblems {

    /** The body is larger than the connector accepts for one event; answered 413. */
    static class TooLargeException extends RuntimeException {
        TooLargeException(int maxBytes) {
            super("The request body is larger than " + maxBytes / 1024 + " KB: send one event per request.");
        }
    }

    @ExceptionHandler(KeyRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(KeyRejectedException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(ApiProblems.problem(HttpStatus.UNAUTHORIZED, e.getMessage(), null));
    }

    @ExceptionHandler(TooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(TooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(ApiProblems.problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), null));
    }

    @ExceptionHandler(EngineUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(EngineUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), null));
    }
}
