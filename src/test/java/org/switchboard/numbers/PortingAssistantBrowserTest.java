package org.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.testing.BrowserTestBase;

/**
 * A customer admin ports two numbers with the assistant: is warned of a missing legal form,
 * corrects it, saves, downloads the request form, is refused a file that is no scan, uploads the
 * signed scan and submits the order.
 */
class PortingAssistantBrowserTest extends BrowserTestBase {

    @Autowired
    AccountFixtures accounts;

    @Test
    void theAssistantWarnsMakesTheFormAndTakesTheSignedScan() throws Exception {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Assistant Partner"),
                "Müller Bau GmbH", true);
        clock.set(LocalDateTime.of(2039, 6, 1, 10, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant());
        String instance = NumberFixtures.subscribe(port, customer, 5);
        String first = "+49711" + NumberFixtures.freshSubscriber();
        String second = "+49711" + NumberFixtures.freshSubscriber();

        logIn(customer.email(), PASSWORD);
        open("/instances/" + instance);
        browser.findElement(By.id("numbers-link")).click();
        waitFor(By.id("porting-assistant-link")).click();
        String earliest = waitFor(By.id("earliest")).getText();
        assertThat(earliest).isEqualTo("2039-06-22");

        type("numbers", first + "\n" + second);
        new Select(browser.findElement(By.id("provider"))).selectByVisibleText("Vodafone");
        type("providerCustomerNumber", "KD-12345");
        type("companyName", "Müller Bau");
        type("contractHolder", "Müller Bau");
        type("street", "Hauptstr. 1");
        type("postcode", "70173");
        type("city", "Stuttgart");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('desiredDate').value = arguments[0]",
                earliest);
        browser.findElement(By.id("check-button")).click();
        waitForText(By.id("warnings"), "no legal form");
        assertThat(browser.findElement(By.id("warnings")).getText()).contains("\"Hauptstr.\"");

        type("companyName", "Müller Bau GmbH");
        type("contractHolder", "Müller Bau GmbH");
        type("street", "Hauptstraße 1");
        browser.findElement(By.id("check-button")).click();
        waitFor(By.id("no-warnings"));
        browser.findElement(By.id("save-button")).click();
        waitForText(By.id("status"), "draft");
        assertThat(browser.findElement(By.id("order-data")).getText()).contains("Müller Bau GmbH", "Vodafone");

        // The form, fetched as the browser downloads it, in the customer's session.
        String href = browser.findElement(By.id("form-download")).getAttribute("href");
        Object start = ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => done(String.fromCharCode.apply(null,"
                + " new Uint8Array(b).slice(0, 5))));", href);
        assertThat(start).isEqualTo("%PDF-");

        Path text = Files.createTempFile("not-a-scan", ".pdf");
        Files.writeString(text, "this is no scan");
        browser.findElement(By.id("file")).sendKeys(text.toString());
        browser.findElement(By.id("upload-button")).click();
        waitForText(By.id("error-document"), "not a PDF, PNG or JPEG");

        Path scan = Files.createTempFile("signed-form", ".png");
        Files.write(scan, PortingStoryIntegrationTest.PNG);
        browser.findElement(By.id("file")).sendKeys(scan.toString());
        browser.findElement(By.id("upload-button")).click();
        waitForText(By.id("signed-form"), scan.getFileName().toString());
        browser.findElement(By.id("submit-button")).click();
        waitForText(By.id("status"), "submitted to the carrier");
        assertThat(browser.findElement(By.id("history")).getText()).contains("signed form uploaded");
    }
}
