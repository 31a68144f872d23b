package org.switchboard.licensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.Role;
import org.switchboard.accounts.UserId;
import org.switchboard.catalog.Catalog;
import org.switchboard.connector.ConnectorKeys;
import org.switchboard.instances.Instance;
import org.switchboard.instances.InstanceEvents.TrialStarted;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.InstanceSales;
import org.switchboard.instances.Subdomain;
import org.switchboard.licensing.SubjectManagement.NewSubject;
import org.switchboard.mail.Outbox;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.testing.ModuleIntegrationTest;

/**
 * Licensing on its own: the instance is what the mocked instances module says it is, and its
 * events are published by the test as instances would publish them.
 */
@ModuleIntegrationTest
class LicensingModuleIntegrationTest {

    @MockitoBean
    InstanceManagement instances;
    @MockitoBean
    InstanceSales sales;
    @MockitoBean
    CustomerDirectory directory;
    @MockitoBean
    Catalog catalog;
    @MockitoBean
    Outbox outbox;
    @MockitoBean
    ConnectorKeys keys;
    @MockitoBean
    AccountFixtures accounts;

    @Autowired
    LicenceManagement licences;
    @Autowired
    SubjectManagement subjects;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @Test
    void aStartedTrialSizesThePoolAndTheCustomersAdminAddsEmployees(Scenario scenario) {
        CustomerId customer = CustomerId.random();
        Instant now = clock.instant();
        Instance trial = Instance.startTrial(InstanceId.random(), customer, "Head office",
                Subdomain.of("lic-" + UUID.randomUUID().toString().substring(0, 8)), "DE", 5, now,
                ZoneId.of("Europe/Berlin"), "admin@kunde.example");
        CurrentUser admin = user(Role.CUSTOMER_ADMIN, customer);
        CurrentUser member = user(Role.CUSTOMER_MEMBER, customer);
        when(instances.instance(any(), eq(trial.id()))).thenReturn(new InstanceDetails(trial, null, 5, 30, null));

        scenario.publish(new TrialStarted(trial.id(), customer, now, trial.trialEndsAt(), 5))
                .andWaitForStateChange(() -> licensed(trial.id()), n -> n != null && n == 5)
                .andVerify(n -> assertThat(n).isEqualTo(5));

        assertThat(licences.state(admin, trial.id()).licensed()).isEqualTo(5);
        assertThat(licences.state(admin, trial.id()).occupied()).isZero();
        Subject anna = subjects.add(admin, trial.id(), new NewSubject("EMPLOYEE", "201", "Anna Berger",
                "anna@kunde.example", null));
        assertThat(subjects.subjects(member, trial.id())).extracting(Subject::extension).containsExactly("201");
        assertThat(anna.name()).isEqualTo("Anna Berger");
        assertThatThrownBy(() -> subjects.add(member, trial.id(), new NewSubject("EMPLOYEE", "202", "Bert",
                null, null))).isInstanceOf(ForbiddenException.class);
    }

    private Integer licensed(InstanceId id) {
        return jdbc.sql("select licensed from licence_pools where instance_id = ?").param(id.value())
                .query(Integer.class).optional().orElse(null);
    }

    private static CurrentUser user(Role role, CustomerId customer) {
        return new CurrentUser(new UserId(UUID.randomUUID()), role + "@kunde.example", role.name(), role, null, customer);
    }
}
