package org.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Role;
import org.switchboard.accounts.UserId;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.instances.InstanceCommands.CreateInstance;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.InstanceSales;
import org.switchboard.licensing.LicenceManagement;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.licensing.LicensingFixtures.Connector;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.licensing.internal.ReclaimJob;
import org.switchboard.testing.IntegrationTestBase;
import org.switchboard.testing.PageClient;
import org.switchboard.testing.PageClient.Page;

/**
 * The operator's settings pages for what was API-only: price lists and occupancy, the trial size,
 * the licence engine's timeouts. Each is saved from its page and then used; a wrong value is
 * shown on the page and nothing is saved.
 */
class OperatorSettingsPagesIntegrationTest extends IntegrationTestBase {

    static final CurrentUser OPERATOR = new CurrentUser(UserId.random(), OPERATOR_EMAIL, "Olga Operator", Role.OPERATOR,
            null, null);

    static final List<String> PAGES = List.of("/operator/catalog", "/operator/trials", "/operator/licence-settings");

    @Autowired
    AccountFixtures accounts;

    @Autowired
    LicensingFixtures licensing;

    @Autowired
    Catalog catalog;

    @Autowired
    InstanceManagement instances;

    @Autowired
    InstanceSales sales;

    @Autowired
    LicenceManagement licences;

    @Autowired
    ReclaimJob reclaim;

    @Test
    void onlyOperatorsOpenTheSettingsPages() throws Exception {
        PartnerAccount partner = accounts.verifiedPartner("Settings Partner");
        CustomerAccount customer = accounts.invitedCustomer(partner, "Settings Kunde GmbH", true);
        PageClient operator = PageClient.followingRedirects(port).logIn(OPERATOR_EMAIL, PASSWORD);
        for (String page : PAGES) {
            Page answer = operator.get(page);
            assertThat(answer.status()).as(page).isEqualTo(200);
            assertThat(answer.html()).as(page).contains("id=\"nav-settings\"").contains("aria-label=\"Settings\"")
                    .contains("aria-current=\"page\"");
        }
        for (String who : List.of(partner.email(), customer.email())) {
            PageClient other = PageClient.followingRedirects(port).logIn(who, PASSWORD);
            for (String page : PAGES) {
                assertThat(other.get(page).status()).as(who + " " + page).isEqualTo(403);
                assertThat(other.post(page.equals("/operator/catalog") ? page + "/occupancy" : page,
                        Map.of("trialConcurrentUsers", "9")).status()).as(who + " " + page).isEqualTo(403);
            }
            assertThat(other.get("/dashboard").html()).doesNotContain("id=\"nav-settings\"");
        }
        assertThat(instances.trialConcurrentUsers()).isNotEqualTo(9);
    }

    @Test
    void aPremiumPriceListPublishedOnThePageMakesPremiumQuotableFromItsDay() throws Exception {
        PageClient operator = PageClient.followingRedirects(port).logIn(OPERATOR_EMAIL, PASSWORD);
        // Tests share one database and move its clock ahead: a version far beyond any of their dates.
        List<PriceList> before = catalog.priceListVersions(Plan.PREMIUM);
        LocalDate from = before.isEmpty() ? LocalDate.of(2300, 1, 1)
                : before.get(before.size() - 1).effectiveFrom().plusYears(1);

        String start = operator.get("/operator/catalog?plan=premium").html();
        // A plan without a list of its own starts from Basic's latest tiers.
        PriceList basic = catalog.priceListVersions(Plan.BASIC).get(catalog.priceListVersions(Plan.BASIC).size() - 1);
        assertThat(start).contains("<option value=\"premium\" selected=\"selected\">")
                .contains(basic.tiers().get(0).from() + "-" + basic.tiers().get(0).to());

        String tiers = "1-10 0\n11-25 5\n26- 10";
        Map<String, String> good = Map.of("plan", "premium", "effectiveFrom", from.toString(), "listPrice", "14.90",
                "tiers", tiers);

        Page badLine = operator.post("/operator/catalog/price-lists", with(good, "tiers", "1-10 0\neleven to 25: 5\n26- 10"));
        assertThat(badLine.status()).isEqualTo(200);
        assertThat(badLine.html()).contains("id=\"form-errors\"").contains("Line 2 (&#39;eleven to 25: 5&#39;) is not a tier")
                .contains("eleven to 25: 5").contains("value=\"14.90\"");

        Page gap = operator.post("/operator/catalog/price-lists", with(good, "tiers", "1-10 0\n12- 5"));
        assertThat(gap.html()).contains("id=\"error-tiers\"").contains("should start at 11");

        Page past = operator.post("/operator/catalog/price-lists", with(good, "effectiveFrom", "2020-01-01"));
        assertThat(past.status()).isEqualTo(200);
        assertThat(past.html()).contains("id=\"error-effectiveFrom\"").contains("takes effect from tomorrow")
                .contains("11-25 5");

        Page notADay = operator.post("/operator/catalog/price-lists", with(good, "effectiveFrom", "1.1.2300"));
        assertThat(notADay.html()).contains("id=\"error-effectiveFrom\"").contains("must be a date such as");

        Page dear = operator.post("/operator/catalog/price-lists", with(good, "listPrice", "1000.01"));
        assertThat(dear.status()).isEqualTo(200);
        assertThat(dear.html()).contains("id=\"error-listPrice\"").contains("must be at most 1000.00");
        Page word = operator.post("/operator/catalog/price-lists", with(good, "listPrice", "cheap"));
        assertThat(word.html()).contains("id=\"error-listPrice\"").contains("must be an amount such as 12.90");

        assertThat(catalog.priceListVersions(Plan.PREMIUM)).hasSameSizeAs(before);

        Page published = operator.post("/operator/catalog/price-lists", good);
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.html()).contains("id=\"catalog-message\"").contains("Premium price list version "
                + (before.size() + 1) + " was published");
        assertThat(published.html()).contains("id=\"version-premium-" + (before.size() + 1) + "\"").contains("To come");

        assertThat(catalog.isForSale(Plan.PREMIUM, from)).isTrue();
        if (before.isEmpty()) {
            assertThat(catalog.isForSale(Plan.PREMIUM, from.minusDays(1))).isFalse();
        }
        PriceQuote quote = catalog.quote(Plan.PREMIUM, 11, from);
        // 14.90 less 5 %: 14.155, rounded to the cent.
        assertThat(quote.unitPrice().amount()).isEqualByComparingTo("14.16");
    }

    @Test
    void occupanciesAreSavedTogetherOrNotAtAll() throws Exception {
        PageClient operator = PageClient.followingRedirects(port).logIn(OPERATOR_EMAIL, PASSWORD);
        SizingPolicy before = catalog.sizingPolicy();
        Page wrong = operator.post("/operator/catalog/occupancy",
                Map.of("occupancy1", "100", "occupancy2", "70", "occupancy3", "140", "occupancy4", "ten"));
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.html()).contains("id=\"error-occupancy3\"").contains("id=\"error-occupancy4\"")
                .contains("value=\"70\"");
        assertThat(catalog.sizingPolicy().occupancyPercents()).isEqualTo(before.occupancyPercents());
        try {
            Page saved = operator.post("/operator/catalog/occupancy",
                    Map.of("occupancy1", "100", "occupancy2", "70", "occupancy3", "40", "occupancy4", "10"));
            assertThat(saved.html()).contains("The occupancies were saved").contains("value=\"70\"");
            // 5 x 100% + 10 x 70% + 5 x 40% + 10 x 10% = 15
            assertThat(catalog.size(new EmployeeCounts(5, 10, 5, 10)).concurrentUsers()).isEqualTo(15);
        } finally {
            catalog.changeOccupancies(before.occupancyPercents());
        }
    }

    @Test
    void theTrialSizeSavedOnThePageIsTheSizeOfTheNextTrial() throws Exception {
        PageClient operator = PageClient.followingRedirects(port).logIn(OPERATOR_EMAIL, PASSWORD);
        int before = instances.trialConcurrentUsers();
        for (String bad : List.of("0", "1001", "five", "")) {
            Page answer = operator.post("/operator/trials", Map.of("trialConcurrentUsers", bad));
            assertThat(answer.status()).as(bad).isEqualTo(200);
            assertThat(answer.html()).as(bad).contains("id=\"error-trialConcurrentUsers\"").contains("Trial size must be");
        }
        assertThat(instances.trialConcurrentUsers()).isEqualTo(before);
        try {
            Page saved = operator.post("/operator/trials", Map.of("trialConcurrentUsers", "7"));
            assertThat(saved.html()).contains("id=\"trials-message\"").contains("a new trial gets 7 concurrent users")
                    .contains("value=\"7\"");
            CustomerAccount customer = accounts.invitedCustomer(accounts.verifiedPartner("Trial Size Partner"),
                    "Trial Size GmbH", true);
            InstanceDetails trial = sales.create(customer.admin(), new CreateInstance("Zentrale",
                    "trialsize-" + UUID.randomUUID().toString().substring(0, 8), "DE", true, null, null, null, null, null));
            assertThat(trial.licensedNow()).isEqualTo(7);
        } finally {
            instances.changeTrialConcurrentUsers(OPERATOR, before);
        }
    }

    @Test
    void theTimeoutsSavedOnThePageDecideWhenASilentDesktopIsReclaimed() throws Exception {
        PageClient operator = PageClient.followingRedirects(port).logIn(OPERATOR_EMAIL, PASSWORD);
        Duration[] before = licences.timeouts();
        Page wrong = operator.post("/operator/licence-settings",
                Map.of("heartbeatTimeoutSeconds", "5", "callTimeoutSeconds", "a day"));
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.html()).contains("id=\"error-heartbeatTimeoutSeconds\"").contains("between 10 and 3600 seconds")
                .contains("id=\"error-callTimeoutSeconds\"").contains("whole number of seconds").contains("value=\"a day\"");
        assertThat(licences.timeouts()).isEqualTo(before);
        try {
            Page saved = operator.post("/operator/licence-settings",
                    Map.of("heartbeatTimeoutSeconds", "300", "callTimeoutSeconds", "7200"));
            assertThat(saved.html()).contains("id=\"licence-settings-message\"")
                    .contains("reclaimed after 5 min without a heartbeat, a call after 2 h");
            assertThat(licences.timeouts()).containsExactly(Duration.ofMinutes(5), Duration.ofHours(2));

            Setup setup = licensing.subscribed(2, 2, 0);
            Connector pbx = new Connector(port, setup);
            pbx.send("DESKTOP_OPENED", "100", "d-1");
            clock.advance(Duration.ofSeconds(200));
            reclaim.runNow();
            assertThat(pbx.licence().json().path("occupied").asInt()).as("held within 5 minutes").isEqualTo(1);
            clock.advance(Duration.ofSeconds(101));
            reclaim.runNow();
            assertThat(pbx.licence().json().path("occupied").asInt()).as("reclaimed after 5 minutes").isEqualTo(0);
        } finally {
            licences.changeTimeouts(OPERATOR, (int) before[0].toSeconds(), (int) before[1].toSeconds());
        }
    }

    private static Map<String, String> with(Map<String, String> form, String field, String value) {
        Map<String, String> changed = new LinkedHashMap<>(form);
        changed.put(field, value);
        return changed;
    }

}
