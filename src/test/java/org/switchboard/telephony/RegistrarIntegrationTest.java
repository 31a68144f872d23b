package org.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.telephony.DeviceManagement.Registration;
import org.switchboard.telephony.TelephonyFixtures.Phone;
import org.switchboard.testing.IntegrationTestBase;

class RegistrarIntegrationTest extends IntegrationTestBase {

    @Autowired
    TelephonyFixtures fixtures;
    @Autowired
    DeviceManagement devices;

    @Test
    void aDeskPhoneRegistersWithDigestOverUdpAndTcp() {
        Setup setup = fixtures.instance(2, 2, 0);
        Phone phone = fixtures.phone(setup, "100", DeviceKind.DESK_PHONE);

        Sipp.Result udp = Sipp.client("register.xml", fixtures.sipPort(), phone.vars()).with(phone.auth()).run();
        assertThat(udp.passed()).as(udp.output()).isTrue();
        Sipp.Result tcp = Sipp.client("register.xml", fixtures.sipPort(), phone.vars()).with(phone.auth()).tcp().run();
        assertThat(tcp.passed()).as(tcp.output()).isTrue();

        List<Registration> registrations = devices.registrations(setup.customer().admin(), setup.instance());
        assertThat(registrations).hasSize(2).allSatisfy(r -> {
            assertThat(r.extension()).isEqualTo("100");
            assertThat(r.userAgent()).isEqualTo("sipp");
        });
        assertThat(registrations).extracting(Registration::source).anyMatch(s -> s.startsWith("udp:"))
                .anyMatch(s -> s.startsWith("tcp:"));
    }
}
