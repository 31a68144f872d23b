package org.switchboard.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.licensing.internal.LicenceWriter;
import org.switchboard.testing.IntegrationTestBase;

/** The licence writer stops and starts again with its application context, and decides events after it. */
class LicenceWriterRestartIntegrationTest extends IntegrationTestBase {

    @Autowired
    LicenceWriter writer;

    @Autowired
    PhoneSystemPort phoneSystems;

    @Autowired
    LicensingFixtures fixtures;

    @Test
    void decidesEventsAfterAStopAndAStart() {
        Setup setup = fixtures.subscribed(1, 1, 0);
        writer.stop();
        assertThat(writer.isRunning()).isFalse();
        writer.start();
        assertThat(writer.isRunning()).isTrue();

        assertThat(phoneSystems.report(setup.instance(), new LicenceEvent(EventType.DESKTOP_OPENED, "100", "d-1", null,
                clock.instant())).admitted()).isTrue();
    }
}
