package org.switchboard.phone.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.UserId;
import org.switchboard.instances.InstanceId;
import org.switchboard.phone.ClientSettings;
import org.switchboard.phone.ClientSettings.Settings;
import org.switchboard.phone.Employee;
import org.switchboard.phone.EmployeeManagement;
import org.switchboard.phone.EmployeeDirectory;
import org.switchboard.phone.EmployeeDirectory.Colleague;
import org.switchboard.phone.EmployeeDirectory.EmployeeView;
import org.switchboard.phone.MobilePairing;
import org.switchboard.phone.MobilePairing.Paired;
import org.switchboard.phone.MobilePairing.PairedDevice;
import org.switchboard.phone.MobilePairing.PairingCode;
import org.switchboard.telephony.CallHistory.CallView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The desktop client's API. The employee's own paths answer under {@code /api/v1/phone} (HTTP
 * Basic, for scripts) and under {@code /phone} (the client page's session); admins invite
 * employees under the instance.
 */
@RestController
@Tag(name = "Phone", description = "The desktop client in the browser: employees, their client, calls, colleagues")
class PhoneApi {

    record Invite(String extension) {
    }

    record EmployeeJson(String userId, String extension, String name, String email, boolean clientOpen) {
        static EmployeeJson of(EmployeeView v) {
            Employee e = v.employee();
            return new EmployeeJson(e.userId().value().toString(), e.extension(), e.name(), v.email(), v.clientOpen());
        }
    }

    record PairingRequest(String code, String deviceName) {
    }

    private final EmployeeManagement employees;
    private final EmployeeDirectory directory;
    private final ClientSettings settings;
    private final MobilePairing pairing;

    PhoneApi(EmployeeManagement employees, EmployeeDirectory directory, ClientSettings settings,
            MobilePairing pairing) {
        this.employees = employees;
        this.directory = directory;
        this.settings = settings;
        this.pairing = pairing;
    }

    @Operation(summary = "Invite an employee of the phone system to the desktop client (customer admin)")
    @PostMapping("/api/v1/instances/{instance}/employees")
    ResponseEntity<EmployeeJson> invite(CurrentUser user, @PathVariable java.util.UUID instance, @RequestBody Invite body) {
        InstanceId id = new InstanceId(instance);
        Employee e = employees.invite(user, id, body == null ? null : body.extension());
        EmployeeJson json = directory.employees(user, id).stream().filter(v -> v.employee().userId().equals(e.userId()))
                .map(EmployeeJson::of).findFirst().orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/instances/" + id.value() + "/employees")).body(json);
    }

    @Operation(summary = "Send an employee's invitation again: a new link, the older one stops working (customer admin)")
    @PostMapping("/api/v1/instances/{instance}/employees/{userId}/invitation")
    ResponseEntity<Void> reinvite(CurrentUser user, @PathVariable UUID instance, @PathVariable("userId") UUID employee) {
        employees.reinvite(user, new InstanceId(instance), new UserId(employee));
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "Remove an employee's client access: sessions end, its client's licence is freed, mobiles unpaired (customer admin)")
    @DeleteMapping("/api/v1/instances/{instance}/employees/{userId}")
    ResponseEntity<Void> remove(CurrentUser user, @PathVariable UUID instance, @PathVariable("userId") UUID employee) {
        employees.remove(user, new InstanceId(instance), new UserId(employee));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Employees of the phone system who are users, and whether their client is open")
    @GetMapping("/api/v1/instances/{instance}/employees")
    List<EmployeeJson> employees(CurrentUser user, @PathVariable java.util.UUID instance) {
        InstanceId id = new InstanceId(instance);
        return directory.employees(user, id).stream().map(EmployeeJson::of).toList();
    }

    @Operation(summary = "The signed-in employee's client settings: SIP address, WebSocket, heartbeat")
    @GetMapping({ "/api/v1/phone/me", "/phone/me" })
    Settings me(CurrentUser user) {
        return settings.of(user);
    }

    @Operation(summary = "Colleagues with their presence: FREE, ON_A_CALL, AWAY")
    @GetMapping({ "/api/v1/phone/colleagues", "/phone/colleagues" })
    List<Colleague> colleagues(CurrentUser user) {
        return directory.colleagues(user);
    }

    @Operation(summary = "The employee's own calls, newest first")
    @GetMapping({ "/api/v1/phone/calls", "/phone/calls" })
    List<CallView> calls(CurrentUser user) {
        return directory.history(user);
    }

    @Operation(summary = "A one-time pairing code (ten minutes) for the employee's mobile app")
    @PostMapping({ "/api/v1/phone/pairing-codes", "/phone/pairing-codes" })
    ResponseEntity<PairingCode> pairingCode(CurrentUser user) {
        return ResponseEntity.status(201).body(pairing.newCode(user));
    }

    @Operation(summary = "The employee's paired mobile devices")
    @GetMapping({ "/api/v1/phone/mobiles", "/phone/mobiles" })
    List<PairedDevice> mobiles(CurrentUser user) {
        return pairing.paired(user);
    }

    @Operation(summary = "Unpair one of the employee's mobile devices (MOBILE_UNPAIRED)")
    @DeleteMapping({ "/api/v1/phone/mobiles/{mobile}", "/phone/mobiles/{mobile}" })
    ResponseEntity<Void> unpair(CurrentUser user, @PathVariable UUID mobile) {
        pairing.unpair(user, mobile);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The mobile app pairs with the code the client shows (MOBILE_PAIRED); 409 when no licence is free")
    @PostMapping("/api/v1/mobile/pairings")
    ResponseEntity<Paired> pair(@RequestBody PairingRequest body, jakarta.servlet.http.HttpServletRequest request) {
        Paired p = pairing.pair(body == null ? null : body.code(), body == null ? null : body.deviceName(),
                request.getRemoteAddr());
        return ResponseEntity.created(URI.create("/api/v1/mobile/pairings/" + p.id())).body(p);
    }

    @Operation(summary = "The mobile app unpairs itself with its token (Authorization: Bearer)")
    @DeleteMapping("/api/v1/mobile/pairings/{mobile}")
    ResponseEntity<Void> unpairByApp(@PathVariable UUID mobile,
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        String token = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).trim() : null;
        pairing.unpairByApp(mobile, token);
        return ResponseEntity.noContent().build();
    }
}
