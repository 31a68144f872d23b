package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.billing.internal.SubscriptionTimelines;
import org.switchboard.testing.Api;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.IntegrationTestBase;

import tools.jackson.databind.JsonNode;

/**
 * What billing's story tests share: accounts and subscriptions sold on a day of the test clock,
 * call records sent and months run, and invoices read back as their readers read them (the API).
 */
abstract class BillingIntegrationTestBase extends IntegrationTestBase {

    @Autowired
    AccountFixtures accounts;
    @Autowired
    SubscriptionTimelines timelines;
    @Autowired
    InvoiceRun run;

    Api as(String email) {
        return new Api(port).as(email, PASSWORD);
    }

    Api operator() {
        return as(OPERATOR_EMAIL);
    }

    /** A Basic subscription of {@code concurrentUsers} sold to the customer at {@code at}, once billing knows of it. */
    String sold(CustomerAccount customer, String instanceName, int concurrentUsers, Instant at) {
        clock.set(at);
        String instance = SubscriptionFixtures.subscribe(port, customer, instanceName, concurrentUsers);
        SubscriptionFixtures.awaitTimeline(timelines, instance, 1);
        return instance;
    }

    Response cdrs(CustomerAccount customer, String instance, List<Map<String, Object>> calls) {
        Response r = as(customer.email()).post("/api/v1/instances/" + instance + "/cdrs", calls);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    /** The month's invoice run, started and worked off to its end at the clock's instant. */
    void runMonth(YearMonth month) {
        run.create(month, "operator");
        assertThat(run.complete(month).finishedAt()).isNotNull();
    }

    /** The customer's invoices and credit notes as its list shows them. */
    List<JsonNode> invoices(CustomerAccount customer) {
        List<JsonNode> found = new ArrayList<>();
        as(customer.email()).get("/api/v1/invoices").json().forEach(found::add);
        return found;
    }

    /** The customer's invoice of a month (not a credit note), in full. */
    JsonNode invoice(CustomerAccount customer, String month) {
        for (JsonNode i : invoices(customer)) {
            if (i.path("month").asString().equals(month) && !i.path("corrects").isObject()) {
                return as(customer.email()).get("/api/v1/invoices/" + i.path("id").asString()).json();
            }
        }
        throw new AssertionError("no invoice for " + month);
    }

    /** The customer's only document of {@code kind} (INVOICE or CREDIT_NOTE), in full. */
    JsonNode only(CustomerAccount customer, String kind) {
        List<JsonNode> ofKind = invoices(customer).stream().filter(i -> i.path("kind").asString().equals(kind))
                .toList();
        assertThat(ofKind).hasSize(1);
        return as(customer.email()).get("/api/v1/invoices/" + ofKind.get(0).path("id").asString()).json();
    }
}
