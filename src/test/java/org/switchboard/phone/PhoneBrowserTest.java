package org.switchboard.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.connector.Reason;
import org.switchboard.licensing.Holder;
import org.switchboard.licensing.LicenceManagement;
import org.switchboard.phone.PhoneFixtures.EmployeeLogin;
import org.switchboard.phone.PhoneFixtures.Office;
import org.switchboard.testing.Api;
import org.switchboard.testing.BrowserTestBase;

/**
 * The desktop client in Chromium with fake microphones: employees call each other with audio over
 * WebRTC, a full pool leaves a client able to receive only, and a closed tab frees its licence.
 */
class PhoneBrowserTest extends BrowserTestBase {

    @Autowired
    PhoneFixtures fixtures;
    @Autowired
    LicenceManagement licences;

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
        Api operator = new Api(port).as(OPERATOR_EMAIL, PASSWORD);
        operator.put("/api/v1/licensing/settings", Map.of("heartbeatTimeoutSeconds", 90, "callTimeoutSeconds", 43200));
    }

    @Test
    void twoEmployeesTalkAThirdCanOnlyReceiveUntilATabClosesThenCalls() {
        // the operator shortens the heartbeat timeout: the client refreshes its registration a third as often
        Api operator = new Api(port).as(OPERATOR_EMAIL, PASSWORD);
        assertThat(operator.put("/api/v1/licensing/settings", Map.of("heartbeatTimeoutSeconds", 60,
                "callTimeoutSeconds", 43200)).status()).isEqualTo(200);
        Office office = fixtures.office(2, 3);
        EmployeeLogin anna = office.employees().get(0);
        EmployeeLogin ben = office.employees().get(1);
        EmployeeLogin carl = office.employees().get(2);

        WebDriver a = client(anna);
        licenceState(a, "held");
        WebDriver b = client(ben);
        licenceState(b, "held");
        WebDriver c = client(carl);
        licenceState(c, "refused");
        assertThat(c.findElement(By.id("licence-status")).getText()).contains("receive calls only");

        // the customer admin's live view: whose client is open, with a licence or receiving only
        logIn(office.setup().customer().email(), PASSWORD);
        open("/licensing/instances/" + office.setup().instance().value());
        waitForText(By.id("client-" + anna.extension()), "held by the client");
        waitForText(By.id("client-" + ben.extension()), "held by the client");
        waitForText(By.id("client-" + carl.extension()), "receives calls only");

        // Anna calls Ben: his client rings with her name and number; he answers; audio flows both ways
        dial(a, ben.extension());
        wait(b).until(ExpectedConditions.visibilityOfElementLocated(By.id("incoming")));
        assertThat(b.findElement(By.id("incoming-caller")).getText()).isEqualTo(anna.name());
        assertThat(b.findElement(By.id("incoming-number")).getText()).isEqualTo(anna.extension());
        b.findElement(By.id("answer-button")).click();
        callState(a, "talking");
        callState(b, "talking");
        audioFlows(a);
        audioFlows(b);
        // presence: both on a call, Carl free
        wait(c).until(d -> presence(d, anna.extension()).equals("ON_A_CALL") && presence(d, ben.extension()).equals("ON_A_CALL"));
        // DTMF, hold, mute in the call
        a.findElement(By.cssSelector("#dial-pad button[data-key='5']")).click();
        assertThat(a.findElement(By.id("dtmf-sent")).getText()).isEqualTo("5");
        a.findElement(By.id("hold-button")).click();
        callState(a, "held");
        a.findElement(By.id("hold-button")).click();
        callState(a, "talking");
        a.findElement(By.id("mute-button")).click();
        assertThat(a.findElement(By.id("mute-button")).getText()).isEqualTo("Unmute");
        a.findElement(By.id("hangup-button")).click();
        callState(a, "idle");
        callState(b, "idle");
        // the call is in both histories
        wait(b).until(d -> !d.findElements(By.cssSelector("#history tr")).isEmpty());

        // Anna pairs her mobile (this page stands in for the app) with the code her client shows, and unpairs it
        a.findElement(By.id("pairing-button")).click();
        wait(a).until(ExpectedConditions.visibilityOfElementLocated(By.id("pairing-code")));
        String code = a.findElement(By.id("pairing-code")).getText();
        assertThat(a.findElements(By.cssSelector("#pairing-qr svg"))).hasSize(1);
        browser.manage().deleteAllCookies();
        open("/mobile?code=" + code);
        type("deviceName", "Anna's phone");
        browser.findElement(By.id("pair-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(By.id("pair-status"),
                "data-state", "paired"));
        wait(a).until(ExpectedConditions.textToBePresentInElementLocated(By.id("mobiles"), "Anna's phone"));
        assertThat(holders(office)).anySatisfy(h -> assertThat(h.reasons()).contains(Reason.MOBILE_PAIRING,
                Reason.DESKTOP_SESSION));
        a.findElement(By.cssSelector("#mobiles button.unpair")).click();
        wait(a).until(d -> d.findElements(By.cssSelector("#mobiles tr")).isEmpty());
        assertThat(holders(office)).noneSatisfy(h -> assertThat(h.reasons()).contains(Reason.MOBILE_PAIRING));

        // Carl's client has no licence: his call is refused with the reason
        dial(c, anna.extension());
        wait(c).until(ExpectedConditions.textToBePresentInElementLocated(By.id("call-error"), "Licence limit reached"));

        // Ben closes his tab: his desktop session ends and Carl's call goes through
        b.quit();
        browsers.remove(b);
        long closed = System.nanoTime();
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(holders(office))
                .noneMatch(h -> h.subject().equals(ben.extension())));
        assertThat(Duration.ofNanos(System.nanoTime() - closed)).isLessThan(Duration.ofSeconds(60));
        dial(c, anna.extension());
        wait(a).until(ExpectedConditions.visibilityOfElementLocated(By.id("incoming")));
        a.findElement(By.id("answer-button")).click();
        callState(c, "talking");
        audioFlows(c);
        assertThat(holders(office)).anySatisfy(h -> {
            assertThat(h.subject()).isEqualTo(carl.extension());
            assertThat(h.reasons()).contains(Reason.OUTBOUND_CALL);
        });
        c.findElement(By.id("hangup-button")).click();
        callState(a, "idle");
    }

    @Test
    void onAFullPoolAnEmergencyCallGoesOutAndSigningOutFreesTheLicenceForTheWaitingEmployee() {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.switchboard.telephony.Sipp.available(), "sipp is needed");
        Office office = fixtures.office(1, 3);
        EmployeeLogin anna = office.employees().get(0);
        EmployeeLogin ben = office.employees().get(1);
        EmployeeLogin carl = office.employees().get(2);
        WebDriver a = client(anna);
        licenceState(a, "held");
        WebDriver b = client(ben);
        licenceState(b, "refused");
        WebDriver c = client(carl);
        licenceState(c, "refused");

        // Ben has no licence, yet his emergency call (the instance's country: Germany, 112) reaches the carrier
        Map<String, String> vars = new java.util.HashMap<>();
        vars.put("expect", "112");
        vars.put("carrieruser", CARRIER_USER);
        vars.put("carrierpassword", CARRIER_PASSWORD);
        org.switchboard.telephony.Sipp carrier = org.switchboard.telephony.Sipp.server("carrier_answer.xml",
                CARRIER_PORT, 1, vars).start();
        dial(b, "112");
        org.switchboard.telephony.Sipp.Result result = carrier.await();
        assertThat(result.passed()).as(result.output()).isTrue();
        callState(b, "idle");
        wait(b).until(d -> d.findElements(By.cssSelector("#history tr")).stream()
                .anyMatch(tr -> tr.getText().contains("112")));
        // an ordinary call is still refused: the pool is full
        dial(b, carl.extension());
        wait(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("call-error"), "Licence limit reached"));

        // Anna signs out: her desktop session ends with it, and Ben's call to Carl goes through
        a.findElement(By.id("logout")).click();
        wait(a).until(ExpectedConditions.urlContains("loggedOut"));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(holders(office))
                .noneMatch(h -> h.subject().equals(anna.extension())));
        dial(b, carl.extension());
        wait(c).until(ExpectedConditions.visibilityOfElementLocated(By.id("incoming")));
        c.findElement(By.id("answer-button")).click();
        callState(b, "talking");
        audioFlows(c);
        assertThat(holders(office)).anySatisfy(h -> {
            assertThat(h.subject()).isEqualTo(ben.extension());
            assertThat(h.reasons()).contains(Reason.OUTBOUND_CALL);
        });
        b.findElement(By.id("hangup-button")).click();
        callState(c, "idle");
    }

    @Test
    void aClientThatLosesTheNetworkLosesItsLicenceWithinTheHeartbeatTimeout() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.switchboard.telephony.Sipp.available(), "sipp is needed");
        Api operator = new Api(port).as(OPERATOR_EMAIL, PASSWORD);
        assertThat(operator.put("/api/v1/licensing/settings", Map.of("heartbeatTimeoutSeconds", 30,
                "callTimeoutSeconds", 43200)).status()).isEqualTo(200);
        Office office = fixtures.office(1, 2);
        EmployeeLogin anna = office.employees().get(0);
        EmployeeLogin ben = office.employees().get(1);
        // Anna's browser reaches the platform through a link the test can cut
        CuttableLink link = new CuttableLink(port);
        WebDriver a = client(browsers, "http://localhost:" + link.port(), anna);
        licenceState(a, "held");
        WebDriver b = client(ben);
        licenceState(b, "refused");

        // her network goes away without a word: the socket stays open on both ends, nothing passes any more
        link.cut();
        // the heartbeat timeout (30 s) passes on the platform's clock; the reclaim gives the licence back
        clock.advance(Duration.ofSeconds(31));
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(holders(office))
                .noneMatch(h -> h.subject().equals(anna.extension())));
        // and it stays free: a client that still reached the platform would refresh within 10 s and hold it again
        Thread.sleep(12_000);
        assertThat(holders(office)).noneMatch(h -> h.subject().equals(anna.extension()));

        // Ben, who waited, calls out through the carrier
        Map<String, String> vars = new java.util.HashMap<>();
        vars.put("expect", "\\+4930123456");
        vars.put("carrieruser", CARRIER_USER);
        vars.put("carrierpassword", CARRIER_PASSWORD);
        org.switchboard.telephony.Sipp carrier = org.switchboard.telephony.Sipp.server("carrier_answer.xml",
                CARRIER_PORT, 1, vars).start();
        dial(b, "030123456");
        org.switchboard.telephony.Sipp.Result result = carrier.await();
        assertThat(result.passed()).as(result.output()).isTrue();
        assertThat(b.findElement(By.id("call-error")).getText()).doesNotContain("Licence limit");
        link.close();
    }

    @Test
    void anEmployeeCallsOutThroughTheCarrierWhichWithoutRtpengineHasNoMediaPathToTheBrowser() {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.switchboard.telephony.Sipp.available(), "sipp is needed");
        Office office = fixtures.office(1, 1);
        EmployeeLogin anna = office.employees().get(0);
        Map<String, String> vars = new java.util.HashMap<>();
        vars.put("expect", "\\+4930123456");
        vars.put("carrieruser", CARRIER_USER);
        vars.put("carrierpassword", CARRIER_PASSWORD);
        org.switchboard.telephony.Sipp carrier = org.switchboard.telephony.Sipp.server("carrier_answer.xml",
                CARRIER_PORT, 1, vars).start();
        WebDriver a = client(anna);
        licenceState(a, "held");
        dial(a, "030123456");
        // the carrier is asked with the trunk's credentials and answers; its plain RTP offer has no ICE and no
        // DTLS, which a browser cannot take without rtpengine in between: the client hangs up at once
        org.switchboard.telephony.Sipp.Result result = carrier.await();
        assertThat(result.passed()).as(result.output()).isTrue();
        callState(a, "idle");
        wait(a).until(d -> d.findElements(By.cssSelector("#history tr")).stream()
                .anyMatch(tr -> tr.getText().contains("+4930123456")));
        // the call's licence is given back; the open client keeps its own
        assertThat(holders(office)).singleElement().satisfies(h -> assertThat(h.reasons())
                .containsExactly(Reason.DESKTOP_SESSION));
    }

    private List<Holder> holders(Office office) {
        return licences.state(office.setup().customer().admin(), office.setup().instance()).holders();
    }

    private WebDriver client(EmployeeLogin who) {
        return client(browsers, url(""), who);
    }

    /** A Chromium of its own (its own cookies) with a fake microphone, signed in on the client page. */
    static WebDriver client(List<WebDriver> browsers, String base, EmployeeLogin who) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        WebDriver d = new ChromeDriver(service, options);
        browsers.add(d);
        d.get(base + "/login");
        d.findElement(By.name("email")).sendKeys(who.email());
        d.findElement(By.name("password")).sendKeys(who.password());
        d.findElement(By.cssSelector("form#login button[type=submit]")).click();
        wait(d).until(ExpectedConditions.urlContains("/phone"));
        wait(d).until(ExpectedConditions.attributeToBe(By.id("registration"), "data-state", "registered"));
        return d;
    }

    static WebDriverWait wait(WebDriver d) {
        // the colleagues' list is drawn anew at each presence change: an element read just then is stale, read again
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    static void licenceState(WebDriver d, String state) {
        wait(d).until(ExpectedConditions.attributeToBe(By.id("licence-status"), "data-state", state));
    }

    static void callState(WebDriver d, String state) {
        wait(d).until(ExpectedConditions.attributeToBe(By.id("call-status"), "data-state", state));
    }

    static void dial(WebDriver d, String number) {
        d.findElement(By.id("dial-input")).clear();
        d.findElement(By.id("dial-input")).sendKeys(number);
        d.findElement(By.id("call-button")).click();
    }

    private static String presence(WebDriver d, String extension) {
        List<org.openqa.selenium.WebElement> li = d.findElements(By.cssSelector("#colleagues li[data-extension='"
                + extension + "']"));
        return li.isEmpty() ? "" : li.get(0).getDomAttribute("data-presence");
    }

    /** WebRTC's statistics show audio bytes received, and growing. */
    @SuppressWarnings("unchecked")
    static void audioFlows(WebDriver d) {
        JavascriptExecutor js = (JavascriptExecutor) d;
        long[] first = { -1 };
        wait(d).until(x -> {
            Map<String, Object> s = (Map<String, Object>) js.executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; window.phoneStats().then(done);");
            long received = s == null ? 0 : ((Number) s.get("bytesReceived")).longValue();
            if (received <= 0) {
                return false;
            }
            if (first[0] < 0) {
                first[0] = received;
                return false;
            }
            return received > first[0];
        });
    }
}
