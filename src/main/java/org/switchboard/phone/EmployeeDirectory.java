package org.switchboard.phone;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Role;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.licensing.Subject;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.phone.internal.PhoneEmployees;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.telephony.BrowserClients;
import org.switchboard.telephony.CallHistory.CallView;
import org.switchboard.telephony.ExtensionActivity;
import org.switchboard.telephony.ExtensionActivity.Presence;
import org.switchboard.telephony.ExtensionActivity.Snapshot;

/**
 * Who uses the desktop client: an instance's employees as its admins see them, the signed-in
 * employee with its colleagues' presence and its own calls, and the browser device of a session.
 */
@Service
public class EmployeeDirectory implements BrowserClients {

    /** An employee of an instance as its admins see it: invited, with the client open or not. */
    public record EmployeeView(Employee employee, String email, boolean clientOpen) {
    }

    /** A colleague in the client's directory. */
    public record Colleague(String extension, String name, String kind, Presence presence) {
    }

    private final InstanceManagement instances;
    private final SubjectManagement subjects;
    private final ExtensionActivity activity;
    private final PhoneEmployees employees;

    EmployeeDirectory(InstanceManagement instances, SubjectManagement subjects, ExtensionActivity activity,
            PhoneEmployees employees) {
        this.instances = instances;
        this.subjects = subjects;
        this.activity = activity;
        this.employees = employees;
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
