package org.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.switchboard.testing.BrowserTestBase;

class CalculatorPagesBrowserTest extends BrowserTestBase {

    @Test
    void pricingCalculatorQuotesACountAndMarksItsTier() {
        open("/pricing");
        new Select(waitFor(By.id("plan"))).selectByValue("basic");
        type("concurrentUsers", "16");
        browser.findElement(By.id("calculate")).click();

        waitForExactText(By.id("concurrent-users-result"), "16");
        assertThat(text("unit-price")).isEqualTo("8.01 €");
        assertThat(text("discount")).isEqualTo("10 %");
        assertThat(text("monthly-net")).isEqualTo("128.16 €");
        assertThat(text("annual-net")).isEqualTo("1,537.92 €");
        assertThat(chosenTier()).isEqualTo("tier-11");
        assertThat(browser.findElements(By.id("cheaper-alternative"))).isEmpty();
    }

    @Test
    void pricingCalculatorAdvisesTheCheaperLargerCountAndQuotesIt() {
        open("/pricing");
        type("concurrentUsers", "10");
        browser.findElement(By.id("calculate")).click();

        waitForExactText(By.id("concurrent-users-result"), "10");
        assertThat(text("monthly-net")).isEqualTo("89.00 €");
        assertThat(chosenTier()).isEqualTo("tier-1");
        assertThat(text("cheaper-concurrent-users")).isEqualTo("11");
        assertThat(text("cheaper-monthly-net")).isEqualTo("88.11 €");

        browser.findElement(By.id("take-cheaper")).click();

        waitForExactText(By.id("concurrent-users-result"), "11");
        assertThat(text("monthly-net")).isEqualTo("88.11 €");
        assertThat(chosenTier()).isEqualTo("tier-11");
    }

    @Test
    void pricingCalculatorUpdatesWhileTyping() {
        open("/pricing");
        type("concurrentUsers", "1000");

        waitForExactText(By.id("concurrent-users-result"), "1000");
        assertThat(text("monthly-net")).isEqualTo("3,560.00 €");
        assertThat(text("cheaper-concurrent-users")).isEqualTo("1001");
        assertThat(text("cheaper-monthly-net")).isEqualTo("2,672.67 €");
        assertThat(chosenTier()).isEqualTo("tier-751");
        assertThat(browser.getCurrentUrl()).contains("concurrentUsers=1000");
    }

    @Test
    void pricingWorksAsAPlainLink() {
        open("/pricing?plan=basic&concurrentUsers=26");

        assertThat(text("unit-price")).isEqualTo("7.57 €");
        assertThat(text("monthly-net")).isEqualTo("196.82 €");
        assertThat(chosenTier()).isEqualTo("tier-26");
    }

    @Test
    void pricingShowsWhatIsWrongBesideTheField() {
        open("/pricing");
        type("concurrentUsers", "0");
        browser.findElement(By.id("calculate")).click();

        waitForExactText(By.id("concurrent-users-error"), "Concurrent users must be between 1 and 100000");
        assertThat(browser.findElements(By.id("monthly-net"))).isEmpty();

        new Select(waitFor(By.id("plan"))).selectByValue("premium");
        type("concurrentUsers", "16");
        browser.findElement(By.id("calculate")).click();

        waitForText(By.id("plan-error"), "Premium is not for sale yet");
        assertThat(text("concurrent-users-error")).isEmpty();
    }

    @Test
    void licenceCalculatorSizesTheBrochuresExampleAndQuotesIt() {
        open("/sizing");
        assertThat(text("occupancy-1")).isEqualTo("100 %");
        assertThat(text("occupancy-4")).isEqualTo("10 %");
        type("type1", "5");
        type("type2", "10");
        type("type3", "5");
        type("type4", "10");
        browser.findElement(By.id("calculate")).click();

        waitForExactText(By.id("employees-result"), "30");
        assertThat(text("concurrent-users-result")).isEqualTo("16");
        assertThat(text("share-1")).isEqualTo("5");
        assertThat(text("share-2")).isEqualTo("8");
        assertThat(text("share-3")).isEqualTo("2");
        assertThat(text("share-4")).isEqualTo("1");
        assertThat(text("unit-price")).isEqualTo("8.01 €");
        assertThat(text("monthly-net")).isEqualTo("128.16 €");
        assertThat(text("annual-net")).isEqualTo("1,537.92 €");
        assertThat(chosenTier()).isEqualTo("tier-11");
    }

    @Test
    void licenceCalculatorRoundsUpAndAdvisesTheCheaperCount() {
        open("/sizing?type1=9&type4=3");

        // 9 + 0.3 = 9.3 -> 10 concurrent users, and 11 cost less than 10
        assertThat(text("exact-sum")).isEqualTo("9.3");
        assertThat(text("concurrent-users-result")).isEqualTo("10");
        assertThat(text("monthly-net")).isEqualTo("89.00 €");
        assertThat(chosenTier()).isEqualTo("tier-1");
        assertThat(text("cheaper-concurrent-users")).isEqualTo("11");
        assertThat(text("cheaper-monthly-net")).isEqualTo("88.11 €");
    }

    @Test
    void licenceCalculatorShowsWhatIsWrongBesideTheField() {
        open("/sizing");
        type("type2", "-3");
        browser.findElement(By.id("calculate")).click();

        waitForText(By.id("type2-error"), "Office personnel (type 2) must be a whole number between 0 and 1000000");
        assertThat(browser.findElements(By.id("concurrent-users-result"))).isEmpty();

        type("type2", "0");
        browser.findElement(By.id("calculate")).click();

        waitForText(By.id("employees-error"), "Count at least one employee or function extension");
        assertThat(text("type2-error")).isEmpty();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private String chosenTier() {
        return browser.findElement(By.cssSelector("#tier-table tr.chosen")).getDomAttribute("id");
    }

    private void waitForExactText(By by, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(by, text));
    }
}
