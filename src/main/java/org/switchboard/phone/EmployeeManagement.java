package org.switchboard.phone;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.EmployeeAccounts;
import org.switchboard.accounts.Role;
import org.switchboard.accounts.UserId;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.instances.Instance;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.licensing.Subject;
import org.switchboard.licensing.SubjectKind;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.phone.internal.Mobiles;
import org.switchboard.phone.internal.Mobiles.Mobile;
import org.switchboard.phone.internal.PhoneEmployees;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Validation;
import org.switchboard.telephony.DeviceKind;
import org.switchboard.telephony.DeviceManagement;
import org.switchboard.telephony.DeviceManagement.DeviceWithPassword;
import org.switchboard.telephony.DeviceManagement.NewDevice;

/**
 * Employees as users of their desktop client. A customer admin invites an employee of a phone
 * system (a licence subject with an e-mail address): the employee gets a user with the role
 * {@link Role#EMPLOYEE} and its own desktop-client device, whose SIP password nobody ever sees: the
 * browser registers over the WebSocket of its signed-in session. The employee sees its own client,
 * its calls and its colleagues' presence, nothing else ({@link EmployeeDirectory}).
 */
@Service
public class EmployeeManagement {

    private final InstanceManagement instances;
    private final SubjectManagement subjects;
    private final DeviceManagement devices;
    private final EmployeeAccounts accounts;
    private final PhoneEmployees employees;
    private final Mobiles mobiles;
    private final PhoneSystemPort port;
    private final Clock clock;

    EmployeeManagement(InstanceManagement instances, SubjectManagement subjects, DeviceManagement devices,
            EmployeeAccounts accounts, PhoneEmployees employees, Mobiles mobiles, PhoneSystemPort port, Clock clock) {
        this.mobiles = mobiles;
        this.port = port;
        this.instances = instances;
        this.subjects = subjects;
        this.devices = devices;
        this.accounts = accounts;
        this.employees = employees;
        this.clock = clock;
    }

    /** Invites the employee of {@code extension}: a user mailed a link to set its password, and its browser device. */
    @Transactional
    public Employee invite(CurrentUser admin, InstanceId id, String rawExtension) {
        Instance instance = instances.instance(admin, id).instance();
        if (!admin.isCustomerAdmin()) {
            throw new ForbiddenException("Only the customer's admins invite employees to the desktop client.");
        }
        String extension = Validation.trimToNull(rawExtension);
        if (extension == null) {
            throw new InvalidInputException("extension", "Extension is required: the employee's number");
        }
        Subject subject = subjects.subjects(admin, id).stream().filter(s -> s.extension().equals(extension))
                .findFirst().orElseThrow(() -> new InvalidInputException("extension",
                        "There is no employee " + extension + " on this phone system."));
        if (subject.kind() != SubjectKind.EMPLOYEE) {
            throw new InvalidInputException("extension", "Extension " + extension
                    + " is a function extension: only employees have a desktop client.");
        }
        if (subject.email() == null || subject.email().isBlank()) {
            throw new InvalidInputException("extension", "Employee " + extension
                    + " has no e-mail address: add one to the employee first, the invitation goes there.");
        }
        if (employees.subjectTaken(id, subject.id())) {
            throw new ConflictException("extension", "Employee " + extension + " is invited already.");
        }
        UserId user = accounts.invite(admin, subject.name(), subject.email(), what(instance, extension));
        DeviceWithPassword device = devices.add(admin, id, new NewDevice(extension, DeviceKind.DESKTOP_CLIENT.name(),
                "Desktop client in the browser"));
        Employee e = new Employee(user, instance.customerId(), id, subject.id(), extension, subject.name(),
                device.device().id(), device.device().sipUser(), clock.instant());
        employees.insert(e);
        return e;
    }

    /** Mails the invitation again with a new link; the older link stops working. */
    @Transactional
    public void reinvite(CurrentUser admin, InstanceId id, UserId user) {
        Instance instance = instances.instance(admin, id).instance();
        Employee e = employeeOf(id, user);
        accounts.reinvite(admin, e.userId(), what(instance, e.extension()));
    }

    /**
     * Removes the employee's client access: its paired mobiles are unpaired ({@code MOBILE_UNPAIRED}),
     * its desktop-client device deleted (its registrations end, an open client's licence is freed
     * and its WebSocket closed), and its user removed, so its signed-in sessions end. The licence
     * subject, its other devices and its calls stay.
     */
    @Transactional
    public void remove(CurrentUser admin, InstanceId id, UserId user) {
        instances.instance(admin, id);
        if (!admin.isCustomerAdmin()) {
            throw new ForbiddenException("Only the customer's admins remove employees from the desktop client.");
        }
        Employee e = employeeOf(id, user);
        Instant now = clock.instant();
        for (Mobile m : mobiles.pairedOf(e.userId())) {
            mobiles.unpair(m.id(), now);
            port.report(id, new LicenceEvent(EventType.MOBILE_UNPAIRED, e.extension(), "mobile-" + m.id(), null, now));
            if (m.sipDevice() != null) {
                devices.deletePairedApp(id, m.sipDevice());
            }
        }
        if (devices.devices(admin, id).stream().anyMatch(d -> d.id().equals(e.deviceId()))) {
            devices.delete(admin, id, e.deviceId());
        }
        employees.delete(e.userId());
        accounts.remove(admin, e.userId());
    }

    private Employee employeeOf(InstanceId id, UserId user) {
        return employees.byUser(user).filter(e -> e.instanceId().equals(id))
                .orElseThrow(() -> new NotFoundException("There is no employee user " + user.value()
                        + " on this phone system."));
    }

    private static String what(Instance instance, String extension) {
        return "the desktop client of the phone system \"" + instance.name() + "\" (extension " + extension + ")";
    }
}
