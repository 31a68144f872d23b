package org.switchboard.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.testing.BrowserTestBase;

class DirectoryBrowserTest extends BrowserTestBase {

    @Autowired
    ProgrammeFixtures given;

    @Test
    void theDirectoryShowsOnlyListedPartnersOfLevelCertifiedAndUp() {
        LocalDate day = LocalDate.of(2033, 6, 1);
        given.partnerAt(PartnerLevel.PREMIUM, day, "Thüringer Telefonie", List.of("DE-TH"),
                "Cloud telephony for crafts businesses in Thuringia since 2005.");
        given.partnerAt(PartnerLevel.CERTIFIED, day, "Erfurter Netze", List.of("DE-TH", "DE-SN"), "Networks and phones.");
        given.partnerAt(PartnerLevel.CERTIFIED, day, "Unlisted Erfurt", List.of("DE-TH"), null);
        var registered = given.partnerRegisteredOn(day, "Registered Erfurt");
        given.directory.updateProfile(registered.admin(), registered.id(),
                new ProgrammeCommands.UpdateProfile(true, "We would like to be listed.", List.of("DE-TH")));

        browser.manage().deleteAllCookies();
        open("/directory");
        type("q", "Thüringen");
        browser.findElement(By.cssSelector("#directory-search button[type=submit]")).click();
        waitForText(By.id("partners"), "Erfurter Netze");
        List<WebElement> cards = browser.findElements(By.cssSelector("#partners article.partner"));
        assertThat(cards).extracting(c -> c.findElement(By.className("name")).getText())
                .containsExactly("Thüringer Telefonie", "Erfurter Netze");
        assertThat(cards.get(0).findElement(By.className("level")).getText()).isEqualTo("Premium partner");
        assertThat(cards.get(1).findElement(By.className("regions")).getText()).isEqualTo("Serves: Thüringen, Sachsen");
        assertThat(cards.get(1).findElement(By.className("website")).getText()).isEqualTo("https://reseller.example.com");

        open("/directory?q=99999");
        waitFor(By.id("no-partners"));
        assertThat(browser.findElements(By.cssSelector("#partners article.partner"))).isEmpty();
    }

    @Test
    void aPartnerSeesItsLevelAndProgressAndMarkupInItsDirectoryTextIsRefusedBesideTheField() {
        var partner = given.partnerAt(PartnerLevel.CERTIFIED, LocalDate.of(2033, 7, 1), "Seite Eins", List.of("DE-RP"),
                "Phones for the Palatinate.");
        logIn(partner.email(), PASSWORD);
        open("/partner/programme");
        assertThat(waitFor(By.id("level")).getText()).isEqualTo("Certified");
        assertThat(browser.findElement(By.id("rate")).getText()).isEqualTo("15%");
        assertThat(browser.findElement(By.id("nfr")).getText()).isEqualTo("10 CU");
        assertThat(browser.findElement(By.cssSelector("#req-turnover td:nth-child(2)")).getText()).isEqualTo("2,000.00 €");
        assertThat(browser.findElement(By.cssSelector("#req-turnover td:nth-child(3)")).getText()).isEqualTo("5,000.00 €");

        browser.findElement(By.id("tab-settings")).click();
        WebElement text = browser.findElement(By.id("text"));
        text.clear();
        text.sendKeys("<a href=\"https://spam.example\">Best</a> phones");
        browser.findElement(By.cssSelector("#profile-form button[type=submit]")).click();
        assertThat(waitFor(By.id("error-text")).getText()).contains("must be plain text");
        open("/directory?q=Rheinland");
        assertThat(waitFor(By.cssSelector("#partners article.partner .text")).getText()).isEqualTo("Phones for the Palatinate.");
    }

    @Test
    void operatorsSeeEveryPartnerWithTheSameFiguresAndRecordLeadsWithErrorsBesideTheFields() {
        var partner = given.partnerAt(PartnerLevel.CERTIFIED, LocalDate.of(2033, 8, 1), "Operator View GmbH", List.of("DE-SL"), null);
        logIn(OPERATOR_EMAIL, PASSWORD);
        open("/operator/programme");
        WebElement row = waitFor(By.cssSelector("#standings tr[data-partner='" + partner.id().value() + "']"));
        assertThat(row.getText()).contains("Operator View GmbH", "Certified", "2,000.00 €");
        browser.findElement(By.id("tab-leads")).click();
        assertThat(waitFor(By.id("tab-leads")).getAttribute("aria-current")).isEqualTo("page");
        type("company", "Saarbrücker Bau");
        type("contactName", "Sarah Saar");
        type("contactEmail", "sarah@saar.example");
        type("postcode", "661");
        type("employees", "40");
        browser.findElement(By.cssSelector("#lead-form button[type=submit]")).click();
        assertThat(waitFor(By.id("error-postcode")).getText()).contains("five digits");
        assertThat(browser.findElement(By.id("form-errors")).getText()).contains("Nothing was saved");

        type("postcode", "66111");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("region"))).selectByValue("DE-SL");
        browser.findElement(By.cssSelector("#lead-form button[type=submit]")).click();
        waitForText(By.id("done"), "Lead recorded and offered.");
        assertThat(browser.findElement(By.id("lead-list")).getText()).contains("Saarbrücker Bau", "66111 DE-SL",
                "offered", "Operator View GmbH");
    }
}
