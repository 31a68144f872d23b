package org.switchboard.phone;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.Commands.ResetPassword;
import org.switchboard.accounts.CredentialManagement;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.licensing.SubjectManagement.NewSubject;
import org.switchboard.testing.IntegrationTestBase;

/** A phone system whose employees are invited to the desktop client and have set their passwords. */
@Component
public class PhoneFixtures {

    /** An employee who can sign in: its extension, e-mail and password. */
    public record EmployeeLogin(String extension, String name, String email, String password) {
    }

    public record Office(Setup setup, List<EmployeeLogin> employees) {
    }

    private final LicensingFixtures licensing;
    private final SubjectManagement subjects;
    private final EmployeeManagement employees;
    private final AccountFixtures accounts;
    private final CredentialManagement credentials;

    PhoneFixtures(LicensingFixtures licensing, SubjectManagement subjects, EmployeeManagement employees,
            AccountFixtures accounts, CredentialManagement credentials) {
        this.licensing = licensing;
        this.subjects = subjects;
        this.employees = employees;
        this.accounts = accounts;
        this.credentials = credentials;
    }

    /** {@code concurrentUsers} licences, {@code count} employees 201.. invited and with their passwords set. */
    public Office office(int concurrentUsers, int count) {
        Setup setup = licensing.subscribed(concurrentUsers, 0, 0);
        List<EmployeeLogin> logins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String extension = String.valueOf(201 + i);
            String name = "Colleague " + extension;
            String email = "employee-" + UUID.randomUUID().toString().substring(0, 8) + "@office.test";
            subjects.add(setup.customer().admin(), setup.instance(), new NewSubject("EMPLOYEE", extension, name, email,
                    null));
            employees.invite(setup.customer().admin(), setup.instance(), extension);
            String link = accounts.link(email, "/password/reset");
            credentials.resetPassword(new ResetPassword(AccountFixtures.token(link), IntegrationTestBase.PASSWORD));
            logins.add(new EmployeeLogin(extension, name, email, IntegrationTestBase.PASSWORD));
        }
        return new Office(setup, logins);
    }
}
