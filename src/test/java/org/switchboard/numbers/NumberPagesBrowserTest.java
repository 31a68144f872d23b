package org.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.testing.Api;
import org.switchboard.testing.BrowserTestBase;

/**
 * The operator imports a block and keeps a trunk template on the pages; a customer admin orders
 * the block for its phone system, routes a number to an extension and adds a trunk whose password
 * is shown masked.
 */
class NumberPagesBrowserTest extends BrowserTestBase {

    @Autowired
    AccountFixtures accounts;

    @Test
    void anOperatorStocksTheInventoryAndACustomerOrdersRoutesAndKeepsItsProvider() {
        String base = "+49911" + NumberFixtures.freshSubscriber().substring(0, 5);
        logIn(OPERATOR_EMAIL, PASSWORD);
        browser.findElement(By.id("nav-numbers")).click();
        waitFor(By.id("import-form"));
        browser.findElement(By.cssSelector("input[name=kind][value=BLOCK]")).click();
        type("base", "+49 911 1");
        type("city", "Nürnberg");
        browser.findElement(By.id("import-button")).click();
        assertThat(waitFor(By.id("form-errors")).getText()).contains("Nothing was saved");
        browser.findElement(By.cssSelector("input[name=kind][value=BLOCK]")).click();
        type("base", base);
        type("city", "Nürnberg");
        browser.findElement(By.id("import-button")).click();
        waitForText(By.id("notice"), "Imported 1 range");
        assertThat(browser.findElement(By.id("ranges")).getText()).contains("(block of 10)", "available");

        open("/operator/trunk-templates");
        String provider = "Carrier " + UUID.randomUUID().toString().substring(0, 6);
        type("providerName", provider);
        type("registrar", "sip..example");
        browser.findElement(By.id("template-button")).click();
        assertThat(waitFor(By.id("error-registrar")).getText()).contains("not a host name");
        type("registrar", "sip.carrier.example");
        browser.findElement(By.id("template-button")).click();
        waitForText(By.id("templates"), provider);
        open("/operator/porting");
        waitFor(By.id("queue"));

        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Pages Partner"),
                "Nürnberger Spiel GmbH", true);
        clock.set(LocalDateTime.of(2039, 9, 5, 10, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant());
        String instance = NumberFixtures.subscribe(port, customer, 12);
        new Api(port).as(customer.email(), PASSWORD).post("/api/v1/instances/" + instance + "/subjects",
                Map.of("kind", "EMPLOYEE", "extension", "201", "name", "Berta Bauer"));
        logIn(customer.email(), PASSWORD);
        open("/instances/" + instance);
        browser.findElement(By.id("numbers-link")).click();
        waitFor(By.id("no-numbers"));
        new Select(browser.findElement(By.id("areaCode"))).selectByValue("0911");
        browser.findElement(By.cssSelector("input[name=kind][value=BLOCK]")).click();
        type("street", "Königstraße 1");
        type("postcode", "90402");
        type("city", "Nürnberg");
        browser.findElement(By.id("order-button")).click();
        assertThat(waitFor(By.id("form-errors")).getText()).contains("Nothing was saved");
        browser.findElement(By.cssSelector("input[name=kind][value=BLOCK]")).click();
        browser.findElement(By.id("addressInArea")).click();
        browser.findElement(By.id("order-button")).click();
        waitForText(By.id("notice"), "block of 10");
        // 12 concurrent users include the block of 10
        assertThat(browser.findElement(By.id("numbers")).getText()).contains("in use", "included", "main line");

        type("number", base + "3");
        new Select(browser.findElement(By.id("target"))).selectByValue("EXTENSION");
        type("extensions", "201");
        browser.findElement(By.id("route-button")).click();
        waitForText(By.id("notice"), "now go to the extension [201]");
        assertThat(browser.findElement(By.id("numbers")).getText()).contains(base + "3: EXTENSION [201]");

        new Select(browser.findElement(By.id("templateId"))).selectByVisibleText(provider);
        type("name", "Old office line");
        type("username", "user-911");
        type("password", "trunk-Secret-42");
        type("trunkNumbers", "+49 30 1234567");
        browser.findElement(By.id("trunk-button")).click();
        waitForText(By.id("notice"), "Trunk Old office line added");
        String trunks = browser.findElement(By.id("trunk-list")).getText();
        assertThat(trunks).contains("Old office line", "••••••42", "+49 30 1234567")
                .doesNotContain("trunk-Secret-42");

        // the provider's block of 10 on the trunk, one of its numbers routed to 201
        WebElement more = browser.findElement(By.cssSelector("form.trunk-numbers-form textarea"));
        more.sendKeys("030 7654320 (x7)");
        browser.findElement(By.cssSelector("form.trunk-numbers-form button")).click();
        assertThat(waitFor(By.cssSelector("form.trunk-numbers-form .field-error")).getText()).contains("not a phone number");
        more = browser.findElement(By.cssSelector("form.trunk-numbers-form textarea"));
        more.clear();
        more.sendKeys("030 7654320 (x10)");
        browser.findElement(By.cssSelector("form.trunk-numbers-form button")).click();
        waitForText(By.id("notice"), "Numbers added to the trunk");
        assertThat(browser.findElement(By.id("trunk-list")).getText()).contains("+49 30 76543200 to -9 (block of 10)");
        type("number", "+493076543205");
        new Select(browser.findElement(By.id("target"))).selectByValue("EXTENSION");
        type("extensions", "201");
        browser.findElement(By.id("route-button")).click();
        waitForText(By.id("notice"), "now go to the extension [201]");
        assertThat(browser.findElement(By.id("trunk-routes")).getText()).contains("+493076543205", "EXTENSION", "201");
    }
}
