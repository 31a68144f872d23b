package org.switchboard.telephony;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.instances.Instance;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.licensing.Subject;
import org.switchboard.licensing.SubjectKind;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Validation;
import org.switchboard.telephony.internal.Bindings;
import org.switchboard.telephony.internal.DeviceCredentials;
import org.switchboard.telephony.internal.Devices;
import org.switchboard.telephony.websocket.WebSocketSipTransport;

/**
 * The devices of an instance's employees and function extensions, managed by the customer's
 * admins: each gets generated SIP credentials, shown once and kept only as digest hashes, which
 * can be reset, and deleted. What a phone needs to register is {@link DeviceProvisioning}'s, the
 * devices' registrations are {@link DeviceRegistrations}'.
 */
@Service
public class DeviceManagement {

    /** A device as a form or the API asks for it: the subject's extension, the kind and a label. */
    public record NewDevice(String extension, String kind, String label) {
    }

    /** A device with its password, which is shown this once and never again. */
    public record DeviceWithPassword(Device device, String password, DeviceProvisioning.Provisioning provisioning) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final String USER_CHARS = "abcdefghijkmnpqrstuvwxyz23456789";

    private final InstanceManagement instances;
    private final SubjectManagement subjects;
    private final Devices devices;
    private final Bindings bindings;
    private final DeviceProvisioning provisioning;
    private final PhoneSystemPort licences;
    private final ObjectProvider<WebSocketSipTransport> webSockets;
    private final Clock clock;

    DeviceManagement(InstanceManagement instances, SubjectManagement subjects, Devices devices, Bindings bindings,
            DeviceProvisioning provisioning, PhoneSystemPort licences, ObjectProvider<WebSocketSipTransport> webSockets,
            Clock clock) {
        this.provisioning = provisioning;
        this.licences = licences;
        this.webSockets = webSockets;
        this.instances = instances;
        this.subjects = subjects;
        this.devices = devices;
        this.bindings = bindings;
        this.clock = clock;
    }

    public DeviceWithPassword add(CurrentUser viewer, InstanceId id, NewDevice c) {
        Instance instance = managed(viewer, id);
        Validation v = new Validation();
        String extension = Validation.trimToNull(c.extension());
        v.check(extension != null, "extension", "Extension is required: the employee's or function extension's number");
        DeviceKind kind = null;
        if (Validation.trimToNull(c.kind()) == null) {
            v.reject("kind", "Kind is required: one of " + List.of(DeviceKind.values()));
        } else {
            try {
                kind = DeviceKind.valueOf(c.kind().trim().toUpperCase(Locale.ROOT).replace(' ', '_'));
            } catch (IllegalArgumentException e) {
                v.reject("kind", "Kind must be one of " + List.of(DeviceKind.values()) + ", not '" + c.kind() + "'");
            }
        }
        String label = Validation.trimToNull(c.label());
        if (label != null) {
            v.text("label", "Label", label, 100);
        }
        v.throwIfInvalid();
        Subject subject = subjects.subjects(viewer, id).stream().filter(s -> s.extension().equals(extension))
                .findFirst().orElseThrow(() -> new org.switchboard.platform.InvalidInputException("extension",
                        "There is no employee or function extension " + extension + " on this phone system."));
        if (subject.kind() == SubjectKind.FUNCTION && !kind.forFunctions()) {
            throw new org.switchboard.platform.InvalidInputException("kind", "A function extension has no "
                    + kind.label().toLowerCase(Locale.ROOT) + ": give it a function device, desk phone or DECT handset.");
        }
        if (subject.kind() == SubjectKind.EMPLOYEE && !kind.forEmployees()) {
            throw new org.switchboard.platform.InvalidInputException("kind",
                    "Function devices belong to function extensions, not to employees.");
        }
        return create(instance, subject, kind, label);
    }

    private DeviceWithPassword create(Instance instance, Subject subject, DeviceKind kind, String label) {
        String password = password();
        String user = subject.extension() + "-" + random(USER_CHARS, 6);
        String realm = provisioning.realm(instance);
        Device device = new Device(UUID.randomUUID(), instance.id(), subject.id(), subject.extension(), kind,
                label == null ? kind.label() + " of " + subject.name() : label, user, clock.instant(), clock.instant());
        devices.insert(device, instance.customerId().value(), DeviceCredentials.ha1Md5(user, realm, password),
                DeviceCredentials.ha1Sha256(user, realm, password));
        return new DeviceWithPassword(device, password, provisioning.provisioning(realm, device));
    }

    /**
     * The SIP device of a mobile app being paired with an employee's client ({@code MOBILE_APP},
     * labelled with the app's name): the pairing code stands for the admin here, and the app gets the
     * credentials once, in the pairing's answer. Its registration holds no licence; the pairing does.
     */
    public DeviceWithPassword addPairedApp(InstanceId id, String extension, String appName) {
        Instance instance = instances.find(id).orElseThrow(() -> new NotFoundException("There is no phone system "
                + id.value() + "."));
        Subject subject = subjects.subjectsOf(id).stream()
                .filter(s -> s.extension().equals(extension) && s.kind() == SubjectKind.EMPLOYEE).findFirst()
                .orElseThrow(() -> new NotFoundException("There is no employee " + extension + " on this phone system."));
        return create(instance, subject, DeviceKind.MOBILE_APP, appName);
    }

    /** Removes the SIP device of an unpaired mobile app; its registrations end with it. */
    public void deletePairedApp(InstanceId id, UUID deviceId) {
        devices.find(id, deviceId).filter(d -> d.kind() == DeviceKind.MOBILE_APP)
                .ifPresent(d -> devices.delete(id, deviceId));
    }

    public List<Device> devices(CurrentUser viewer, InstanceId id) {
        instances.instance(viewer, id);
        return devices.of(id);
    }

    public Device device(CurrentUser viewer, InstanceId id, UUID deviceId) {
        instances.instance(viewer, id);
        return devices.find(id, deviceId).orElseThrow(() -> notFound(deviceId));
    }

    /** New credentials for a device: the old password stops working at once, its registrations end. */
    public DeviceWithPassword resetCredentials(CurrentUser viewer, InstanceId id, UUID deviceId) {
        Instance instance = managed(viewer, id);
        Device device = devices.find(id, deviceId).orElseThrow(() -> notFound(deviceId));
        String password = password();
        String realm = provisioning.realm(instance);
        devices.resetCredentials(id, deviceId, DeviceCredentials.ha1Md5(device.sipUser(), realm, password),
                DeviceCredentials.ha1Sha256(device.sipUser(), realm, password), clock.instant());
        bindings.removeAll(deviceId);
        return new DeviceWithPassword(devices.find(id, deviceId).orElseThrow(), password, provisioning.provisioning(realm, device));
    }

    /**
     * Deletes the device with its registrations; a desktop client's open session closes
     * ({@code DESKTOP_CLOSED}, its licence freed) and its WebSockets on this node are closed.
     */
    public void delete(CurrentUser viewer, InstanceId id, UUID deviceId) {
        Instance instance = managed(viewer, id);
        Device device = devices.find(id, deviceId).orElseThrow(() -> notFound(deviceId));
        String session = devices.desktopSession(deviceId).orElse(null);
        if (!devices.delete(id, deviceId)) {
            throw notFound(deviceId);
        }
        if (session != null) {
            licences.report(id, new LicenceEvent(EventType.DESKTOP_CLOSED, device.extension(), session, null,
                    clock.instant()));
        }
        webSockets.ifAvailable(w -> w.close(device.sipUser() + "@" + provisioning.realm(instance)));
    }

    private Instance managed(CurrentUser viewer, InstanceId id) {
        Instance instance = instances.instance(viewer, id).instance();
        if (!viewer.isCustomerAdmin() && !viewer.isOperator()) {
            throw new ForbiddenException("Only the customer's admins manage devices and their credentials.");
        }
        return instance;
    }

    static NotFoundException notFound(UUID deviceId) {
        return new NotFoundException("There is no device " + deviceId + " on this phone system.");
    }

    private static String password() {
        return random(PASSWORD_CHARS, 24);
    }

    private static String random(String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
