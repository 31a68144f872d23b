package org.switchboard.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.licensing.LicensingFixtures.Connector;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.BrowserTestBase;

class LicencePagesBrowserTest extends BrowserTestBase {

    @Autowired
    LicensingFixtures fixtures;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Autowired
    java.util.List<org.springframework.security.authentication.AuthenticationProvider> providers;

    /**
     * Signs the browser in: through the login page where this build has one, else with a session
     * made on the server for the authenticated user, exactly as the login form would leave it.
     */
    void signIn(String email) {
        open("/login");
        if (!browser.findElements(By.cssSelector("form#login")).isEmpty()) {
            logIn(email, PASSWORD);
            return;
        }
        var auth = providers.stream().map(p -> {
            try {
                return p.authenticate(
                        new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(email, PASSWORD));
            } catch (RuntimeException e) {
                return null;
            }
        }).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        var server = (org.springframework.boot.tomcat.TomcatWebServer)
                ((org.springframework.boot.web.server.context.WebServerApplicationContext) context).getWebServer();
        var tomcatContext = (org.apache.catalina.Context) server.getTomcat().getHost().findChildren()[0];
        try {
            var session = tomcatContext.getManager().createSession(null);
            session.getSession().setAttribute(
                    org.springframework.security.web.context.HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                    new org.springframework.security.core.context.SecurityContextImpl(auth));
            browser.manage().deleteAllCookies();
            browser.manage().addCookie(new org.openqa.selenium.Cookie("JSESSIONID", session.getId(), "/"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theLiveViewShowsHoldersWithoutReloadAndReleasesOneByForce() {
        Setup setup = fixtures.subscribed(2, 4, 1);
        Connector pbx = new Connector(port, setup);
        pbx.send("DESKTOP_OPENED", "100", "d-100");
        pbx.send("MOBILE_PAIRED", "100", "m-100");

        signIn(setup.customer().email());
        open("/licensing/instances/" + setup.instance().value());
        waitForText(By.id("licensed"), "2");
        assertThat(browser.findElement(By.id("occupied")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("holder-100")).getText()).contains("desktop client", "mobile app");
        assertThat(browser.findElement(By.id("advice")).getText()).contains("Measured peak");

        // The phone system reports more; the page follows without a reload.
        pbx.send("OUTBOUND_CALL_STARTED", "900", "c-1", "+4930123");
        pbx.send("DESKTOP_OPENED", "101", "d-101");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.textToBe(By.id("occupied"), "2"));
        wait.until(ExpectedConditions.textToBe(By.id("refusals-today"), "1"));
        assertThat(browser.findElement(By.id("holder-900")).getText()).contains("outbound call").contains("Door 0");
        assertThat(browser.findElement(By.id("holder-100")).getText()).contains("Employee 0");
        assertThat(browser.findElements(By.id("over-limit"))).isEmpty();

        // Every licence is taken; an emergency call still goes through, and the page says why more are in use than licensed.
        pbx.send("OUTBOUND_CALL_STARTED", "101", "c-112", "112");
        wait.until(ExpectedConditions.textToBe(By.id("occupied"), "3"));
        assertThat(waitFor(By.id("over-limit")).getText()).contains("1 more than the 2 licensed")
                .contains("emergency calls always go through");
        assertThat(browser.findElement(By.id("holder-101")).getText()).contains("emergency call over the limit");
        pbx.send("CALL_ENDED", "101", "c-112");
        wait.until(ExpectedConditions.textToBe(By.id("occupied"), "2"));

        // The admin takes the licence of 100 away; it is recorded with who did it.
        browser.findElement(By.cssSelector("#holder-100 button.release")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("holder-100")));
        assertThat(browser.findElement(By.id("occupied")).getText()).isEqualTo("1");
        String csv = (String) ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById('history-csv').href).then(r => r.text()).then(done);");
        assertThat(csv).contains("FORCE_RELEASED", setup.customer().email());
    }
}
