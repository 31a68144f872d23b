package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.billing.BillingStoryIntegrationTest.amounts;
import static org.switchboard.billing.BillingStoryIntegrationTest.berlin;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.catalog.Money;
import org.switchboard.partners.CommissionLine;
import org.switchboard.partners.CommissionLedger;
import org.switchboard.partners.LevelReview;
import org.switchboard.testing.Api.Response;

import tools.jackson.databind.JsonNode;

/**
 * An operator corrects a finalised invoice with credit notes: part of a line, then the rest of the
 * invoice; never more than is left; the partner's commission goes back with them. The invoice of
 * March 2036: 10 CU x 8.90 = 89.00 for March (from its first instant) and 89.00 for April in
 * advance, net 178.00, VAT 33.82, gross 211.82, collected by direct debit.
 */
class CreditNotesIntegrationTest extends BillingIntegrationTestBase {

    @Autowired
    org.switchboard.partners.CommissionLedger ledger;
    @Autowired
    org.switchboard.partners.LevelReview review;

    @Test
    void creditNotesTakeBackPartOfALineThenTheRestNeverMoreAndReverseTheCommission() {
        PartnerAccount partner = accounts.verifiedPartner("Credit Partner");
        CustomerAccount customer = accounts.invitedCustomer(partner, "Gutschrift GmbH", true);
        sold(customer, "Head office", 10, berlin(2036, 3, 1, 0, 0));
        clock.set(berlin(2036, 4, 1, 0, 30));
        runMonth(YearMonth.of(2036, 3));
        JsonNode invoice = only(customer, "INVOICE");
        String invoiceId = invoice.path("id").asString();
        String number = invoice.path("number").asString();
        assertThat(amounts(invoice.path("lines"))).containsExactly("89.00", "89.00");
        assertThat(invoice.path("lines").get(1).path("line").asInt()).isEqualTo(2);
        assertThat(invoice.path("totals").path("gross").decimalValue()).isEqualByComparingTo("211.82");
        // The partner earns 10% (Registered) of 178.00.
        SubscriptionFixtures.await(() -> commission(partner, invoiceId) != null);
        assertThat(commission(partner, invoiceId).amount()).isEqualTo(Money.euros("17.80"));

        clock.set(berlin(2036, 4, 9, 11, 0));
        String path = "/api/v1/invoices/" + invoiceId + "/credit-notes";
        Map<String, Object> outage = Map.of("reason", "Outage of three days", "lines", List.of(Map.of("line", 2, "amount", 20.00)));

        // Only operators issue credit notes.
        assertThat(as(customer.email()).post(path, outage).status()).isEqualTo(403);
        assertThat(as(partner.email()).post(path, outage).status()).isEqualTo(403);
        Response unknown = operator().post("/api/v1/invoices/" + UUID.randomUUID() + "/credit-notes", outage);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        // Malformed: 400 naming the fields.
        Response malformed = operator().post(path, Map.of("reason", " ", "lines", List.of()));
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.errorFields()).contains("reason", "lines");
        Response cents = operator().post(path, Map.of("reason", "x", "lines", List.of(Map.of("line", 2, "amount", 1.234))));
        assertThat(cents.status()).isEqualTo(400);
        assertThat(cents.errorMessage("lines[0].amount")).contains("two decimals");
        // More than the line: 422 with the limit.
        Response tooMuch = operator().post(path, Map.of("reason", "x", "lines", List.of(Map.of("line", 2, "amount", 89.01))));
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(422);
        assertThat(tooMuch.contentType()).startsWith("application/problem+json");
        assertThat(tooMuch.text("field")).isEqualTo("lines[0].amount");
        assertThat(tooMuch.text("detail")).contains("can be credited by at most 89.00 EUR");

        // 20.00 of April's fee: -20.00 net, VAT -3.80, gross -23.80, refunded by bank transfer.
        Response first = operator().post(path, outage);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        JsonNode note = first.json();
        assertThat(first.headers().firstValue("Location")).hasValue("/api/v1/invoices/" + note.path("id").asString());
        assertThat(note.path("kind").asString()).isEqualTo("CREDIT_NOTE");
        assertThat(note.path("number").asString()).matches("CN-2036-\\d{6}");
        assertThat(note.path("month").asString()).isEqualTo("2036-03");
        assertThat(note.path("issuedOn").asString()).isEqualTo("2036-04-09");
        assertThat(amounts(note.path("lines"))).containsExactly("-20.00");
        assertThat(note.path("totals").path("net").decimalValue()).isEqualByComparingTo("-20.00");
        assertThat(note.path("totals").path("vat").decimalValue()).isEqualByComparingTo("-3.80");
        assertThat(note.path("totals").path("gross").decimalValue()).isEqualByComparingTo("-23.80");
        assertThat(note.path("totals").path("vatTreatment").asString()).isEqualTo("STANDARD");
        assertThat(note.path("corrects").path("number").asString()).isEqualTo(number);
        assertThat(note.path("corrects").path("reason").asString()).isEqualTo("Outage of three days");
        assertThat(note.path("corrects").path("settlement").asString())
                .isEqualTo("Invoice " + number + " is collected by SEPA direct debit as issued. We refund the credited "
                        + "23.80 EUR by bank transfer to the account ending 3000 within 14 days.");
        String firstId = note.path("id").asString();

        // 69.00 are left of line 2 now.
        Response over = operator().post(path, Map.of("reason", "x", "lines", List.of(Map.of("line", 2, "amount", 69.01))));
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.text("detail")).contains("at most 69.00 EUR (89.00 invoiced, 20.00 credited before)");
        // A credit note is not credited.
        assertThat(operator().post("/api/v1/invoices/" + firstId + "/credit-notes",
                Map.of("reason", "x", "whole", true)).status()).isEqualTo(422);

        // The rest of the invoice: -89.00 and -69.00, net -158.00, VAT -30.02, gross -188.02; the next number.
        Response rest = operator().post(path, Map.of("reason", "Contract cancelled", "whole", true));
        assertThat(rest.status()).as(rest.toString()).isEqualTo(201);
        assertThat(amounts(rest.json().path("lines"))).containsExactly("-89.00", "-69.00");
        assertThat(rest.json().path("totals").path("vat").decimalValue()).isEqualByComparingTo("-30.02");
        assertThat(rest.json().path("totals").path("gross").decimalValue()).isEqualByComparingTo("-188.02");
        assertThat(sequence(rest.json().path("number").asString())).isEqualTo(sequence(note.path("number").asString()) + 1);
        Response nothingLeft = operator().post(path, Map.of("reason", "Again", "whole", true));
        assertThat(nothingLeft.status()).isEqualTo(422);
        assertThat(nothingLeft.text("detail")).contains("credited in full already");

        // The customer sees both in its invoice list, with their documents; no direct debit for them.
        List<JsonNode> notes = invoices(customer).stream()
                .filter(i -> i.path("kind").asString().equals("CREDIT_NOTE")).toList();
        assertThat(notes).hasSize(2).allSatisfy(n -> assertThat(n.path("corrects").path("number").asString()).isEqualTo(number));
        assertThat(as(customer.email()).get(path).json().size()).isEqualTo(2);
        assertThat(as(customer.email()).get("/api/v1/invoices/" + firstId).json().path("payment").isNull()).isTrue();
        Response pdf = as(customer.email()).get("/api/v1/invoices/" + firstId + "/pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.body()).startsWith("%PDF");
        assertThat(as(customer.email()).get("/api/v1/invoices/" + firstId + "/xrechnung").body())
                .contains("<ram:TypeCode>381</ram:TypeCode>").contains(number)
                // BR-DE-1: the refund by credit transfer (58) to the account the invoice was debited from
                .contains("<ram:TypeCode>58</ram:TypeCode>").contains("DE89370400440532013000")
                .contains("We refund the credited 23.80 EUR by bank transfer to the account ending 3000");

        // The partner programme takes the commission back at the invoice's rate, and the turnover.
        SubscriptionFixtures.await(() -> commission(partner, firstId) != null
                && commission(partner, rest.json().path("id").asString()) != null);
        assertThat(commission(partner, firstId).amount()).isEqualTo(Money.euros("-2.00"));
        assertThat(commission(partner, rest.json().path("id").asString()).amount()).isEqualTo(Money.euros("-15.80"));
        assertThat(commission(partner, rest.json().path("id").asString()).rate()).isEqualByComparingTo("0.10");
        assertThat(ledger.openLines(partner.admin(), partner.id()).stream().map(CommissionLine::amount)
                .reduce(Money.euros("0"), Money::plus)).isEqualTo(Money.euros("0.00"));
        assertThat(review.figures(partner.id(), LocalDate.of(2036, 4, 9)).turnover()).isEqualTo(Money.euros("0.00"));
    }

    @Test
    void aCreditNoteIssuedBeforeTheDebitWasReturnedNoLongerPromisesARefund() {
        PartnerAccount partner = accounts.verifiedPartner("Return Partner");
        CustomerAccount customer = accounts.invitedCustomer(partner, "Ruecklast GmbH", true);
        sold(customer, "Head office", 10, berlin(2046, 7, 1, 0, 0));
        clock.set(berlin(2046, 8, 1, 0, 30));
        runMonth(YearMonth.of(2046, 7));
        JsonNode invoice = only(customer, "INVOICE");
        String invoiceId = invoice.path("id").asString();
        String number = invoice.path("number").asString();

        // Issued while the debit stands: the 23.80 EUR are refunded.
        clock.set(berlin(2046, 8, 9, 11, 0));
        Response issued = operator().post("/api/v1/invoices/" + invoiceId + "/credit-notes",
                Map.of("reason", "Outage of three days", "lines", List.of(Map.of("line", 2, "amount", 20.00))));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String noteId = issued.json().path("id").asString();
        assertThat(issued.json().path("corrects").path("settlement").asString()).contains("We refund the credited 23.80 EUR");

        // The bank returns the debit: nothing was paid, so nothing is refunded; the credit lowers what is open.
        Response returned = operator().post("/api/v1/invoices/" + invoiceId + "/payment/returned",
                Map.of("reason", "MD06"));
        assertThat(returned.status()).as(returned.toString()).isEqualTo(200);
        JsonNode note = as(customer.email()).get("/api/v1/invoices/" + noteId).json();
        assertThat(note.path("corrects").path("settlement").asString())
                .isEqualTo("The direct debit of invoice " + number + " was returned: the credited 23.80 EUR lowers "
                        + "the amount still open on it.");
        String xml = as(customer.email()).get("/api/v1/invoices/" + noteId + "/xrechnung").body();
        assertThat(xml).contains("lowers the amount still open").doesNotContain("refund")
                // set off (97), no credit transfer (58) to the customer's account
                .contains("<ram:TypeCode>97</ram:TypeCode>").doesNotContain("DE89370400440532013000");
    }

    // ---- helpers --------------------------------------------------------------------------------

    CommissionLine commission(PartnerAccount partner, String invoiceId) {
        return ledger.openLines(partner.admin(), partner.id()).stream()
                .filter(l -> l.invoiceId().toString().equals(invoiceId)).findFirst().orElse(null);
    }

    static int sequence(String number) {
        return Integer.parseInt(number.substring(number.lastIndexOf('-') + 1));
    }
}
