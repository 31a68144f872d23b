package org.switchboard.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.Address;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.CustomerInvitations;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.accounts.Role;
import org.switchboard.accounts.UserId;
import org.switchboard.catalog.Catalog;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.instances.InstanceEvents.SubscriptionActivated;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.NfrProvision;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.testing.ModuleIntegrationTest;

/**
 * The partner programme on its own: partners and customers are what the mocked accounts module
 * says, and what a change of level does to accounts and instances is checked on their mocks.
 */
@ModuleIntegrationTest
class PartnersModuleIntegrationTest {

    @MockitoBean
    AccountManagement accounts;
    @MockitoBean
    CustomerDirectory directory;
    @MockitoBean
    CustomerInvitations invitations;
    @MockitoBean
    Catalog catalog;
    @MockitoBean
    InstanceManagement instances;
    @MockitoBean
    NfrProvision nfr;
    @MockitoBean
    Outbox outbox;
    @MockitoBean
    AccountFixtures accountFixtures;

    @Autowired
    CommissionLedger ledger;
    @Autowired
    LevelReview review;
    @Autowired
    MembershipManagement membership;
    @Autowired
    ProgrammeOverview overview;
    @Autowired
    Clock clock;
    @Autowired
    JdbcClient jdbc;

    @Test
    void invoicesEarnCommissionAtTheLevelsRateAndTheQualifiedPartnerRises() {
        LocalDate today = LocalDate.now(clock);
        Partner partner = partner(today.minusMonths(2));
        Customer customer = customerOf(partner);
        CurrentUser admin = new CurrentUser(new UserId(UUID.randomUUID()), "admin@partner.example", "Pia",
                Role.PARTNER_ADMIN, partner.id(), null);
        CurrentUser operator = new CurrentUser(new UserId(UUID.randomUUID()), "op@switchboard.test", "Op",
                Role.OPERATOR, null, null);

        UUID first = UUID.randomUUID();
        assertThat(ledger.recordCustomerInvoice(new CustomerInvoice(first, customer.id(), partner.id(), today,
                Money.euros("1000.00"), Money.euros("0.00"), false))).isTrue();
        assertThat(ledger.recordCustomerInvoice(new CustomerInvoice(first, customer.id(), partner.id(), today,
                Money.euros("1000.00"), Money.euros("0.00"), false))).isFalse();
        assertThat(ledger.openLines(admin, partner.id())).extracting(CommissionLine::amount)
                .containsExactly(Money.euros("100.00"));
        assertThat(review.figures(partner.id(), today).turnover()).isEqualTo(Money.euros("1000.00"));
        verify(accounts, never()).changePartnerLevel(any(), any());

        // Listing, basic training and a new subscription: with 2,000.00 of turnover the partner is Certified.
        membership.submitListing(admin, partner.id(), "https://reseller.example.com/switchboard");
        membership.confirmListing(operator, partner.id());
        membership.recordTraining(partner.id(), false, today);
        review.recordSubscriptionActivated(new SubscriptionActivated(InstanceId.random(), customer.id(), Plan.BASIC,
                10, Money.euros("89.00"), Instant.now(clock), Instant.now(clock).plusSeconds(86400 * 365), true));
        verify(accounts, never()).changePartnerLevel(any(), any());
        ledger.recordCustomerInvoice(new CustomerInvoice(UUID.randomUUID(), customer.id(), partner.id(), today,
                Money.euros("1000.00"), Money.euros("0.00"), false));

        verify(accounts).changePartnerLevel(partner.id(), PartnerLevel.CERTIFIED);
        verify(nfr).provideNfrLicence(partner.id(), 10);
        ArgumentCaptor<OutgoingMail> mail = ArgumentCaptor.forClass(OutgoingMail.class);
        verify(outbox).send(mail.capture());
        assertThat(mail.getValue().to()).isEqualTo("admin@partner.example");
        assertThat(mail.getValue().subject()).isEqualTo("Your partner level is now Certified");
        assertThat(overview.standing(admin, partner.id()).changes()).extracting(LevelChange::to)
                .containsExactly(PartnerLevel.CERTIFIED);
    }

    private Partner partner(LocalDate registeredOn) {
        Partner partner = new Partner(PartnerId.random(), "Modul Reseller GmbH",
                new Address("Ring 1", "80331", "München", "DE"), null, null, null, null, PartnerLevel.REGISTERED, true,
                Instant.now(clock), registeredOn, 1);
        // Accounts is mocked, its tables are not: the rows the foreign keys of the programme ask for.
        jdbc.sql("insert into partners (id, name, country, status, created_at, registered_on) values (?, ?, 'DE', 'ACTIVE', now(), ?)")
                .params(partner.id().value(), partner.name(), registeredOn).update();
        when(directory.partner(partner.id())).thenReturn(Optional.of(partner));
        when(directory.activePartners()).thenReturn(List.of(partner));
        when(directory.partnerAdminEmails(partner.id())).thenReturn(List.of("admin@partner.example"));
        return partner;
    }

    private Customer customerOf(Partner partner) {
        Customer customer = new Customer(CustomerId.random(), "Modul Kunde GmbH",
                new Address("Hauptstr. 1", "10115", "Berlin", "DE"), null, partner.id(), partner.name(),
                Instant.now(clock), true, "kunde@example.com", false);
        jdbc.sql("insert into customers (id, name, country, partner_id, created_at) values (?, ?, 'DE', ?, now())")
                .params(customer.id().value(), customer.name(), partner.id().value()).update();
        when(directory.find(customer.id())).thenReturn(Optional.of(customer));
        return customer;
    }
}
