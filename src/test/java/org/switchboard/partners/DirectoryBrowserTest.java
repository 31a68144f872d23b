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
}
