package org.switchboard.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.phone.PhoneFixtures.EmployeeLogin;
import org.switchboard.phone.PhoneFixtures.Office;
import org.switchboard.telephony.Sipp;
import org.switchboard.telephony.media.RtpEngine;
import org.switchboard.testing.BrowserTestBase;

/**
 * With rtpengine configured, a browser's call to the carrier (sipp echoing the RTP it receives)
 * has audio: rtpengine turns the browser's DTLS-SRTP with ICE into plain RTP toward the carrier and
 * back. The same call without rtpengine ends at once ({@link PhoneBrowserTest}).
 */
class PhoneMediaRelayBrowserTest extends BrowserTestBase {

    static RtpEngine rtpengine;

    @DynamicPropertySource
    static void mediaRelay(DynamicPropertyRegistry registry) {
        if (RtpEngine.available()) {
            rtpengine = RtpEngine.start("127.0.0.1");
            registry.add("switchboard.media.rtpengine", rtpengine::control);
        }
    }

    @AfterAll
    static void stopRtpengine() {
        if (rtpengine != null) {
            rtpengine.close();
        }
    }

    @Autowired
    PhoneFixtures fixtures;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(b -> {
            try {
                b.quit();
            } catch (RuntimeException e) {
                // closed by the test already
            }
        });
        browsers.clear();
    }

    @Test
    void aBrowserCallsTheCarrierThroughRtpengineAndHearsItsEcho() {
        Assumptions.assumeTrue(rtpengine != null, "rtpengine (Debian rtpengine-daemon) is needed");
        Assumptions.assumeTrue(Sipp.available(), "sipp is needed");
        Office office = fixtures.office(1, 1);
        EmployeeLogin anna = office.employees().get(0);
        Map<String, String> vars = new HashMap<>();
        vars.put("expect", "\\+4930123456");
        vars.put("carrieruser", CARRIER_USER);
        vars.put("carrierpassword", CARRIER_PASSWORD);
        // the carrier answers with plain RTP (RTP/AVP, PCMU) and sends back every RTP packet it receives
        Sipp carrier = Sipp.server("carrier_answer.xml", CARRIER_PORT, 1, vars).with("-rtp_echo").start();

        WebDriver a = PhoneBrowserTest.client(browsers, url(""), anna);
        PhoneBrowserTest.licenceState(a, "held");
        PhoneBrowserTest.dial(a, "030123456");
        PhoneBrowserTest.callState(a, "talking");
        assertThat(rtpengine.calls()).as(rtpengine.log()).hasSize(1);
        // the browser's own audio comes back through rtpengine and the carrier: bytes received, and growing
        PhoneBrowserTest.audioFlows(a);
        a.findElement(By.id("hangup-button")).click();
        PhoneBrowserTest.callState(a, "idle");
        Sipp.Result result = carrier.await();
        assertThat(result.passed()).as(result.output()).isTrue();
        // the call was deleted at rtpengine when it ended
        Eventually.within(java.time.Duration.ofSeconds(5), () -> assertThat(rtpengine.calls()).isEmpty());
    }
}
