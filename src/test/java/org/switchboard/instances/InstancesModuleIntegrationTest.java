package org.switchboard.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.Address;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.Role;
import org.switchboard.accounts.UserId;
import org.switchboard.catalog.Catalog;
import org.switchboard.instances.InstanceCommands.CreateInstance;
import org.switchboard.instances.InstanceEvents.TrialStarted;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.mail.Outbox;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.testing.ModuleIntegrationTest;

/** Instances on their own: accounts (who the customer is) and the catalog are mocked. */
@ModuleIntegrationTest
class InstancesModuleIntegrationTest {

    @MockitoBean
    AccountManagement accounts;
    @MockitoBean
    CustomerDirectory directory;
    @MockitoBean
    Catalog catalog;
    @MockitoBean
    Outbox outbox;

    @Autowired
    InstanceSales sales;
    @Autowired
    InstanceManagement instances;
    @Autowired
    Clock clock;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aCustomerAdminStartsOneTrialOfTheTrialSizeAndItIsAnnounced(AssertablePublishedEvents events) {
        CustomerId id = CustomerId.random();
        Customer customer = new Customer(id, "Modul Kunde GmbH", new Address("Hauptstr. 1", "10115", "Berlin", "DE"),
                null, null, null, Instant.now(clock), true, "admin@kunde.example", false);
        CurrentUser admin = new CurrentUser(new UserId(UUID.randomUUID()), "admin@kunde.example", "Ada Admin",
                Role.CUSTOMER_ADMIN, null, id);
        when(accounts.customer(any(), eq(id))).thenReturn(customer);
        // Accounts is mocked, its tables are not: the row the foreign keys of instances ask for.
        jdbc.sql("insert into customers (id, name, country, created_at) values (?, ?, 'DE', now())")
                .params(id.value(), customer.name()).update();
        String subdomain = "modul-" + UUID.randomUUID().toString().substring(0, 8);

        InstanceDetails trial = sales.create(admin, new CreateInstance("Head office", subdomain, "de", true,
                null, null, null, null, null));

        assertThat(trial.instance().status()).isEqualTo(InstanceStatus.TRIAL);
        assertThat(trial.licensedNow()).isEqualTo(instances.trialConcurrentUsers());
        assertThat(trial.trialDaysLeft()).isEqualTo(30);
        assertThat(trial.instance().country()).isEqualTo("DE");
        assertThat(instances.instance(admin, trial.instance().id()).customer()).isEqualTo(customer);
        events.assertThat().contains(TrialStarted.class)
                .matching(e -> e.instanceId().equals(trial.instance().id())
                        && e.concurrentUsers() == instances.trialConcurrentUsers());

        assertThatThrownBy(() -> sales.create(admin, new CreateInstance("Branch", subdomain + "-2", "DE", true,
                null, null, null, null, null))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("Only one trial per customer account");
        assertThatThrownBy(() -> instances.changeTrialConcurrentUsers(admin, 8))
                .isInstanceOf(ForbiddenException.class).hasMessage("Only operators set the trial size.");
        assertThat(instances.instances(admin, Optional.empty())).isEmpty(); // the mocked accounts list no customers
    }
}
