package org.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.phone.PhoneFixtures;
import org.switchboard.phone.PhoneFixtures.Office;
import org.switchboard.testing.BrowserTestBase;

/**
 * The pages of every role, at a desktop and a phone width (1280 and 360 px): no serious
 * accessibility problem at either width (axe-core, WCAG 2.1 A and AA), no sideways scrolling on a
 * phone, and a screenshot of each kept under target/screenshots. Beside each role's own pages, the
 * ones it reaches in another's: a partner and an operator on a customer's phone system, its
 * telephony and its licence charts.
 */
class AccessibilityBrowserTest extends BrowserTestBase {

    @Autowired
    AccountFixtures accounts;

    @Autowired
    PhoneFixtures phones;

    private final Map<String, List<String>> problems = new LinkedHashMap<>();

    @Test
    void everyRolesPagesPassTheAccessibilityCheckOnADesktopAndAPhone() {
        check("public", List.of("/", "/pricing", "/sizing", "/directory", "/login", "/signup", "/partners/register",
                "/password/forgot", "/mobile"));

        PartnerAccount partner = accounts.verifiedPartner("Barrierefrei Partner");
        CustomerAccount customer = accounts.invitedCustomer(partner, "Barrierefrei GmbH", true);
        logIn(customer.email(), PASSWORD);
        open("/instances");
        type("name", "Zentrale");
        type("subdomain", "a11y-" + System.nanoTime() % 100000);
        browser.findElement(By.id("start-trial")).click();
        browser.findElement(By.id("create-instance")).click();
        waitForText(By.id("status"), "in trial");
        String instance = browser.getCurrentUrl().replaceFirst("^https?://[^/]+", "");
        waitFor(By.id("price-monthly"));
        check("customer", List.of("/dashboard", "/instances", instance, "/customer/invoices", "/customer/profile",
                "/licensing", "/licensing" + instance, "/licensing" + instance + "/subjects"));

        // A subscribed phone system with an employee who uses the desktop client: its numbers, telephony
        // (devices, registrations, live calls, history), employees, the licence charts' ranges and the phone.
        Office office = phones.office(3, 1);
        String system = "/instances/" + office.setup().instance().value();
        logIn(office.setup().customer().email(), PASSWORD);
        check("subscribed", List.of(system, system + "/numbers", system + "/porting/new", system + "/employees",
                "/telephony" + system, "/licensing" + system + "?range=7d", "/licensing" + system + "?range=30d"));
        logIn(office.employees().get(0).email(), PASSWORD);
        check("employee", List.of("/phone"));
        // Its partner looks after the same phone system: the partner's view of it, its calls and its licences.
        logIn(office.setup().partner().email(), PASSWORD);
        check("partner-customer", List.of("/instances", system, "/telephony" + system, "/licensing",
                "/licensing" + system, "/licensing" + system + "?range=7d"));

        logIn(partner.email(), PASSWORD);
        check("partner", List.of("/dashboard", "/partner/customers", "/partner/programme", "/partner/programme/statements",
                "/partner/programme/leads", "/partner/programme/training", "/partner/programme/settings",
                "/partner/programme/media", "/partner/programme/support", "/partner/invoices"));

        logIn(OPERATOR_EMAIL, PASSWORD);
        check("operator", List.of("/dashboard", "/operator/billing", "/operator/billing/invoices", "/operator/billing/zones",
                "/operator/billing/settings", "/operator/partners", "/operator/customers", "/operator/programme",
                "/operator/programme/leads", "/operator/programme/support", "/operator/programme/training",
                "/operator/programme/media", "/operator/numbers", "/operator/porting", "/operator/trunk-templates",
                "/operator/outbox", "/operator/catalog", "/operator/trials", "/operator/licence-settings",
                "/operator/telephony", "/instances", system, "/telephony" + system, "/licensing", "/licensing" + system,
                "/licensing" + system + "?range=30d"));

        List<String> all = new ArrayList<>();
        problems.forEach((page, found) -> found.forEach(p -> all.add(page + " → " + p)));
        assertThat(all).as("serious accessibility problems and sideways scrolling").isEmpty();
    }

    private void check(String role, List<String> paths) {
        for (boolean phone : new boolean[] { false, true }) {
            phoneWidth(phone);
            try {
                for (String path : paths) {
                    open(path);
                    waitFor(By.tagName("main"));
                    // charts are checked as drawn, with their legends
                    new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10)).until(d ->
                            d.findElements(By.cssSelector("figure.chart:not(.drawn)")).isEmpty());
                    assertThat(browser.findElements(By.id("error-title"))).as(path + " as " + role + " is a page").isEmpty();
                    String name = role + path.replaceAll("[^a-z0-9]+", "-").replaceAll("-$", "") + (phone ? "-phone" : "");
                    screenshot(name);
                    List<String> found = new ArrayList<>(seriousAccessibilityProblems());
                    if (phone && scrollsSideways()) {
                        found.add("scrolls sideways at 360 px: " + pastTheRightEdge());
                    }
                    if (!found.isEmpty()) {
                        problems.put(role + " " + path + (phone ? " (phone)" : ""), found);
                    }
                }
            } finally {
                phoneWidth(false);
            }
        }
    }
}
