package org.switchboard.phone.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.switchboard.phone.TooManyAttemptsException;
import org.switchboard.platform.web.ApiProblems;

/** Too many pairing attempts: 429 problem+json with {@code Retry-After}. */
@RestControllerAdvice(assignableTypes = PhoneApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PhoneProblems {

    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<ProblemDetail> tooMany(TooManyAttemptsException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .body(ApiProblems.problem(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), null));
    }
}
