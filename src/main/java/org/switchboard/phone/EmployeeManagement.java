package org.switchboard.phone;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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
import org.switchboard.telephony.BrowserClients;
import org.switchboard.telephony.CallHistory.CallView;
import org.switchboard.telephony.DeviceKind;
import org.switchboard.telephony.DeviceManagement;
import org.switchboard.telephony.DeviceManagement.DeviceWithPassword;
import org.switchboard.telephony.DeviceManagement.NewDevice;
import org.switchboard.telephony.ExtensionActivity;
import org.switchboard.telephony.ExtensionActivity.Presence;
import org.switchboard.telephony.ExtensionActivity.Snapshot;

/**
 * Employees as users of their desktop client. A customer admin invites an employee of a phone
 * system (a licence subject with an e-mail address): the employee gets a user with the role
 * {@link Role#EMPLOYEE} and its own desktop-client device, whose SIP password nobody ever sees: the
 * browser registers over the WebSocket of its signed-in session. The employee sees its own client,
 * its calls and its colleagues' presence, nothing else.
 */
@Service
public class EmployeeManagement implements BrowserClients {

    /** An employee of an instance as its admins see it: invited, with the client open or not. */
    public record EmployeeView(Employee employee, String email, boolean clientOpen) {
    }

    /** A colleague in the client's directory. */
    public record Colleague(String extension, String name, String kind, Presence presence) {
    }

    private final InstanceManagement instances;
    private final SubjectManagement subjects;
    private final DeviceManagement devices;
    private final EmployeeAccounts accounts;
    private final ExtensionActivity activity;
    private final PhoneEmployees employees;
    private final Mobiles mobiles;
    private final PhoneSystemPort port;
    private final Clock clock;

    EmployeeManagement(InstanceManagement instances, SubjectManagement subjects, DeviceManagement devices,
            EmployeeAccounts accounts, ExtensionActivity activity, PhoneEmployees employees, Mobiles mobiles,
            PhoneSystemPort port, Clock clock) {
        this.mobiles = mobiles;
        this.port = port;
        this.instances = instances;
        this.subjects = subjects;
        this.devices = devices;
        this.accounts = accounts;
        this.activity = activity;
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

    /** The employees of an instance who are users, for whoever may see the instance. */
    // not read-only: reading the subjects makes sure the instance's licence pool exists
    @Transactional
    public List<EmployeeView> employees(CurrentUser viewer, InstanceId id) {
        instances.instance(viewer, id);
        Snapshot now = activity.snapshot(id);
        java.util.Map<java.util.UUID, String> emails = new java.util.HashMap<>();
        subjects.subjects(viewer, id).forEach(s -> emails.put(s.id(), s.email()));
        return employees.of(id).stream()
                .map(e -> new EmployeeView(e, emails.get(e.subjectId()), now.desktopOpen(e.extension()))).toList();
    }

    /** The signed-in employee. */
    @Transactional(readOnly = true)
    public Employee me(CurrentUser user) {
        if (user.role() != Role.EMPLOYEE) {
            throw new ForbiddenException("The desktop client is for employees: sign in with your employee account.");
        }
        return employees.byUser(user.id())
                .orElseThrow(() -> new NotFoundException("This account is not an employee of a phone system."));
    }

    /** The employee's colleagues (everyone else of its phone system) with their presence. */
    @Transactional(readOnly = true)
    public List<Colleague> colleagues(CurrentUser user) {
        Employee me = me(user);
        Snapshot now = activity.snapshot(me.instanceId());
        return subjects.subjectsOf(me.instanceId()).stream().filter(s -> !s.extension().equals(me.extension()))
                .sorted(Comparator.comparing(Subject::extension))
                .map(s -> new Colleague(s.extension(), s.name(), s.kind().name(), now.of(s.extension()))).toList();
    }

    /** The employee's own calls, newest first. */
    @Transactional(readOnly = true)
    public List<CallView> history(CurrentUser user) {
        Employee me = me(user);
        return activity.history(me.instanceId(), me.extension(), 200);
    }

    @Override
    public Optional<BrowserDevice> deviceOf(CurrentUser user) {
        if (user.role() != Role.EMPLOYEE) {
            return Optional.empty();
        }
        return employees.byUser(user.id()).map(e -> new BrowserDevice(e.instanceId(), e.sipUser()));
    }
}
