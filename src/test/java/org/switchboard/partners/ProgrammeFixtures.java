package org.switchboard.partners;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Role;
import org.switchboard.accounts.UserId;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.instances.InstanceEvents.SubscriptionActivated;
import org.switchboard.instances.InstanceId;
import org.switchboard.testing.IntegrationTestBase;
import org.switchboard.testing.MutableClock;

/** Partners moved through the programme the way the other modules and the operator move them. */
@Component
class ProgrammeFixtures {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final CurrentUser OPERATOR = new CurrentUser(UserId.random(), IntegrationTestBase.OPERATOR_EMAIL,
            "Olga Operator", Role.OPERATOR, null, null);

    final AccountFixtures accounts;
    final CommissionLedger ledger;
    final LevelReview review;
    final MembershipManagement membership;
    /** The tests' clock; absent where the application runs with its own (the benchmarks). */
    final ObjectProvider<MutableClock> clock;
    final PartnerDirectory directory;

    ProgrammeFixtures(AccountFixtures accounts, CommissionLedger ledger, LevelReview review,
            MembershipManagement membership, ObjectProvider<MutableClock> clock,
            PartnerDirectory directory) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.review = review;
        this.membership = membership;
        this.clock = clock;
        this.directory = directory;
    }

    static Instant at(LocalDate day) {
        return day.atTime(10, 0).atZone(BERLIN).toInstant();
    }

    void today(LocalDate day) {
        clock.getObject().set(at(day));
    }

    /** A partner registered (e-mail verified) on {@code day}. */
    PartnerAccount partnerRegisteredOn(LocalDate day, String name) {
        today(day);
        return accounts.verifiedPartner(name);
    }

    CustomerAccount customer(PartnerAccount partner, String name) {
        return accounts.invitedCustomer(partner, name, true);
    }

    void listingConfirmed(PartnerAccount partner) {
        membership.submitListing(partner.admin(), partner.id(), "https://reseller.example.com/switchboard");
        membership.confirmListing(OPERATOR, partner.id());
    }

    void subscriptionSold(CustomerAccount customer, LocalDate day) {
        today(day);
        review.recordSubscriptionActivated(new SubscriptionActivated(InstanceId.random(), customer.id(), Plan.BASIC,
                10, Money.euros("89.00"), at(day), at(day.plusYears(1)), true));
    }

    /** A partner that reached {@code level} on {@code day} (Certified or up), serving {@code regions}. */
    PartnerAccount partnerAt(org.switchboard.accounts.PartnerLevel level, LocalDate day, String name,
            java.util.List<String> regions, String directoryText) {
        PartnerAccount partner = partnerRegisteredOn(day, name);
        listingConfirmed(partner);
        membership.recordTraining(partner.id(), false, day);
        boolean premium = level.compareTo(org.switchboard.accounts.PartnerLevel.PREMIUM) >= 0;
        if (premium) {
            membership.recordTraining(partner.id(), true, day);
        }
        CustomerAccount customer = customer(partner, name + " Kunde");
        int subscriptions = switch (level) {
            case EXCELLENCE -> 8;
            case PREMIUM -> 4;
            default -> 1;
        };
        for (int i = 0; i < subscriptions; i++) {
            subscriptionSold(customer, day);
        }
        String net = switch (level) {
            case EXCELLENCE -> "20000.00";
            case PREMIUM -> "5000.00";
            default -> "2000.00";
        };
        invoiced(partner, customer, day, net, "0.00");
        directory.updateProfile(partner.admin(), partner.id(),
                new ProgrammeCommands.UpdateProfile(directoryText != null, directoryText, regions));
        return partner;
    }

    /** A customer invoice finalised (and handed in) on {@code day}. */
    UUID invoiced(PartnerAccount partner, CustomerAccount customer, LocalDate day, String subscriptions,
            String airtime) {
        today(day);
        UUID id = UUID.randomUUID();
        ledger.recordCustomerInvoice(new CustomerInvoice(id, customer.id(), partner.id(), day,
                Money.euros(subscriptions), Money.euros(airtime), false));
        return id;
    }
}
