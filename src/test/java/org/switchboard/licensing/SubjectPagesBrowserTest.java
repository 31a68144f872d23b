package org.switchboard.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.testing.Api;
import org.switchboard.testing.BrowserTestBase;

class SubjectPagesBrowserTest extends BrowserTestBase {

    @Autowired
    AccountFixtures accounts;

    @Test
    void aCustomerAdminAddsEmployeesAndDevicesImportsACsvAndMakesAConnectorKey() throws Exception {
        CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Subjects Partner"), "Huber GmbH", true);
        String id = new Api(port).as(customer.email(), PASSWORD).post("/api/v1/instances", Map.of("name", "Head office",
                "subdomain", "subj-" + System.nanoTime() % 100000, "country", "DE", "trial", true)).text("id");
        logIn(customer.email(), PASSWORD);
        open("/instances/" + id);
        browser.findElement(By.id("subjects-link")).click();
        waitFor(By.id("no-subjects"));

        type("extension", "10a");
        type("name", "Anna Huber");
        browser.findElement(By.id("add-subject-button")).click();
        assertThat(waitFor(By.id("error-extension")).getText()).isNotBlank();
        assertThat(browser.findElements(By.id("subject-10a"))).isEmpty();

        type("extension", "101");
        browser.findElement(By.id("add-subject-button")).click();
        waitForText(By.id("notice"), "Added Anna Huber (101)");
        assertThat(browser.findElement(By.id("subject-101")).getText()).contains("Anna Huber", "Employee");

        browser.findElement(By.id("kind-function")).click();
        type("extension", "190");
        type("name", "Fax office");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("functionType"))).selectByVisibleText("Fax");
        browser.findElement(By.id("add-subject-button")).click();
        waitForText(By.id("subject-190"), "Fax");

        Path csv = Files.createTempFile("subjects", ".csv");
        Files.writeString(csv, "kind,extension,name,email,functionType\nEMPLOYEE,102,Ben Maier,ben@example.com,\n"
                + "EMPLOYEE,101,Twice Anna,,\nFUNCTION,191,Door,,DOOR_INTERCOM\n");
        browser.findElement(By.cssSelector("#import-subjects input[type=file]")).sendKeys(csv.toString());
        browser.findElement(By.id("import-button")).click();
        waitForText(By.id("import-report"), "2 added, 1 refused.");
        assertThat(browser.findElement(By.id("import-report")).getText()).contains("101");
        assertThat(browser.findElement(By.id("subjects")).getText()).contains("Ben Maier", "Door");
        assertThat(problemsOnAPhone("customer-subjects-imported")).isEmpty();

        browser.findElement(By.id("create-key")).click();
        String key = waitFor(By.cssSelector("#new-key code")).getText();
        assertThat(key).startsWith("sbk_");
        assertThat(problemsOnAPhone("customer-connector-key-shown")).isEmpty();
        java.net.http.HttpResponse<String> licence = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/v1/instances/" + id + "/licence")))
                        .header("Authorization", "Bearer " + key).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(licence.statusCode()).isEqualTo(200);
        assertThat(new org.switchboard.testing.Api.Response(licence.statusCode(), null, licence.body(), licence.headers())
                .json().path("licensed").asInt()).isEqualTo(5);
        browser.navigate().refresh();
        assertThat(browser.findElements(By.id("new-key"))).isEmpty(); // shown once
    }
}
