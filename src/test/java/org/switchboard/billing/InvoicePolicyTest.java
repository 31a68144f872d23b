package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.billing.BillingFixtures.CALENDAR;
import static org.switchboard.billing.BillingFixtures.activated;
import static org.switchboard.billing.BillingFixtures.berlin;
import static org.switchboard.billing.BillingFixtures.deactivated;
import static org.switchboard.billing.BillingFixtures.eur;
import static org.switchboard.billing.BillingFixtures.renewed;
import static org.switchboard.billing.BillingFixtures.timeline;
import static org.switchboard.billing.BillingFixtures.upgraded;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.switchboard.billing.InvoiceLine.Kind;
import org.switchboard.billing.SubscriptionTimeline.Entry;
import org.switchboard.catalog.Plan;
import org.switchboard.instances.InstanceId;

/**
 * The story of one instance: sold on 10 November 2026 at 10:00 with 16 CU, upgraded to 30 CU on
 * the 17th at 12:00, downgraded to 16 CU at its term end a year later, then cancelled.
 * 16 CU: tier 11-25 at 8.01 = 128.16 a month; 30 CU: tier 26-50 at 7.57 = 227.10 a month.
 */
class InvoicePolicyTest {

    static final InstanceId ID = InstanceId.random();
    static final Entry SOLD = activated(berlin(2026, 11, 10, 10, 0), 16, "128.16");
    static final Entry UPGRADE = upgraded(berlin(2026, 11, 17, 12, 0), 30, "227.10");

    @Test
    void novemberClosesWithTheFirstMonthTheUpgradeAndDecemberInAdvance() {
        List<InvoiceLine> lines = InvoicePolicy.compose(YearMonth.of(2026, 11), CALENDAR,
                List.of(timeline(ID, "Head office", SOLD, UPGRADE)), List.of());

        assertThat(lines).extracting(InvoiceLine::kind)
                .containsExactly(Kind.PRO_RATA, Kind.PRO_RATA, Kind.SUBSCRIPTION_FEE);
        // First month from 10 Nov 10:00 to 1 Dec: 20 days 14 hours = 29,640 of 43,200 minutes.
        // 128.16 x 29,640 / 43,200 = 87.932 -> 87.93
        assertThat(lines.get(0).amount()).isEqualTo(eur("87.93"));
        assertThat(lines.get(0).quantity()).isEqualTo("29,640/43,200 min");
        assertThat(lines.get(0).description())
                .isEqualTo("Head office: Basic, 16 concurrent users, first month from activation, "
                        + "10 Nov 2026 10:00 – 1 Dec 2026 00:00, 29,640/43,200 min of the month");
        assertThat(lines.get(0).periodFrom()).isEqualTo(berlin(2026, 11, 10, 10, 0));
        // Upgrade: (227.10 - 128.16) x 19,440 / 43,200 = 98.94 x 0.45 = 44.523 -> 44.52
        assertThat(lines.get(1).amount()).isEqualTo(eur("44.52"));
        assertThat(lines.get(1).quantity()).isEqualTo("19,440/43,200 min");
        assertThat(lines.get(1).description()).startsWith("Head office: Upgrade to Basic, 30 concurrent users (128.16 EUR → 227.10 EUR a month)");
        // December in advance at 30 CU.
        assertThat(lines.get(2).amount()).isEqualTo(eur("227.10"));
        assertThat(lines.get(2).description()).isEqualTo("Head office: Basic, 30 concurrent users, December 2026 in advance");
        assertThat(lines.get(2).periodFrom()).isEqualTo(berlin(2026, 12, 1, 0, 0));
        assertThat(lines.get(2).periodTo()).isEqualTo(berlin(2027, 1, 1, 0, 0));

        // 87.93 + 44.52 + 227.10 = 359.55 net; 19% = 68.3145 -> 68.31; gross 427.86
        InvoiceTotals totals = InvoiceTotals.of(lines, VatPolicy.Treatment.STANDARD);
        assertThat(totals.net()).isEqualTo(eur("359.55"));
        assertThat(totals.vat()).isEqualTo(eur("68.31"));
        assertThat(totals.gross()).isEqualTo(eur("427.86"));
        assertThat(totals.netSubscriptions()).isEqualTo(eur("359.55"));
        assertThat(totals.netAirtime()).isEqualTo(eur("0.00"));
    }

    @Test
    void anActivationAndAnUpgradeAtTheSameInstantComposeAlikeWhateverOrderTheyAreReadIn() {
        Entry upgradedAtOnce = upgraded(SOLD.at(), 30, "227.10");
        List<InvoiceLine> activationFirst = InvoicePolicy.compose(YearMonth.of(2026, 11), CALENDAR,
                List.of(timeline(ID, "Head office", SOLD, upgradedAtOnce)), List.of());
        List<InvoiceLine> upgradeFirst = InvoicePolicy.compose(YearMonth.of(2026, 11), CALENDAR,
                List.of(timeline(ID, "Head office", upgradedAtOnce, SOLD)), List.of());

        assertThat(upgradeFirst).isEqualTo(activationFirst);
        // December in advance at the upgraded 30 CU, whichever entry came first from the store.
        assertThat(activationFirst.get(activationFirst.size() - 1).amount()).isEqualTo(eur("227.10"));
        assertThat(timeline(ID, "Head office", upgradedAtOnce, SOLD).at(SOLD.at()).orElseThrow().concurrentUsers())
                .isEqualTo(30);
    }

    @Test
    void aQuietMonthIsTheFeeInAdvanceAndTheAirtimeOfTheMonthJustEnded() {
        List<InvoiceLine> lines = InvoicePolicy.compose(YearMonth.of(2026, 12), CALENDAR,
                List.of(timeline(ID, "Head office", SOLD.asBilled(), UPGRADE.asBilled())),
                List.of(new AirtimeSummary(ID, "German mobile", 3, 305, new BigDecimal("0.4525")),
                        new AirtimeSummary(ID, "German fixed", 2, 240, new BigDecimal("0.0760"))));

        assertThat(lines).extracting(InvoiceLine::kind).containsExactly(Kind.SUBSCRIPTION_FEE, Kind.AIRTIME, Kind.AIRTIME);
        assertThat(lines.get(0).amount()).isEqualTo(eur("227.10"));
        assertThat(lines.get(0).description()).contains("January 2027 in advance");
        // 0.4525 -> 0.45; 0.0760 -> 0.08: rounded once per line
        assertThat(lines.get(1).amount()).isEqualTo(eur("0.45"));
        assertThat(lines.get(1).quantity()).isEqualTo("3 calls, 5:05 min");
        assertThat(lines.get(2).amount()).isEqualTo(eur("0.08"));
        InvoiceTotals totals = InvoiceTotals.of(lines, VatPolicy.Treatment.STANDARD);
        assertThat(totals.netAirtime()).isEqualTo(eur("0.53"));
        // 227.63 x 19% = 43.2497 -> 43.25
        assertThat(totals.vat()).isEqualTo(eur("43.25"));
    }

    @Test
    void aDowngradeAtTermEndChangesTheFeeFromTheTermEndOn() {
        // Term end 10 Nov 2027 10:00: renewed with 16 CU at 128.16.
        Entry renewal = renewed(berlin(2027, 11, 10, 10, 0), 16, "128.16");
        List<InvoiceLine> lines = InvoicePolicy.compose(YearMonth.of(2027, 11), CALENDAR,
                List.of(timeline(ID, "Head office", SOLD.asBilled(), UPGRADE.asBilled(), renewal)), List.of());

        assertThat(lines).extracting(InvoiceLine::kind).containsExactly(Kind.PRO_RATA, Kind.SUBSCRIPTION_FEE);
        // November 2027 was paid in advance at 227.10; from 10 Nov 10:00 (29,640 of 43,200 minutes) it is 128.16:
        // (128.16 - 227.10) x 29,640 / 43,200 = -67.8838 -> -67.88
        assertThat(lines.get(0).amount()).isEqualTo(eur("-67.88"));
        assertThat(lines.get(0).description()).startsWith("Head office: Renewal as Basic, 16 concurrent users (227.10 EUR → 128.16 EUR a month)");
        assertThat(lines.get(1).amount()).isEqualTo(eur("128.16"));
    }

    @Test
    void nothingIsChargedAfterDeactivation() {
        // Cancelled, deactivated at the term end 10 Nov 2027 10:00: the rest of November is credited, December costs nothing.
        List<InvoiceLine> november = InvoicePolicy.compose(YearMonth.of(2027, 11), CALENDAR,
                List.of(timeline(ID, "Head office", SOLD.asBilled(), UPGRADE.asBilled(),
                        deactivated(berlin(2027, 11, 10, 10, 0)))), List.of());
        // -227.10 x 29,640 / 43,200 = -155.8158 -> -155.82
        assertThat(november).extracting(InvoiceLine::amount).containsExactly(eur("-155.82"));
        assertThat(november.get(0).description()).startsWith("Head office: Credit after deactivation (227.10 EUR a month)");

        assertThat(InvoicePolicy.compose(YearMonth.of(2027, 12), CALENDAR,
                List.of(timeline(ID, "Head office", SOLD.asBilled(), UPGRADE.asBilled(),
                        deactivated(berlin(2027, 11, 10, 10, 0)).asBilled())), List.of()))
                .isEmpty();
    }

    @Test
    void freeInstancesAndTrialsCostNothing() {
        Entry nfr = new Entry(berlin(2026, 11, 3, 9, 0), SubscriptionTimeline.Kind.ACTIVATED, Plan.BASIC, 10, eur("89.00"), true);
        assertThat(InvoicePolicy.compose(YearMonth.of(2026, 11), CALENDAR,
                List.of(timeline(ID, "Partner's own", nfr)), List.of())).isEmpty();
        // A trial has no subscription entries at all.
        assertThat(InvoicePolicy.compose(YearMonth.of(2026, 11), CALENDAR,
                List.of(timeline(ID, "Trial")), List.of())).isEmpty();
    }

    @Test
    void aChangeAtTheFirstInstantOfAMonthBelongsToThatMonth() {
        // Sold on 1 Dec 00:00: not in November's advance fee, but a full first month in December's closing.
        Entry sold = activated(berlin(2026, 12, 1, 0, 0), 16, "128.16");
        assertThat(InvoicePolicy.compose(YearMonth.of(2026, 11), CALENDAR, List.of(timeline(ID, "X", sold)), List.of()))
                .isEmpty();
        assertThat(InvoicePolicy.compose(YearMonth.of(2026, 12), CALENDAR, List.of(timeline(ID, "X", sold)), List.of()))
                .extracting(InvoiceLine::amount).containsExactly(eur("128.16"), eur("128.16"));
    }

    // ---- what earlier runs did not bill ---------------------------------------------------------

    @Test
    void anUpgradeRecordedAfterNovembersRunIsChargedForTheRestOfNovemberAndForDecemberPaidInAdvance() {
        // November's run billed the sale (87.93) and December in advance at 16 CU (128.16); the
        // upgrade of 17 Nov 12:00 reached billing only afterwards. December's run:
        List<InvoiceLine> lines = InvoicePolicy.compose(YearMonth.of(2026, 12), CALENDAR,
                List.of(timeline(ID, "Head office", SOLD.asBilled(), UPGRADE)), List.of());

        assertThat(lines).extracting(InvoiceLine::kind)
                .containsExactly(Kind.PRO_RATA, Kind.PRO_RATA, Kind.SUBSCRIPTION_FEE);
        // rest of November: (227.10 - 128.16) x 19,440 / 43,200 = 44.523 -> 44.52
        assertThat(lines.get(0).amount()).isEqualTo(eur("44.52"));
        assertThat(lines.get(0).description()).isEqualTo("Head office: Upgrade to Basic, 30 concurrent users "
                + "(128.16 EUR → 227.10 EUR a month), 17 Nov 2026 12:00 – 1 Dec 2026 00:00, 19,440/43,200 min of the month");
        // December was paid in advance at 128.16: 98.94 x 44,640 / 44,640 = 98.94
        assertThat(lines.get(1).amount()).isEqualTo(eur("98.94"));
        assertThat(lines.get(1).quantity()).isEqualTo("44,640/44,640 min");
        assertThat(lines.get(1).periodFrom()).isEqualTo(berlin(2026, 12, 1, 0, 0));
        assertThat(lines.get(1).periodTo()).isEqualTo(berlin(2027, 1, 1, 0, 0));
        // January in advance at 30 CU
        assertThat(lines.get(2).amount()).isEqualTo(eur("227.10"));
        // 44.52 + 98.94 + 227.10 = 370.56; 19% = 70.4064 -> 70.41
        assertThat(InvoiceTotals.of(lines, VatPolicy.Treatment.STANDARD).gross()).isEqualTo(eur("440.97"));

        // Once billed, January's run charges the fee only.
        assertThat(InvoicePolicy.compose(YearMonth.of(2027, 1), CALENDAR,
                List.of(timeline(ID, "Head office", SOLD.asBilled(), UPGRADE.asBilled())), List.of()))
                .extracting(InvoiceLine::amount).containsExactly(eur("227.10"));
    }

    @Test
    void aLateChangeBeforeAChangeBilledAlreadyIsChargedOnlyUntilIt() {
        // Billed: the sale (November's run) and an upgrade to 40 CU on 10 Dec 00:00 (December's run,
        // then from 128.16 to 302.80). The upgrade to 30 CU of 17 Nov comes late, to January's run.
        Entry to40 = upgraded(berlin(2026, 12, 10, 0, 0), 40, "302.80").asBilled();
        List<InvoiceLine> lines = InvoicePolicy.compose(YearMonth.of(2027, 1), CALENDAR,
                List.of(timeline(ID, "Head office", SOLD.asBilled(), UPGRADE, to40)), List.of());

        // 98.94 x 19,440 / 43,200 = 44.52 for November; 1 to 10 Dec: 98.94 x 12,960 / 44,640 = 28.7245 -> 28.72;
        // from 10 Dec on the billed upgrade charged 302.80 already. February in advance at 40 CU: 302.80.
        assertThat(lines).extracting(InvoiceLine::amount)
                .containsExactly(eur("44.52"), eur("28.72"), eur("302.80"));
        assertThat(lines.get(1).quantity()).isEqualTo("12,960/44,640 min");
        assertThat(lines.get(1).periodTo()).isEqualTo(berlin(2026, 12, 10, 0, 0));
    }

    @Test
    void callRecordsOfAnEarlierMonthGetALinePerMonthAndZoneLabelledLate() {
        List<InvoiceLine> lines = InvoicePolicy.compose(YearMonth.of(2026, 12), CALENDAR,
                List.of(timeline(ID, "Head office", SOLD.asBilled(), UPGRADE.asBilled())),
                List.of(new AirtimeSummary(ID, "German fixed", 1, 60, new BigDecimal("0.0190"), YearMonth.of(2026, 12)),
                        new AirtimeSummary(ID, "German mobile", 1, 90, new BigDecimal("0.1335"), YearMonth.of(2026, 11))));

        assertThat(lines).extracting(InvoiceLine::amount).containsExactly(eur("227.10"), eur("0.13"), eur("0.02"));
        assertThat(lines.get(1).description())
                .isEqualTo("Head office: airtime German mobile, November 2026 (late call records, itemised in the appendix)");
        assertThat(lines.get(1).periodFrom()).isEqualTo(berlin(2026, 11, 1, 0, 0));
        assertThat(lines.get(1).periodTo()).isEqualTo(berlin(2026, 12, 1, 0, 0));
        assertThat(lines.get(1).quantity()).isEqualTo("1 calls, 1:30 min");
        assertThat(lines.get(2).description()).isEqualTo("Head office: airtime German fixed (itemised in the appendix)");
    }
}
