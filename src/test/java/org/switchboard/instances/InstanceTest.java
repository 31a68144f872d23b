package org.switchboard.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.switchboard.instances.InstanceFixtures.BERLIN;
import static org.switchboard.instances.InstanceFixtures.basic;
import static org.switchboard.instances.InstanceFixtures.berlin;
import static org.switchboard.instances.InstanceFixtures.mandate;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.instances.InstanceEvents.DowngradeScheduled;
import org.switchboard.instances.InstanceEvents.InstanceDeactivated;
import org.switchboard.instances.InstanceEvents.SubscriptionActivated;
import org.switchboard.instances.InstanceEvents.SubscriptionRenewed;
import org.switchboard.instances.InstanceEvents.SubscriptionUpgraded;
import org.switchboard.instances.InstanceEvents.TrialExpired;
import org.switchboard.instances.InstanceEvents.TrialExpiring;
import org.switchboard.instances.InstanceEvents.TrialStarted;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RefusedException;

class InstanceTest {

    @Test
    void aTrialRunsToTheEndOfItsThirtiethDayWithRemindersOnDays23And29() {
        Instant start = berlin(2026, 3, 1, 10, 15);
        Instance instance = InstanceFixtures.trial(start);

        assertThat(instance.status()).isEqualTo(InstanceStatus.TRIAL);
        assertThat(instance.trialEndsAt()).isEqualTo(berlin(2026, 3, 31, 0, 0));
        assertThat(instance.licensedConcurrentUsers()).isEqualTo(5);
        assertThat(instance.events()).singleElement().isInstanceOf(TrialStarted.class);
        assertThat(InstanceRules.trialDaysLeft(instance.trialEndsAt(), start, BERLIN)).isEqualTo(30);

        assertThat(instance.nextDueAt(BERLIN)).contains(berlin(2026, 3, 23, 0, 0));
        assertThat(instance.dueReminder(berlin(2026, 3, 22, 23, 59), BERLIN)).isEmpty();
        assertThat(instance.dueReminder(berlin(2026, 3, 23, 0, 0), BERLIN)).contains(7);
        instance.remind(7, berlin(2026, 3, 23, 0, 1));
        assertThat(instance.dueReminder(berlin(2026, 3, 23, 0, 2), BERLIN)).isEmpty();

        assertThat(instance.nextDueAt(BERLIN)).contains(berlin(2026, 3, 29, 0, 0));
        assertThat(instance.dueReminder(berlin(2026, 3, 29, 0, 0), BERLIN)).contains(1);
        instance.remind(1, berlin(2026, 3, 29, 0, 0));
        assertThat(InstanceRules.trialDaysLeft(instance.trialEndsAt(), berlin(2026, 3, 30, 12, 0), BERLIN)).isEqualTo(1);

        assertThat(instance.nextDueAt(BERLIN)).contains(berlin(2026, 3, 31, 0, 0));
        assertThatThrownBy(() -> instance.expireTrial(berlin(2026, 3, 30, 23, 59))).isInstanceOf(IllegalStateException.class);
        instance.expireTrial(berlin(2026, 3, 31, 3, 0)); // the job ran late: recorded at the end of day 30
        assertThat(instance.status()).isEqualTo(InstanceStatus.DEACTIVATED);
        assertThat(instance.deactivatedAt()).isEqualTo(berlin(2026, 3, 31, 0, 0));
        assertThat(instance.licensedAt(berlin(2026, 3, 30, 23, 59))).isEqualTo(5);
        assertThat(instance.licensedAt(berlin(2026, 3, 31, 0, 0))).isZero();
        assertThat(instance.events()).hasAtLeastOneElementOfType(TrialExpiring.class)
                .hasAtLeastOneElementOfType(TrialExpired.class).hasAtLeastOneElementOfType(InstanceDeactivated.class);

        // day 40: subscribed within the grace period
        Instant day40 = berlin(2026, 4, 9, 9, 30);
        instance.subscribe(basic(16), mandate(), day40, BERLIN, "admin@huber.example");
        assertThat(instance.status()).isEqualTo(InstanceStatus.ACTIVE);
        assertThat(instance.licensedConcurrentUsers()).isEqualTo(16);
        assertThat(instance.subscription().orElseThrow().monthlyNet()).isEqualTo(Money.euros("128.16"));
        assertThat(instance.subscription().orElseThrow().termEnd()).isEqualTo(berlin(2027, 4, 9, 9, 30));
        assertThat(instance.events()).filteredOn(SubscriptionActivated.class::isInstance).singleElement()
                .extracting(e -> ((SubscriptionActivated) e).fromTrial()).isEqualTo(true);
        assertThat(instance.licensedAt(day40.minusSeconds(1))).isZero();
        assertThat(instance.licensedAt(day40)).isEqualTo(16);
    }

    @Test
    void remindersFoundLateSendOnlyTheOneStillAhead() {
        Instance instance = InstanceFixtures.trial(berlin(2026, 3, 1, 10, 0));
        // the platform was down from day 20 to day 29
        assertThat(instance.dueReminder(berlin(2026, 3, 29, 8, 0), BERLIN)).contains(1);
        instance.remind(1, berlin(2026, 3, 29, 8, 0));
        assertThat(instance.dueReminder(berlin(2026, 3, 29, 8, 1), BERLIN)).isEmpty();
        assertThat(instance.events()).filteredOn(TrialExpiring.class::isInstance).hasSize(1);
    }

    @Test
    void aDeactivatedTrialCanBeSubscribedForThirtyDaysThenItIsDeleted() {
        Instance instance = InstanceFixtures.trial(berlin(2026, 3, 1, 10, 0));
        instance.expireTrial(berlin(2026, 3, 31, 0, 0));
        assertThat(instance.nextDueAt(BERLIN)).contains(berlin(2026, 4, 30, 0, 0));
        assertThatThrownBy(() -> instance.subscribe(basic(5), mandate(), berlin(2026, 4, 30, 0, 0), BERLIN, "a"))
                .isInstanceOf(RefusedException.class).hasMessageContaining("can no longer be subscribed");
        instance.delete(berlin(2026, 4, 30, 0, 5));
        assertThat(instance.status()).isEqualTo(InstanceStatus.DELETED);
        assertThat(instance.nextDueAt(BERLIN)).isEmpty();
        assertThatThrownBy(() -> instance.withdrawScheduledChange(berlin(2026, 5, 1, 0, 0), "a"))
                .isInstanceOf(RefusedException.class).hasMessageContaining("deleted");
    }

    @Test
    void anUpgradeOnThe17thAtNoonAppliesAtThatInstant() {
        Instant activated = berlin(2026, 3, 10, 9, 0);
        Instance instance = InstanceFixtures.subscribed(16, activated);
        Instant upgrade = berlin(2026, 3, 17, 12, 0);

        assertThat(instance.classifyChange(Plan.BASIC, 30)).isEqualTo(Instance.ChangeKind.UPGRADE);
        instance.upgrade(basic(30), upgrade, "admin@huber.example");

        assertThat(instance.licensedConcurrentUsers()).isEqualTo(30);
        assertThat(instance.licensedAt(upgrade.minusMillis(1))).isEqualTo(16);
        assertThat(instance.licensedAt(upgrade)).isEqualTo(30);
        assertThat(instance.subscription().orElseThrow().monthlyNet()).isEqualTo(Money.euros("227.10"));
        assertThat(instance.subscription().orElseThrow().termEnd()).isEqualTo(berlin(2027, 3, 10, 9, 0));
        SubscriptionUpgraded event = (SubscriptionUpgraded) instance.events().stream()
                .filter(SubscriptionUpgraded.class::isInstance).findFirst().orElseThrow();
        assertThat(event.at()).isEqualTo(upgrade);
        assertThat(event.fromMonthlyNet()).isEqualTo(Money.euros("128.16"));
        assertThat(event.toMonthlyNet()).isEqualTo(Money.euros("227.10"));
        InstanceChange last = instance.history().get(instance.history().size() - 1);
        assertThat(last.kind()).isEqualTo(InstanceChange.Kind.UPGRADED);
        assertThat(last.actor()).isEqualTo("admin@huber.example");
        assertThat(last.from()).contains("16 concurrent users");
        assertThat(last.to()).contains("30 concurrent users");
    }

    @Test
    void aDowngradeIsScheduledForTheTermEndCanBeWithdrawnAndIsAppliedAtRenewal() {
        Instant activated = berlin(2026, 3, 10, 9, 0);
        Instance instance = InstanceFixtures.subscribed(30, activated);
        Instant termEnd = berlin(2027, 3, 10, 9, 0);

        instance.scheduleDowngrade(Plan.BASIC, 20, berlin(2026, 6, 1, 10, 0), "admin");
        assertThat(instance.licensedConcurrentUsers()).isEqualTo(30);
        assertThat(instance.scheduledChange()).get().extracting(ScheduledChange::effectiveAt).isEqualTo(termEnd);
        assertThat(instance.events()).hasAtLeastOneElementOfType(DowngradeScheduled.class);

        instance.withdrawScheduledChange(berlin(2026, 7, 1, 10, 0), "admin");
        assertThat(instance.scheduledChange()).isEmpty();
        assertThat(instance.nextTermConcurrentUsers()).isEqualTo(30);

        instance.scheduleDowngrade(Plan.BASIC, 20, berlin(2026, 8, 1, 10, 0), "admin");
        assertThat(instance.nextTermConcurrentUsers()).isEqualTo(20);
        instance.endTerm(basic(20), BERLIN);

        assertThat(instance.status()).isEqualTo(InstanceStatus.ACTIVE);
        assertThat(instance.licensedConcurrentUsers()).isEqualTo(20);
        assertThat(instance.licensedAt(termEnd.minusSeconds(1))).isEqualTo(30);
        assertThat(instance.licensedAt(termEnd)).isEqualTo(20);
        assertThat(instance.subscription().orElseThrow().termStart()).isEqualTo(termEnd);
        assertThat(instance.subscription().orElseThrow().termEnd()).isEqualTo(berlin(2028, 3, 10, 9, 0));
        assertThat(instance.subscription().orElseThrow().monthlyNet()).isEqualTo(Money.euros("160.20"));
        assertThat(instance.scheduledChange()).isEmpty();
        assertThat(instance.events()).hasAtLeastOneElementOfType(SubscriptionRenewed.class);
        assertThat(instance.history()).extracting(InstanceChange::kind)
                .contains(InstanceChange.Kind.DOWNGRADED, InstanceChange.Kind.RENEWED);
    }

    @Test
    void aRenewalWithoutChangesKeepsTheCountForAnotherYear() {
        Instance instance = InstanceFixtures.subscribed(16, berlin(2026, 3, 10, 9, 0));
        instance.endTerm(basic(16), BERLIN);
        assertThat(instance.subscription().orElseThrow().termEnd()).isEqualTo(berlin(2028, 3, 10, 9, 0));
        assertThat(instance.licensedConcurrentUsers()).isEqualTo(16);
        assertThat(instance.nextDueAt(BERLIN)).contains(berlin(2028, 3, 10, 9, 0));
    }

    @Test
    void aCancelledInstanceRunsToTheTermEndThenIsDeactivated() {
        Instance instance = InstanceFixtures.subscribed(16, berlin(2026, 3, 10, 9, 0));
        instance.cancel(berlin(2026, 5, 1, 9, 0), "admin");
        assertThat(instance.status()).isEqualTo(InstanceStatus.CANCELLED);
        assertThat(instance.licensedConcurrentUsers()).isEqualTo(16);
        assertThatThrownBy(() -> instance.cancel(berlin(2026, 5, 2, 9, 0), "admin")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> instance.upgrade(basic(20), berlin(2026, 5, 2, 9, 0), "admin"))
                .isInstanceOf(RefusedException.class);

        instance.withdrawScheduledChange(berlin(2026, 6, 1, 9, 0), "admin");
        assertThat(instance.status()).isEqualTo(InstanceStatus.ACTIVE);
        instance.cancel(berlin(2026, 7, 1, 9, 0), "admin");

        instance.endTerm(basic(16), BERLIN);
        assertThat(instance.status()).isEqualTo(InstanceStatus.DEACTIVATED);
        assertThat(instance.deactivatedAt()).isEqualTo(berlin(2027, 3, 10, 9, 0));
        assertThat(instance.licensedConcurrentUsers()).isZero();
        assertThat(instance.events()).filteredOn(InstanceDeactivated.class::isInstance).singleElement()
                .extracting(e -> ((InstanceDeactivated) e).reason()).isEqualTo("CANCELLED");
    }

    @Test
    void changesAreClassifiedAndNonsenseIsRefused() {
        Instance instance = InstanceFixtures.subscribed(16, berlin(2026, 3, 10, 9, 0));
        assertThat(instance.classifyChange(Plan.BASIC, 16)).isEqualTo(Instance.ChangeKind.NONE);
        assertThat(instance.classifyChange(Plan.PREMIUM, 16)).isEqualTo(Instance.ChangeKind.UPGRADE);
        assertThat(instance.classifyChange(Plan.BASIC, 10)).isEqualTo(Instance.ChangeKind.DOWNGRADE);
        assertThatThrownBy(() -> instance.classifyChange(Plan.PREMIUM, 10)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> instance.classifyChange(Plan.BASIC, 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> instance.upgrade(basic(10), berlin(2026, 4, 1, 0, 0), "a"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> instance.scheduleDowngrade(Plan.BASIC, 20, berlin(2026, 4, 1, 0, 0), "a"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> instance.subscribe(basic(5), mandate(), berlin(2026, 4, 1, 0, 0), BERLIN, "a"))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void anUpgradeDropsAScheduledDowngrade() {
        Instance instance = InstanceFixtures.subscribed(30, berlin(2026, 3, 10, 9, 0));
        instance.scheduleDowngrade(Plan.BASIC, 20, berlin(2026, 4, 1, 9, 0), "a");
        instance.upgrade(basic(40), berlin(2026, 5, 1, 9, 0), "a");
        assertThat(instance.scheduledChange()).isEmpty();
        assertThat(instance.nextTermConcurrentUsers()).isEqualTo(40);
    }

    @Test
    void termEndFollowsTheCalendarYearInBerlin() {
        assertThat(InstanceRules.termEnd(berlin(2028, 2, 29, 12, 0), BERLIN)).isEqualTo(berlin(2029, 2, 28, 12, 0));
        // across the change to summer time the trial still ends at midnight, Berlin time
        assertThat(InstanceRules.trialEnd(berlin(2026, 3, 20, 23, 30), BERLIN)).isEqualTo(berlin(2026, 4, 19, 0, 0));
    }

    @Test
    void anNfrSystemIsSizedByThePartnerLevelAndCannotBeSold() {
        Instance nfr = Instance.grantNfr(InstanceId.random(), org.switchboard.accounts.CustomerId.random(), "NFR",
                Subdomain.of("partner-nfr"), "DE", 10, berlin(2026, 3, 1, 10, 0));
        assertThat(nfr.status()).isEqualTo(InstanceStatus.NFR);
        assertThat(nfr.licensedConcurrentUsers()).isEqualTo(10);
        assertThat(nfr.nextDueAt(BERLIN)).isEmpty();
        assertThatThrownBy(() -> nfr.subscribe(basic(10), mandate(), berlin(2026, 3, 2, 0, 0), BERLIN, "a"))
                .isInstanceOf(RefusedException.class).hasMessageContaining("not for resale");
        assertThatThrownBy(() -> nfr.classifyChange(Plan.BASIC, 20)).isInstanceOf(RefusedException.class);

        nfr.resizeNfr(50, berlin(2026, 6, 1, 0, 0));
        nfr.resizeNfr(0, berlin(2027, 1, 1, 0, 0));
        assertThat(nfr.status()).isEqualTo(InstanceStatus.DEACTIVATED);
        assertThat(nfr.nextDueAt(BERLIN)).isEmpty();
        assertThat(nfr.licensedAt(berlin(2026, 5, 31, 0, 0))).isEqualTo(10);
        assertThat(nfr.licensedAt(berlin(2026, 6, 1, 0, 0))).isEqualTo(50);
        assertThat(nfr.licensedAt(berlin(2027, 1, 1, 0, 0))).isZero();
        assertThatThrownBy(() -> nfr.subscribe(basic(10), mandate(), berlin(2027, 1, 2, 0, 0), BERLIN, "a"))
                .isInstanceOf(RefusedException.class);
    }
}
