package org.switchboard.platform.web;

import java.util.Map;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Whatever no controller answered (a path that does not exist, a method or content type an
 * endpoint does not take, a request the firewall refused, an error nobody caught): problem+json
 * under {@code /api}, the error page elsewhere.
 */
@Controller
class ErrorPages implements ErrorController {

    @RequestMapping("/error")
    Object error(HttpServletRequest request) {
        HttpStatus status = status(request);
        String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (isApi(uri)) {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(status, request));
        }
        ModelAndView page = new ModelAndView("error", Map.of("status", status.value()));
        page.setStatus(status);
        return page;
    }

    static boolean isApi(String uri) {
        return uri != null && (uri.startsWith("/api/") || uri.equals("/api") || uri.startsWith("/v3/api-docs"));
    }

    static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    static ProblemDetail problem(HttpStatus status, HttpServletRequest request) {
        String method = request.getMethod();
        return ApiProblems.problem(status, sentence(status, method), null);
    }

    static String sentence(HttpStatus status, String method) {
        return switch (status) {
            case NOT_FOUND -> "There is no such API path; the paths are listed at /v3/api-docs.";
            case METHOD_NOT_ALLOWED -> "This path does not take " + method + "; the Allow header lists what it takes.";
            case UNSUPPORTED_MEDIA_TYPE -> "This endpoint does not take that content type; send application/json"
                    + " (or what /v3/api-docs names for it).";
            case NOT_ACCEPTABLE -> "This endpoint cannot answer in the type asked for in Accept.";
            case BAD_REQUEST -> "The request is malformed (its path, query or headers).";
            case UNAUTHORIZED -> "Log in first: send an account's e-mail and password with HTTP Basic.";
            case FORBIDDEN -> "Your role does not allow this.";
            case CONTENT_TOO_LARGE -> "The request is too large.";
            default -> status.is5xxServerError()
                    ? "Something went wrong on our side; nothing was changed. Try again in a moment."
                    : status.getReasonPhrase();
        };
    }
}
