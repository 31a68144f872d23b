package org.switchboard.licensing.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.connector.ConnectorKeys;
import org.switchboard.connector.LicenceDevice;
import org.switchboard.connector.Reason;
import org.switchboard.instances.InstanceId;
import org.switchboard.licensing.Holder;
import org.switchboard.licensing.LicenceInsights;
import org.switchboard.licensing.RecordAction;
import org.switchboard.licensing.internal.LicenceReads.HistoryLine;
import org.switchboard.licensing.LicenceManagement;
import org.switchboard.licensing.LicenceState;
import org.switchboard.licensing.Subject;
import org.switchboard.licensing.SubjectManagement.ImportReport;
import org.switchboard.licensing.SubjectManagement.NewSubject;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Validation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Licensing", description = "Concurrent-user licences: subjects, who holds a licence, timeouts")
class LicensingApi {

    record HolderView(String subject, List<Reason> reasons, Instant since, boolean overLimit, List<HoldView> held) {
        static HolderView of(Holder h) {
            return new HolderView(h.subject(), h.reasons().stream().sorted().toList(), h.since(), h.overLimit(),
                    h.holds().stream().map(HoldView::of).toList());
        }
    }

    /** One reason of a holder with the device it comes from (null when the phone system named none). */
    record HoldView(Reason reason, DeviceView device, Instant since, boolean emergency) {
        static HoldView of(Holder.Hold h) {
            return new HoldView(h.reason(), DeviceView.of(h.device()), h.since(), h.emergency());
        }
    }

    record DeviceView(String id, String name) {
        static DeviceView of(LicenceDevice d) {
            return d == null ? null : new DeviceView(d.id(), d.name());
        }
    }

    /** One line of the licence history: who, why, which device, when, and the occupancy right after. */
    record HistoryView(Instant at, String subject, Reason reason, String ref, DeviceView device, RecordAction action,
            boolean emergency, boolean licenceChanged, String actor, int occupied, int licensed) {
        static HistoryView of(HistoryLine l) {
            return new HistoryView(l.at(), l.subject(), l.reason(), l.ref(), DeviceView.of(l.device()), l.action(),
                    l.emergency(), l.licenceChanged(), l.actor(), l.occupied(), l.licensed());
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

    record Timeouts(Integer heartbeatTimeoutSeconds, Integer callTimeoutSeconds) {
    }

    private final LicenceManagement licences;
    private final SubjectManagement subjects;
    private final ConnectorKeys keys;
    private final LicenceInsights insights;
    private final Clock clock;

    LicensingApi(LicenceManagement licences, SubjectManagement subjects, ConnectorKeys keys, LicenceInsights insights,
            Clock clock) {
        this.insights = insights;
        this.clock = clock;
        this.licences = licences;
        this.subjects = subjects;
        this.keys = keys;
    }

    @GetMapping("/instances/{id}/licence")
    @Operation(summary = "Licensed and occupied, and who holds a licence why since when (connector key, the customer's"
            + " users, its partner, operators)")
    LicenceView licence(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
        InstanceId instance = new InstanceId(id);
        if (caller.user() == null) { // a phone system: its key is checked for this instance (401 otherwise)
            return LicenceView.of(licences.state(keys.authenticate(caller.authorization(), instance)));
        }
        return LicenceView.of(licences.state(caller.user(), instance));
    }

    @GetMapping("/instances/{id}/licence/history")
    @Operation(summary = "The licence history, newest first: every admission, refusal and release with who, why, which"
            + " device and when (from/to ISO instants, default the last 24 hours; at most 1000 lines, default 100)")
    List<HistoryView> history(CurrentUser user, @PathVariable UUID id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) Integer limit) {
        Instant now = clock.instant();
        Validation v = new Validation();
        Instant until = instant(to, "to", v);
        Instant since = instant(from, "from", v);
        v.check(limit == null || limit >= 1 && limit <= 1000, "limit", "limit must be between 1 and 1000");
        v.throwIfInvalid();
        until = until == null ? now.plusSeconds(1) : until;
        since = since == null ? until.minus(Duration.ofHours(24)) : since;
        if (!since.isBefore(until)) {
            throw new InvalidInputException("from", "from must lie before to");
        }
        return insights.history(user, new InstanceId(id), since, until, limit == null ? 100 : limit).stream()
                .map(HistoryView::of).toList();
    }

    private static Instant instant(String value, String field, Validation v) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            v.reject(field, field + " must be an ISO-8601 instant such as 2026-03-02T08:00:00Z, not '" + value + "'");
            return null;
        }
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
}
