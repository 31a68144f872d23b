package org.switchboard.connector.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.connector.CallBatchResult;
import org.switchboard.connector.CallRecord;
import org.switchboard.connector.ConnectorKey;
import org.switchboard.connector.ConnectorKeys;
import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceDevice;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.connector.web.ConnectorProblems.TooLargeException;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Validation;
import org.switchboard.platform.web.ApiProblems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connector API over HTTP: an external phone system reports licence events and call records
 * with its key ({@code Authorization: Bearer}) through the same port the embedded SIP core calls
 * in process; customer admins make and revoke the keys.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Connector", description = "How a phone system talks to the platform: keys, licence events, call records")
class ConnectorApi {

    static final int MAX_EVENT_BYTES = 64 * 1024;
    private static final Set<String> EVENT_FIELDS = Set.of("type", "subject", "ref", "destination", "at", "device");
    private static final Set<String> DEVICE_FIELDS = Set.of("id", "name");

    record DecisionView(boolean admitted, String reason, int licensed, int occupied, boolean emergency) {
        static DecisionView of(Decision d) {
            return new DecisionView(d.admitted(), d.reason(), d.licensed(), d.occupied(), d.emergency());
        }
    }

    /**
     * One event of the phone system, as documented; the endpoint reads the body itself (at most 64 KB).
     * {@code device} is optional: the device the event comes from, shown in the licence view and history.
     */
    record EventBody(String type, String subject, String ref, String destination, Instant at, DeviceBody device) {
    }

    /** The device of an event: the phone system's own id for it and a name a person reads ("Desk phone 101"). */
    record DeviceBody(String id, String name) {
    }

    record BatchAnswer(int received, int stored, int duplicates, int rated, int free, int notBillable, int unrated) {
        static BatchAnswer of(CallBatchResult r) {
            return new BatchAnswer(r.received(), r.stored(), r.duplicates(), count(r, "RATED"), count(r, "FREE"),
                    count(r, "NOT_BILLABLE"), count(r, "UNRATED"));
        }

        private static int count(CallBatchResult r, String outcome) {
            return r.outcomes().getOrDefault(outcome, 0);
        }
    }

    record KeyView(UUID id, String hint, String label, Instant createdAt, String createdBy, Instant revokedAt,
            String key) {
        static KeyView of(ConnectorKey k, String secret) {
            return new KeyView(k.id(), k.hint(), k.label(), k.createdAt(), k.createdBy(), k.revokedAt(), secret);
        }
    }

    record NewKey(String label) {
    }

    private final PhoneSystemPort port;
    private final ConnectorKeys keys;
    private final InstanceManagement instances;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    ConnectorApi(PhoneSystemPort port, ConnectorKeys keys, InstanceManagement instances, Clock clock) {
        this.port = port;
        this.keys = keys;
        this.instances = instances;
        this.clock = clock;
    }

    // ---- licence events ---------------------------------------------------------------------------

    @PostMapping("/instances/{id}/licence/events")
    @Operation(summary = "The phone system reports one event (connector key as Authorization: Bearer)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = EventBody.class)))
    DecisionView event(@PathVariable UUID id, HttpServletRequest request) throws IOException {
        return DecisionView.of(receive(id, request.getHeader(HttpHeaders.AUTHORIZATION), readEvent(request)));
    }

    /** The body of an event request, refused (413) when it is larger than one event may be. */
    static byte[] readEvent(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_EVENT_BYTES) {
            throw new TooLargeException(MAX_EVENT_BYTES);
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
            throw new TooLargeException(MAX_EVENT_BYTES);
        }
        return body;
    }

    /**
     * One event of the phone system holding the key in {@code authorization}: the key checked for
     * the instance, the body read and checked, the event handed to the port. Also called by
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
        LicenceDevice device = device(node.get("device"), v);
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
        return port.report(key.instanceId(), new LicenceEvent(eventType, subject.trim(), ref.trim(),
                destination == null ? null : destination.trim(), when == null ? clock.instant() : when, device));
    }

    /** The optional device of an event: an object {id, name}, both required text when it is given. */
    private static LicenceDevice device(JsonNode value, Validation v) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            v.reject("device", "device must be an object {id, name}: the device's id in the phone system and a name"
                    + " a person reads, such as {\"id\": \"phone-17\", \"name\": \"Desk phone 101\"}");
            return null;
        }
        for (Iterator<String> names = value.propertyNames().iterator(); names.hasNext();) {
            String name = names.next();
            if (!DEVICE_FIELDS.contains(name)) {
                v.reject("device." + name, "device." + name + " is not a known field: a device has an id and a name");
            }
        }
        String id = text(value, "id", v, "device.id");
        String name = text(value, "name", v, "device.name");
        v.text("device.id", "device.id", id, LicenceDevice.MAX_ID);
        v.text("device.name", "device.name", name, LicenceDevice.MAX_NAME);
        // Any fault above is thrown with the others before the event is built.
        return id == null || name == null || id.isBlank() || name.isBlank() ? null : new LicenceDevice(id, name);
    }

    private static String text(JsonNode node, String field, Validation v) {
        return text(node, field, v, field);
    }

    private static String text(JsonNode node, String field, Validation v, String named) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() && !value.isNumber()) {
            v.reject(named, named + " must be text");
            return null;
        }
        return value.asString();
    }

    // ---- call records -----------------------------------------------------------------------------

    @PostMapping("/instances/{id}/cdrs")
    @Operation(summary = "A batch of up to 10,000 call records of an instance; a batch with any bad record is refused "
            + "whole, call ids stored before are counted as duplicates and ignored")
    ResponseEntity<Object> callRecords(Optional<CurrentUser> user,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable UUID id, @RequestBody List<CallRecord.Incoming> records) {
        InstanceId instance = CallRecordSenders.mayReport(user, authorization, keys, instances, new InstanceId(id));
        if (records != null && records.size() > CallRecord.MAX_BATCH) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ApiProblems.problem(HttpStatus.CONTENT_TOO_LARGE, "At most " + CallRecord.MAX_BATCH
                            + " call records per batch, not " + records.size() + ": send smaller batches.", "records"));
        }
        List<CallRecord> checked = CallRecord.checkBatch(records);
        return ResponseEntity.ok(BatchAnswer.of(port.record(instance, checked)));
    }

    // ---- keys -------------------------------------------------------------------------------------

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
        return keys.keys(user, new InstanceId(id)).stream().map(k -> KeyView.of(k, null)).toList();
    }

    @DeleteMapping("/instances/{id}/connector-keys/{keyId}")
    @Operation(summary = "Revoke a connector key")
    ResponseEntity<Void> revokeKey(CurrentUser user, @PathVariable UUID id, @PathVariable UUID keyId) {
        keys.revoke(user, new InstanceId(id), keyId);
        return ResponseEntity.noContent().build();
    }
}
