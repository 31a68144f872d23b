package org.switchboard.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.testing.BrowserTestBase;

/** What the accounts pages' browser tests share: fixtures and a few ways to read and fill a page. */
abstract class AccountsBrowserTestBase extends BrowserTestBase {

    @Autowired
    AccountFixtures fixtures;

    @BeforeEach
    void freshBrowser() {
        browser.manage().deleteAllCookies();
    }

    void select(String name, String value) {
        new Select(waitFor(By.name(name))).selectByValue(value);
    }

    void submit(String formId) {
        browser.findElement(By.cssSelector("form#" + formId + " button[type=submit]")).click();
    }

    String text(String id) {
        return waitFor(By.id(id)).getText();
    }

    String value(String name) {
        return browser.findElement(By.name(name)).getAttribute("value");
    }

    /** The message shown beside a field; fails when there is none. */
    String fieldError(String field) {
        WebElement error = waitFor(By.id("error-" + field));
        assertThat(error.getAttribute("class")).contains("field-error");
        return error.getText();
    }

    boolean present(By by) {
        return !browser.findElements(by).isEmpty();
    }

    /** The login says to confirm the address first, and stays on the login page. */
    void logInIsRefusedUntilConfirmed(String email) {
        logInWith(email, AccountFixtures.PASSWORD);
        assertThat(text("login-error")).startsWith("Confirm your e-mail address first");
    }

    /** Fills and sends the login form without expecting success. */
    void logInWith(String email, String password) {
        browser.manage().deleteAllCookies();
        open("/login");
        type("email", email);
        type("password", password);
        submit("login");
    }
}
