package org.switchboard.licensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.connector.Verdict;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.mail.Outbox;
import org.switchboard.mail.StoredMail;
import org.switchboard.testing.IntegrationTestBase;

/**
 * A refused licence is mailed to the customer's admins and its partner's admins, at most once an hour
 * per phone system, on any number of nodes: the refusals of a busy pool within the hour send nothing
 * more.
 */
class RefusalAlertsIntegrationTest extends IntegrationTestBase {

    @Autowired
    PhoneSystemPort phoneSystems;

    @Autowired
    LicensingFixtures fixtures;

    @Autowired
    Outbox outbox;

    @Autowired
    RefusalAlerts alerts;

    @Test
    void theCustomersAndThePartnersAdminsHearOfARefusalOnceAnHourPerPhoneSystem() throws InterruptedException {
        Setup setup = fixtures.subscribed(1, 3, 0);
        String subject = "Licence limit reached at " + setup.customer().company();
        assertThat(report(setup, EventType.OUTBOUND_CALL_STARTED, "100", "c-1")).isEqualTo(Verdict.ADMITTED);
        assertThat(report(setup, EventType.OUTBOUND_CALL_STARTED, "101", "c-2")).isEqualTo(Verdict.CALL_REFUSED);

        List<StoredMail> first = mailsWhenThereAre(1, setup.customer().email(), subject);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).body()).contains("all 1 concurrent-user licences were in use")
                .contains("/licensing/instances/" + setup.instance().value());
        assertThat(mailsWhenThereAre(1, setup.partner().email(), subject)).hasSize(1);

        // another node's alert within the hour, which does not know this node sent one: the claim refuses it
        alerts.alert(setup.instance().value(), setup.customer().id().value(), 1);
        assertThat(alerts(setup.customer().email(), subject)).hasSize(1);

        // more refusals within the hour, each its own batch: no further mail
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(report(setup, EventType.OUTBOUND_CALL_STARTED, "102", "c-r" + i))
                    .isEqualTo(Verdict.CALL_REFUSED);
        }
        // past the hour: the next refusal mails again. Alerts are sent one after the other, so once
        // this one is out, every refusal before it has been dealt with.
        clock.advance(Duration.ofMinutes(11));
        Instant pastTheHour = clock.instant();
        assertThat(report(setup, EventType.DESKTOP_OPENED, "101", "d-1")).isEqualTo(Verdict.DESKTOP_REFUSED);
        for (String address : List.of(setup.customer().email(), setup.partner().email())) {
            List<StoredMail> mails = mailsOnceOneIsFrom(pastTheHour, address, subject);
            assertThat(mails).as(address).hasSize(2);
        }
    }

    private Verdict report(Setup setup, EventType type, String subject, String ref) {
        String destination = type == EventType.OUTBOUND_CALL_STARTED ? "+4930123456" : null;
        return phoneSystems.report(setup.instance(), new LicenceEvent(type, subject, ref, destination, clock.instant(),
                null)).verdict();
    }

    /** The alerts to this address once there are {@code count} (sent after the batch's commit, on their own thread). */
    private List<StoredMail> mailsWhenThereAre(int count, String address, String subject) throws InterruptedException {
        return alertsOnce(address, subject, mails -> mails.size() >= count);
    }

    /** The alerts to this address, newest first, once one of them was sent at or after {@code since}. */
    private List<StoredMail> mailsOnceOneIsFrom(Instant since, String address, String subject)
            throws InterruptedException {
        return alertsOnce(address, subject, mails -> mails.stream().anyMatch(m -> !m.createdAt().isBefore(since)));
    }

    /** The alerts to this address as soon as {@code done} holds for them, or as they are after 10 s. */
    private List<StoredMail> alertsOnce(String address, String subject, Predicate<List<StoredMail>> done)
            throws InterruptedException {
        List<StoredMail> mails = alerts(address, subject);
        for (int i = 0; i < 200 && !done.test(mails); i++) {
            Thread.sleep(50);
            mails = alerts(address, subject);
        }
        return mails;
    }

    private List<StoredMail> alerts(String address, String subject) {
        return outbox.to(address).stream().filter(m -> m.subject().equals(subject)).toList();
    }
}
