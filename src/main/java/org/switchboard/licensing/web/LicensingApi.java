package org.switchboard.licensing.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceId;
import org.switchboard.licensing.ConnectorKey;
import org.switchboard.licensing.ConnectorKeys;
import org.switchboard.licensing.ConnectorKeys.KeyRejectedException;
import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.licensing.Holder;
import org.switchboard.licensing.LicenceManagement;
import org.switchboard.licensing.LicenceManagement.EngineUnavailableException;
import org.switchboard.licensing.LicenceState;
import org.switchboard.connector.Reason;
import org.switchboard.licensing.Subject;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.licensing.SubjectManagement.ImportReport;
import org.switchboard.licensing.SubjectManagement.NewSubject;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Validation;
import org.switchboard.platform.web.ApiProblems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Licensing", description = "Concurrent-user licences: subjects, connector keys, the connector API")
class LicensingApi {

    static final int MAX_EVENT_BYTES = 64 * 1024;
    private static final Set<String> EVENT_FIELDS = Set.of("type", "subject", "ref", "destination", "at");

    record DecisionView(boolean admitted, String reason, int licensed, int occupied, boolean emergency) {
        static DecisionView of(Decision d) {
            return new DecisionView(d.admitted(), d.reason(), d.licensed(), d.occupied(), d.emergency());
        }
    }

    record HolderView(String subject, List<Reason> reasons, Instant since, boolean overLimit) {
        static HolderView of(Holder h) {
            return new HolderView(h.subject(), h.reasons().stream().sorted().toList(), h.since(), h.overLimit());
        }
    }

    record LicenceView(int licensed, int occupied, List<HolderView> holders) {
        static LicenceView of(LicenceState s) {
            return new LicenceView(s.licensed(), s.occupied(), s.holders().stream().map(HolderView::of).toList());
        }
    }

    record SubjectView(UUID id, String kind, String extension, String name, String email, String functionType,
            Instant createdAt) {
        static SubjectView of(Subject s) {
            return new SubjectView(s.id(), s.kind().name(), s.extension(), s.name(), s.email(),
                    s.functionType() == null ? null : s.functionType().name(), s.createdAt());
        }
    }

    record KeyView(UUID id, String hint, String label, Instant createdAt, String createdBy, Instant revokedAt,
            String key) {
        static KeyView of(ConnectorKey k, String secret) {
            return new KeyView(k.id(), k.hint(), k.label(), k.createdAt(), k.createdBy(), k.revokedAt(), secret);
        }
    }

    /** One event of the phone system, as documented; the endpoint reads the body itself (at most 64 KB). */
    record EventBody(String type, String subject, String ref, String destination, Instant at) {
    }

    record NewKey(String label) {
    }

    record Timeouts(Integer heartbeatTimeoutSeconds, Integer callTimeoutSeconds) {
    }

    /** The body is larger than the connector accepts; answered 413. */
    static class TooLargeException extends RuntimeException {
        TooLargeException() {
            super("The request body is larger than " + MAX_EVENT_BYTES / 1024 + " KB: send one event per request.");
        }
    }

    private final LicenceManagement licences;
    private final SubjectManagement subjects;
    private final ConnectorKeys keys;
    private final JsonMapper json = JsonMapper.builder().build();

    LicensingApi(LicenceManagement licences, SubjectManagement subjects, ConnectorKeys keys) {
        this.licences = licences;
        this.subjects = subjects;
        this.keys = keys;
    }

    // ---- connector --------------------------------------------------------------------------------

    @PostMapping("/instances/{id}/licence/events")
    @Operation(summary = "The phone system reports one event (connector key as Authorization: Bearer)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(
                    implementation = EventBody.class)))
    DecisionView event(@PathVariable UUID id, HttpServletRequest request) throws IOException {
        return DecisionView.of(receive(id, request.getHeader(HttpHeaders.AUTHORIZATION), readEvent(request)));
    }

    /** The body of an event request, refused (413) when it is larger than one event may be. */
    static byte[] readEvent(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_EVENT_BYTES) {
            throw new TooLargeException();
        }
        int length = request.getContentLength();
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            if (length >= 0) { // exactly what was announced: no buffers of the largest size for a small event
                body = new byte[length];
                int read = in.readNBytes(body, 0, length);
                return read < length ? Arrays.copyOf(body, read) : body;
            }
            body = in.readNBytes(MAX_EVENT_BYTES + 1);
        }
        if (body.length > MAX_EVENT_BYTES) {
            throw new TooLargeException();
        }
        return body;
    }

    /**
     * One event of the phone system holding the key in {@code authorization}: the key checked for
     * the instance, the body read and checked, the event decided and stored. Also called by
     * {@link ConnectorEventFilter}, the short way of the same request.
     */
    Decision receive(UUID id, String authorization, byte[] body) {
        ConnectorKey key = keys.authenticate(authorization, new InstanceId(id));
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException("body", "The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("body", "The request body must be one JSON object {type, subject, ref,"
                    + " destination?, at?}.");
        }
        Validation v = new Validation();
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext();) {
            String name = names.next();
            if (!EVENT_FIELDS.contains(name)) {
                v.reject(name, name + " is not a known field");
            }
        }
        String type = text(node, "type", v);
        String subject = text(node, "subject", v);
        String ref = text(node, "ref", v);
        String destination = text(node, "destination", v);
        String at = text(node, "at", v);
        EventType eventType = null;
        if (type == null || type.isBlank()) {
            v.reject("type", "type is required: one of " + List.of(EventType.values()));
        } else {
            try {
                eventType = EventType.valueOf(type.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                v.reject("type", "type must be one of " + List.of(EventType.values()) + ", not '" + type + "'");
            }
        }
        v.check(subject != null && !subject.isBlank(), "subject", "subject is required: the extension number");
        v.check(ref != null && !ref.isBlank(), "ref", "ref is required: the id of the desktop session, mobile device"
                + " or call");
        v.optionalText("ref", "ref", ref, 100);
        v.optionalText("subject", "subject", subject, 15);
        v.optionalText("destination", "destination", destination, 40);
        Instant when = null;
        if (at != null) {
            try {
                when = Instant.parse(at);
            } catch (DateTimeParseException e) {
                v.reject("at", "at must be an ISO-8601 instant such as 2026-03-02T08:00:00Z, not '" + at + "'");
            }
        }
        v.throwIfInvalid();
        return licences.report(key, eventType, subject.trim(), ref.trim(), destination == null ? null
                : destination.trim(), when);
    }

    private static String text(JsonNode node, String field, Validation v) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() && !value.isNumber()) {
            v.reject(field, field + " must be text");
            return null;
        }
        return value.asString();
    }

    @GetMapping("/instances/{id}/licence")
    @Operation(summary = "Licensed and occupied, and who holds a licence why since when (connector key, the customer's"
            + " users, its partner, operators)")
    LicenceView licence(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
        InstanceId instance = new InstanceId(id);
        if (caller.user() == null) {
            return LicenceView.of(licences.state(keys.authenticate(caller.authorization(), instance)));
        }
        return LicenceView.of(licences.state(caller.user(), instance));
    }

    @PostMapping("/instances/{id}/licence/holders/{subject}/release")
    @Operation(summary = "Takes a holder's licence away at once, recorded with who did it")
    ResponseEntity<Void> forceRelease(@PathVariable UUID id, @PathVariable String subject,
            @Parameter(hidden = true) Caller caller) {
        licences.forceRelease(person(caller), new InstanceId(id), subject);
        return ResponseEntity.noContent().build();
    }

    private static CurrentUser person(Caller caller) {
        if (caller.user() == null) {
            throw new ForbiddenException("A connector key may only report events and read the licence.");
        }
        return caller.user();
    }

    // ---- subjects ---------------------------------------------------------------------------------

    @PostMapping("/instances/{id}/subjects")
    @Operation(summary = "Add an employee {kind: EMPLOYEE, extension, name, email?} or a function extension"
            + " {kind: FUNCTION, extension, name, functionType}")
    ResponseEntity<SubjectView> addSubject(CurrentUser user, @PathVariable UUID id, @RequestBody NewSubject body) {
        Subject s = subjects.add(user, new InstanceId(id), body);
        return ResponseEntity.created(URI.create("/api/v1/instances/" + id + "/subjects/" + s.id()))
                .body(SubjectView.of(s));
    }

    @GetMapping("/instances/{id}/subjects")
    List<SubjectView> subjects(CurrentUser user, @PathVariable UUID id) {
        return subjects.subjects(user, new InstanceId(id)).stream().map(SubjectView::of).toList();
    }

    @DeleteMapping("/instances/{id}/subjects/{subjectId}")
    @Operation(summary = "Remove a subject; a licence it holds is released first")
    ResponseEntity<Void> deleteSubject(CurrentUser user, @PathVariable UUID id, @PathVariable UUID subjectId) {
        subjects.delete(user, new InstanceId(id), subjectId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/instances/{id}/subjects/import", consumes = { "text/csv", "text/plain" })
    @Operation(summary = "Import subjects from CSV (kind,extension,name,email,functionType); reports refused lines")
    ImportReport importSubjects(CurrentUser user, @PathVariable UUID id, @RequestBody String csv) {
        return subjects.importCsv(user, new InstanceId(id), csv);
    }

    // ---- connector keys ---------------------------------------------------------------------------

    @PostMapping("/instances/{id}/connector-keys")
    @Operation(summary = "Make a connector key for the phone system; the key is shown in this answer only")
    ResponseEntity<KeyView> createKey(CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) NewKey body) {
        ConnectorKeys.CreatedKey created = keys.create(user, new InstanceId(id), body == null ? null : body.label());
        return ResponseEntity.created(URI.create("/api/v1/instances/" + id + "/connector-keys/"
                + created.details().id())).body(KeyView.of(created.details(), created.key()));
    }

    @GetMapping("/instances/{id}/connector-keys")
    List<KeyView> keys(CurrentUser user, @PathVariable UUID id) {
        List<KeyView> views = new ArrayList<>();
        keys.keys(user, new InstanceId(id)).forEach(k -> views.add(KeyView.of(k, null)));
        return views;
    }

    @DeleteMapping("/instances/{id}/connector-keys/{keyId}")
    @Operation(summary = "Revoke a connector key")
    ResponseEntity<Void> revokeKey(CurrentUser user, @PathVariable UUID id, @PathVariable UUID keyId) {
        keys.revoke(user, new InstanceId(id), keyId);
        return ResponseEntity.noContent().build();
    }

    // ---- settings ---------------------------------------------------------------------------------

    @GetMapping("/licensing/settings")
    Timeouts settings() {
        var t = licences.timeouts();
        return new Timeouts((int) t[0].toSeconds(), (int) t[1].toSeconds());
    }

    @PutMapping("/licensing/settings")
    @Operation(summary = "Operators: heartbeat timeout of desktop sessions and the longest call, in seconds")
    Timeouts changeSettings(CurrentUser user, @RequestBody Timeouts body) {
        var t = licences.changeTimeouts(user, body.heartbeatTimeoutSeconds(), body.callTimeoutSeconds());
        return new Timeouts((int) t[0].toSeconds(), (int) t[1].toSeconds());
    }

    // ---- problems of the connector ----------------------------------------------------------------

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
