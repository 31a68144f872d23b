package org.switchboard.connector.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.connector.web.ConnectorProblems.TooLargeException;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.platform.web.ApiProblems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

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
    private final EventJson events;

    ConnectorApi(PhoneSystemPort port, ConnectorKeys keys, InstanceManagement instances, Clock clock) {
        this.port = port;
        this.keys = keys;
        this.instances = instances;
        this.events = new EventJson(clock);
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
        return port.report(key.instanceId(), events.read(body));
    }

    /** The JSON of events and their answers. */
    EventJson events() {
        return events;
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
