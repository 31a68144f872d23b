package org.switchboard.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.connector.CallRecord.Direction;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.Api;
import org.switchboard.testing.IntegrationTestBase;

/**
 * The port the embedded SIP core calls in process gives the same decisions, and keeps the same
 * call records, as the connector API over HTTP: both go through one code path.
 */
class PhoneSystemPortIntegrationTest extends IntegrationTestBase {

    @Autowired
    PhoneSystemPort phoneSystems;

    @Autowired
    LicensingFixtures fixtures;

    @Test
    void licenceEventsInProcessAreDecidedByTheRulesAndSeenOverHttp() {
        Setup setup = fixtures.subscribed(1, 2, 0);
        Instant now = clock.instant();

        Decision first = phoneSystems.report(setup.instance(),
                new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, "100", "call-1", "+4930123456", now));
        assertThat(first.admitted()).isTrue();
        assertThat(first.occupied()).isEqualTo(1);

        Decision refused = phoneSystems.report(setup.instance(),
                new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, "101", "call-2", "+4930123457", now));
        assertThat(refused.verdict()).isEqualTo(Verdict.CALL_REFUSED);

        Decision emergency = phoneSystems.report(setup.instance(),
                new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, "101", "call-3", "+49112", now));
        assertThat(emergency.verdict()).isEqualTo(Verdict.EMERGENCY_OVER_LIMIT);
        assertThat(emergency.emergency()).isTrue();

        Response licence = new Api(port).bearer(setup.key()).get(setup.path() + "/licence");
        assertThat(licence.json().path("licensed").asInt()).as(licence.toString()).isEqualTo(1);
        assertThat(licence.json().path("occupied").asInt()).as(licence.toString()).isEqualTo(2);
        assertThat(licence.json().path("holders").get(1).path("subject").asString()).isEqualTo("101");
        assertThat(licence.json().path("holders").get(1).path("overLimit").asBoolean()).isTrue();

        assertThat(phoneSystems.report(setup.instance(),
                new LicenceEvent(EventType.CALL_ENDED, "100", "call-1", null, now)).verdict())
                .isEqualTo(Verdict.RELEASED);
        assertThat(phoneSystems.report(setup.instance(),
                new LicenceEvent(EventType.CALL_ENDED, "101", "call-3", null, now)).verdict())
                .isEqualTo(Verdict.RELEASED);
        assertThat(new Api(port).bearer(setup.key()).get(setup.path() + "/licence").json().path("occupied").asInt())
                .isZero();
    }

    @Test
    void anEventOfAnUnknownSubjectIsRefusedAsInvalidInput() {
        Setup setup = fixtures.subscribed(1, 1, 0);
        assertThatThrownBy(() -> phoneSystems.report(setup.instance(),
                new LicenceEvent(EventType.DESKTOP_OPENED, "555", "d-1", null, clock.instant())))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void severalEventsAtOnceAreDecidedInTheirOrderAndAnInvalidOneIsAnsweredWithNull() {
        Setup setup = fixtures.subscribed(1, 2, 0);
        Instant now = clock.instant();

        List<Decision> decisions = phoneSystems.reportAll(setup.instance(), List.of(
                new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, "100", "b-1", "+4930123456", now),
                new LicenceEvent(EventType.DESKTOP_OPENED, "555", "b-2", null, now),
                new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, "101", "b-3", "+4930123457", now),
                new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, "101", "b-4", "+4930123457",
                        now.minusSeconds(2 * 3600)),
                new LicenceEvent(EventType.CALL_ENDED, "100", "b-1", null, now),
                new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, "101", "b-5", "+4930123458", now)));

        assertThat(decisions).hasSize(6);
        assertThat(decisions.get(0).admitted()).isTrue();
        assertThat(decisions.get(1)).as("an unknown subject").isNull();
        assertThat(decisions.get(2).verdict()).isEqualTo(Verdict.CALL_REFUSED);
        assertThat(decisions.get(3)).as("two hours old").isNull();
        assertThat(decisions.get(4).verdict()).isEqualTo(Verdict.RELEASED);
        assertThat(decisions.get(5).admitted()).as("admitted once 100's call ended before it").isTrue();
    }

    @Test
    void callRecordsInProcessAndOverHttpAreOneStoreIdempotentByCallId() {
        Setup setup = fixtures.subscribed(2, 1, 0);
        Instant start = clock.instant().minusSeconds(600);
        CallRecord call = new CallRecord("sip-call-1", "100", "+4930111111", "+4989222222", start,
                start.plusSeconds(5), start.plusSeconds(125), Direction.OUTBOUND, CallRecord.PLATFORM_TRUNK);

        CallBatchResult stored = phoneSystems.record(setup.instance(), List.of(call));
        assertThat(stored.stored()).isEqualTo(1);
        assertThat(stored.duplicates()).isZero();

        Response again = new Api(port).bearer(setup.key()).post(setup.path() + "/cdrs", List.of(Map.of(
                "callId", "sip-call-1", "subject", "100", "from", "+4930111111", "to", "+4989222222",
                "start", start.toString(), "answer", start.plusSeconds(5).toString(),
                "end", start.plusSeconds(125).toString(), "direction", "OUTBOUND", "trunk", "platform")));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("stored").asInt()).isZero();
        assertThat(again.json().path("duplicates").asInt()).isEqualTo(1);
    }
}
