package org.switchboard.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RefusedException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every API error as RFC 9457 problem+json: a status, a sentence a person understands and, where
 * one field is at fault, {@code field} and the list {@code errors} of {field, message}.
 */
@RestControllerAdvice(annotations = RestController.class)
public class ApiProblems extends ResponseEntityExceptionHandler {

    public static ProblemDetail problem(HttpStatus status, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        if (field != null) {
            problem.setProperty("field", field);
            problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        }
        return problem;
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalid(InvalidInputException e) {
        return ResponseEntity.badRequest().body(invalidInput(e));
    }

    /** The 400 problem of invalid input: every field at fault with its message, the first as {@code field}. */
    public static ProblemDetail invalidInput(InvalidInputException e) {
        return (ProblemDetail) badRequest(e.violations().stream()
                .map(v -> Map.of("field", v.field(), "message", v.message())).toList()).getBody();
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage(), e.field());
    }

    @ExceptionHandler(RefusedException.class)
    ProblemDetail refused(RefusedException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), e.field());
    }

    @ExceptionHandler(org.switchboard.platform.ForbiddenException.class)
    ProblemDetail forbidden(org.switchboard.platform.ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage(), null);
    }

    /** A body sent as multipart/form-data that is not (no boundary, cut short): the caller's fault. */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ProblemDetail multipart(org.springframework.web.multipart.MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, "The body is not valid multipart/form-data: send the file as a part"
                + " named file.", "file");
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage(), null);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(Map.of("field", error.getField(), "message", fieldMessage(error.getField(), error)));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(e -> errors.add(Map.of("field", e.getObjectName(), "message", String.valueOf(e.getDefaultMessage()))));
        return badRequest(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError fe ? fe.getField() : name;
                errors.add(Map.of("field", field, "message", fieldMessage(field, error)));
            }
        });
        return badRequest(errors);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = ex.getParameterName();
        return badRequest(List.of(Map.of("field", field, "message", field + " is required")));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        Throwable cause = ex.getMostSpecificCause();
        String rule = cause != null && cause.getMessage() != null && cause.getMessage().startsWith("must ")
                ? cause.getMessage() : "must be " + describe(ex.getRequiredType());
        return badRequest(List.of(Map.of("field", String.valueOf(field),
                "message", field + " " + rule + ", not '" + shown(ex.getValue()) + "'")));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.", null));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            String field = u.getPropertyName();
            return badRequest(List.of(Map.of("field", field, "message", field + " is not a known field")));
        }
        if (cause instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String field = path(m);
            String expected = m.getTargetType() == null ? "of another type" : describe(m.getTargetType());
            String message = cause instanceof InvalidFormatException f
                    ? field + " " + (f.getOriginalMessage().startsWith("must ") ? f.getOriginalMessage() : "must be " + expected)
                            + ", not '" + shown(f.getValue()) + "'"
                    : field + " must be " + expected;
            return badRequest(List.of(Map.of("field", field, "message", message)));
        }
        if (cause instanceof JacksonException j && j.getPath() != null && !j.getPath().isEmpty()) {
            String field = path(j);
            return badRequest(List.of(Map.of("field", field, "message", field + " has a value that cannot be read")));
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
                "The request body is missing or is not valid JSON.", null));
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    /** A value as the message shows it: shortened, without control characters. */
    private static String shown(Object value) {
        String text = String.valueOf(value).replaceAll("\\p{Cntrl}", "?");
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type == java.time.LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == java.time.YearMonth.class) {
            return "a month (YYYY-MM)";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a time (such as 2026-01-31T12:00:00Z)";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "text";
    }

    private static String fieldMessage(String field, MessageSourceResolvable error) {
        String message = String.valueOf(error.getDefaultMessage());
        return message.startsWith(field + " ") ? message : field + " " + message;
    }

    private static ResponseEntity<Object> badRequest(List<Map<String, String>> errors) {
        ProblemDetail problem;
        if (errors.isEmpty()) {
            problem = problem(HttpStatus.BAD_REQUEST, "The request is not valid.", null);
        } else {
            Map<String, String> first = errors.get(0);
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, errors.stream()
                    .map(e -> e.get("message")).collect(Collectors.joining("; ")));
            problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
            problem.setProperty("field", first.get("field"));
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.badRequest().body(problem);
    }
}
