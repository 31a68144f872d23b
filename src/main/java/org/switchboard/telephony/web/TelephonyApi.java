package org.switchboard.telephony.web;

import java.net.URI;
import java.time.Instant;
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
import org.switchboard.instances.InstanceId;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.telephony.CallGuards;
import org.switchboard.telephony.CallHistory;
import org.switchboard.telephony.CallHistory.CallView;
import org.switchboard.telephony.Device;
import org.switchboard.telephony.DeviceManagement;
import org.switchboard.telephony.DeviceManagement.DeviceWithPassword;
import org.switchboard.telephony.DeviceManagement.NewDevice;
import org.switchboard.telephony.DeviceProvisioning;
import org.switchboard.telephony.DeviceProvisioning.Provisioning;
import org.switchboard.telephony.DeviceRegistrations;
import org.switchboard.telephony.DeviceRegistrations.Registration;
import org.switchboard.telephony.TrunkStates;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/instances/{id}")
@Tag(name = "Telephony", description = "Devices, their SIP credentials and registrations, calls")
class TelephonyApi {

    record DeviceView(UUID id, String extension, String kind, String label, String sipUser, Instant createdAt,
            Instant credentialsSetAt, String password, Provisioning provisioning) {
        static DeviceView of(Device d) {
            return new DeviceView(d.id(), d.extension(), d.kind().name(), d.label(), d.sipUser(), d.createdAt(),
                    d.credentialsSetAt(), null, null);
        }

        static DeviceView of(DeviceWithPassword d) {
            Device x = d.device();
            return new DeviceView(x.id(), x.extension(), x.kind().name(), x.label(), x.sipUser(), x.createdAt(),
                    x.credentialsSetAt(), d.password(), d.provisioning());
        }
    }

    record CountriesBody(List<String> countries) {
    }

    private final DeviceManagement devices;
    private final DeviceProvisioning provisioning;
    private final DeviceRegistrations registrations;
    private final CallHistory calls;
    private final CallGuards guards;
    private final TrunkStates trunks;

    TelephonyApi(DeviceManagement devices, DeviceProvisioning provisioning, DeviceRegistrations registrations,
            CallHistory calls, CallGuards guards, TrunkStates trunks) {
        this.devices = devices;
        this.provisioning = provisioning;
        this.registrations = registrations;
        this.calls = calls;
        this.guards = guards;
        this.trunks = trunks;
    }

    @GetMapping("/trunk-registrations")
    @Operation(summary = "The platform's registration to each of the instance's own trunks: REGISTERED (until), "
            + "FAILED (with the provider's answer), TRYING or NOT_REGISTERING")
    List<TrunkStates.TrunkState> trunkRegistrations(CurrentUser user, @PathVariable UUID id) {
        return trunks.of(user, new InstanceId(id));
    }

    @GetMapping("/call-countries")
    @Operation(summary = "Countries the instance's phones may call: home (always), opened, and those the operator "
            + "lets be opened; the daily airtime cap")
    CallGuards.Countries countries(CurrentUser user, @PathVariable UUID id) {
        return guards.countries(user, new InstanceId(id));
    }

    @PutMapping("/call-countries")
    @Operation(summary = "Open exactly these countries {countries: [\"FR\", ...]} for calls to the public network "
            + "(customer admin; only countries the operator allows)")
    CallGuards.Countries openCountries(CurrentUser user, @PathVariable UUID id, @RequestBody CountriesBody body) {
        if (body == null) {
            throw new InvalidInputException("body", "Send {countries: [...]}");
        }
        return guards.open(user, new InstanceId(id), body.countries());
    }

    @PostMapping("/devices")
    @Operation(summary = "Add a device {extension, kind: DESK_PHONE|DECT_HANDSET|DESKTOP_CLIENT|MOBILE_APP|"
            + "FUNCTION_DEVICE, label?}; its SIP password is in this answer only")
    ResponseEntity<DeviceView> add(CurrentUser user, @PathVariable UUID id, @RequestBody NewDevice body) {
        if (body == null) {
            throw new InvalidInputException("body", "Send {extension, kind, label?}");
        }
        DeviceWithPassword d = devices.add(user, new InstanceId(id), body);
        return ResponseEntity.created(URI.create("/api/v1/instances/" + id + "/devices/" + d.device().id()))
                .body(DeviceView.of(d));
    }

    @GetMapping("/devices")
    List<DeviceView> list(CurrentUser user, @PathVariable UUID id) {
        return devices.devices(user, new InstanceId(id)).stream().map(DeviceView::of).toList();
    }

    @GetMapping("/devices/{deviceId}")
    DeviceView one(CurrentUser user, @PathVariable UUID id, @PathVariable UUID deviceId) {
        return DeviceView.of(devices.device(user, new InstanceId(id), deviceId));
    }

    @GetMapping("/devices/{deviceId}/provisioning")
    @Operation(summary = "The settings a phone needs to register: registrar, port, transports, domain, user")
    Provisioning provisioning(CurrentUser user, @PathVariable UUID id, @PathVariable UUID deviceId) {
        return provisioning.provisioning(user, new InstanceId(id), deviceId);
    }

    @PostMapping("/devices/{deviceId}/credentials")
    @Operation(summary = "New SIP password for a device (shown in this answer only); its registrations end")
    DeviceView reset(CurrentUser user, @PathVariable UUID id, @PathVariable UUID deviceId) {
        return DeviceView.of(devices.resetCredentials(user, new InstanceId(id), deviceId));
    }

    @DeleteMapping("/devices/{deviceId}")
    ResponseEntity<Void> delete(CurrentUser user, @PathVariable UUID id, @PathVariable UUID deviceId) {
        devices.delete(user, new InstanceId(id), deviceId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/registrations")
    @Operation(summary = "Live registrations of the instance's devices: contact, source, user agent, since, until")
    List<Registration> registrations(CurrentUser user, @PathVariable UUID id) {
        return registrations.registrations(user, new InstanceId(id));
    }

    @GetMapping("/calls")
    @Operation(summary = "Calls of the instance: live ones (live=true) or the history, optionally of one extension")
    List<CallView> calls(CurrentUser user, @PathVariable UUID id, @RequestParam(defaultValue = "false") boolean live,
            @RequestParam(required = false) String extension) {
        return live ? calls.live(user, new InstanceId(id)) : calls.history(user, new InstanceId(id), extension);
    }
}
