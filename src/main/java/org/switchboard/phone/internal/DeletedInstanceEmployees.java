package org.switchboard.phone.internal;

import java.util.List;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.switchboard.accounts.EmployeeAccounts;
import org.switchboard.accounts.UserId;
import org.switchboard.instances.InstanceEvents.InstanceDeleted;
import org.switchboard.phone.Employee;

/**
 * The employees of a deleted instance lose their client: their users are removed (signed-in
 * sessions end at their next request), with their pairing codes and paired mobiles.
 */
@Component
class DeletedInstanceEmployees {

    private final PhoneEmployees employees;
    private final EmployeeAccounts accounts;

    DeletedInstanceEmployees(PhoneEmployees employees, EmployeeAccounts accounts) {
        this.employees = employees;
        this.accounts = accounts;
    }

    @ApplicationModuleListener
    void on(InstanceDeleted e) {
        List<UserId> users = employees.of(e.instanceId()).stream().map(Employee::userId).toList();
        users.forEach(employees::delete);
        accounts.removeOfDeletedInstance(users);
    }
}
