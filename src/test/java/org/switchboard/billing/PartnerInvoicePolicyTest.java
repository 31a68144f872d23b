package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.billing.BillingFixtures.CALENDAR;
import static org.switchboard.billing.BillingFixtures.activated;
import static org.switchboard.billing.BillingFixtures.berlin;
import static org.switchboard.billing.BillingFixtures.eur;
import static org.switchboard.billing.BillingFixtures.timeline;
import static org.switchboard.billing.BillingFixtures.upgraded;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;
import org.switchboard.billing.PartnerChargeProvider.PartnerCharge;
import org.switchboard.billing.PartnerInvoicePolicy.CustomerLines;
import org.switchboard.billing.PartnerInvoicePolicy.PartnerLine;
import org.switchboard.billing.WholesaleTermsProvider.WholesaleBuyer;
import org.switchboard.instances.InstanceId;

/**
 * The invoice to a CSP partner at the Certified level (15% off retail) for November 2030: the
 * lines its two customers would have got, each at 85%, rounded per line; then its webinar seats.
 */
class PartnerInvoicePolicyTest {

    static final YearMonth NOVEMBER = YearMonth.of(2030, 11);
    static final WholesaleBuyer CERTIFIED = new WholesaleBuyer(PartnerId.random(), new BigDecimal("0.15"));

    @Test
    void eachRetailLineIsBoughtAtRetailLessTheRateRoundedPerLineAndLabelledWithItsCustomer() {
        InstanceId head = InstanceId.random();
        // Huber: sold 10 Nov 10:00 with 16 CU (128.16), upgraded 17 Nov 12:00 to 30 CU (227.10).
        CustomerLines huber = customer("Huber GmbH", InvoicePolicy.compose(NOVEMBER, CALENDAR,
                List.of(timeline(head, "Head office", activated(berlin(2030, 11, 10, 10, 0), 16, "128.16"),
                        upgraded(berlin(2030, 11, 17, 12, 0), 30, "227.10"))),
                List.of()));
        // Adler: sold before November with 10 CU (89.00), billed by October's run: only December in
        // advance, and 0.1795 of mobile airtime.
        InstanceId shop = InstanceId.random();
        CustomerLines adler = customer("Adler KG", InvoicePolicy.compose(NOVEMBER, CALENDAR,
                List.of(timeline(shop, "Shop", activated(berlin(2030, 10, 3, 9, 0), 10, "89.00").asBilled())),
                List.of(new AirtimeSummary(shop, "German mobile", 2, 91, new BigDecimal("0.1795")))));

        List<PartnerLine> lines = PartnerInvoicePolicy.compose(CERTIFIED, List.of(huber, adler), List.of());

        // Customers by name: Adler first.
        //   December in advance 89.00 x 0.85 = 75.65
        //   airtime 0.1795 -> 0.18 retail; 0.18 x 0.85 = 0.153 -> 0.15
        // Huber:
        //   first month 128.16 x 29,640/43,200 = 87.93 retail; 87.93 x 0.85 = 74.7405 -> 74.74
        //   upgrade 98.94 x 19,440/43,200 = 44.52 retail; 44.52 x 0.85 = 37.842 -> 37.84
        //   December in advance 227.10 x 0.85 = 193.035 -> 193.04 (half-up)
        assertThat(lines).extracting(l -> l.line().amount()).containsExactly(eur("75.65"), eur("0.15"), eur("74.74"),
                eur("37.84"), eur("193.04"));
        assertThat(lines).extracting(PartnerLine::customerId).containsExactly(adler.customerId(), adler.customerId(),
                huber.customerId(), huber.customerId(), huber.customerId());
        InvoiceLine upgrade = lines.get(3).line();
        assertThat(upgrade.kind()).isEqualTo(InvoiceLine.Kind.PRO_RATA);
        assertThat(upgrade.instanceId()).isEqualTo(head);
        assertThat(upgrade.quantity()).isEqualTo("19,440/43,200 min");
        assertThat(upgrade.description()).startsWith("Customer Huber GmbH (" + huber.customerId().value().toString().substring(0, 8) + ")")
                .contains("Head office: Upgrade to").endsWith("retail 44.52 EUR less 15%");

        // Net 75.65 + 74.74 + 37.84 + 193.04 = 381.27 subscriptions + 0.15 airtime = 381.42;
        // VAT 19% = 72.4698 -> 72.47; gross 453.89
        InvoiceTotals totals = InvoiceTotals.of(lines.stream().map(PartnerLine::line).toList(), VatPolicy.Treatment.STANDARD);
        assertThat(totals.netSubscriptions()).isEqualTo(eur("381.27"));
        assertThat(totals.netAirtime()).isEqualTo(eur("0.15"));
        assertThat(totals.netTraining()).isEqualTo(eur("0.00"));
        assertThat(totals.vat()).isEqualTo(eur("72.47"));
        assertThat(totals.gross()).isEqualTo(eur("453.89"));
    }

    @Test
    void chargesFollowAsTrainingLinesAndCountNeitherAsSubscriptionsNorAirtime() {
        PartnerCharge later = new PartnerCharge(UUID.randomUUID(), CERTIFIED.partnerId(), "Premium training webinar \"B\"",
                eur("399.00"), berlin(2030, 11, 20, 10, 0));
        PartnerCharge earlier = new PartnerCharge(UUID.randomUUID(), CERTIFIED.partnerId(),
                "Premium training webinar \"A\" (50% early-booking discount)", eur("199.50"), berlin(2030, 11, 2, 10, 0));

        List<PartnerLine> lines = PartnerInvoicePolicy.compose(null, List.of(), List.of(later, earlier));

        assertThat(lines).extracting(l -> l.line().amount()).containsExactly(eur("199.50"), eur("399.00"));
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.customerId()).isNull();
            assertThat(l.line().instanceId()).isNull();
            assertThat(l.line().kind()).isEqualTo(InvoiceLine.Kind.TRAINING);
        });
        // 598.50 of training, VAT 19% = 113.715 -> 113.72, gross 712.22
        InvoiceTotals totals = InvoiceTotals.of(lines.stream().map(PartnerLine::line).toList(), VatPolicy.Treatment.STANDARD);
        assertThat(totals.netSubscriptions()).isEqualTo(eur("0.00"));
        assertThat(totals.netAirtime()).isEqualTo(eur("0.00"));
        assertThat(totals.netTraining()).isEqualTo(eur("598.50"));
        assertThat(totals.gross()).isEqualTo(eur("712.22"));
    }

    @Test
    void aCreditForTheRestOfAMonthIsBoughtBackAtTheSameDiscount() {
        // A downgrade credit of -67.88 retail: -67.88 x 0.85 = -57.698 -> -57.70 (half-up, away from zero)
        InvoiceLine credit = new InvoiceLine(InstanceId.random(), InvoiceLine.Kind.PRO_RATA, "Head office: Renewal",
                null, null, "29,640/43,200 min", eur("-67.88"));
        CustomerLines huber = customer("Huber GmbH", List.of(credit));
        assertThat(PartnerInvoicePolicy.wholesale(CERTIFIED, huber)).extracting(InvoiceLine::amount)
                .containsExactly(eur("-57.70"));
    }

    @Test
    void lateCallsOfACustomerAreBoughtPerMonthAndZoneWithoutPointingToAnAppendix() {
        // Adler's October was billed by October's run; a mobile call of October came after it (0.1335),
        // November's fixed calls on time (0.0380): late line first, each at 85%, rounded per line.
        InstanceId shop = InstanceId.random();
        CustomerLines adler = customer("Adler KG", InvoicePolicy.compose(NOVEMBER, CALENDAR,
                List.of(timeline(shop, "Shop", activated(berlin(2030, 10, 3, 9, 0), 10, "89.00").asBilled())),
                List.of(new AirtimeSummary(shop, "German fixed", 1, 120, new BigDecimal("0.0380"), NOVEMBER),
                        new AirtimeSummary(shop, "German mobile", 1, 90, new BigDecimal("0.1335"), YearMonth.of(2030, 10)))));

        List<InvoiceLine> bought = PartnerInvoicePolicy.wholesale(CERTIFIED, adler);

        // December in advance 89.00 -> 75.65; October's late call 0.13 -> 0.1105 -> 0.11; November's 0.04 -> 0.034 -> 0.03
        assertThat(bought).extracting(InvoiceLine::amount).containsExactly(eur("75.65"), eur("0.11"), eur("0.03"));
        assertThat(bought.get(1).description()).contains("Shop: airtime German mobile, October 2030 (late call records)")
                .endsWith("retail 0.13 EUR less 15%").doesNotContain("appendix");
        assertThat(bought.get(2).description()).contains("Shop: airtime German fixed ·").doesNotContain("appendix");
        assertThat(bought.get(1).periodFrom()).isEqualTo(berlin(2030, 10, 1, 0, 0));
    }

    static CustomerLines customer(String name, List<InvoiceLine> retail) {
        return new CustomerLines(CustomerId.random(), name, retail);
    }
}
