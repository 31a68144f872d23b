package org.switchboard.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.catalog.Money;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.testing.IntegrationTestBase;

class PartnerProgrammeIntegrationTest extends IntegrationTestBase {

    @Autowired
    ProgrammeFixtures given;
    @Autowired
    CommissionLedger ledger;
    @Autowired
    LevelReview review;
    @Autowired
    MembershipManagement membership;
    @Autowired
    ProgrammeOverview overview;
    @Autowired
    ProgrammeJobs jobs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PartnerPayouts payouts;

    @Autowired
    org.switchboard.instances.InstanceManagement instances;

    /** Concurrent users of the partner's NFR phone system now; 0 when it has none or it is withdrawn. */
    int nfrConcurrentUsers(PartnerAccount partner) {
        return instances.instances(partner.admin(), java.util.Optional.empty()).stream()
                .filter(d -> d.instance().isNfr()).mapToInt(d -> d.licensedNow()).sum();
    }

    static LocalDate day(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }

    @Test
    void aPartnerRegisteredOnFirstJanuarySellsTrainsAndRisesToPremiumWithItsStatements() {
        PartnerAccount partner = given.partnerRegisteredOn(day(2027, 1, 1), "Alpenfunk IT");
        List<CustomerAccount> customers = List.of(given.customer(partner, "Bäckerei Huber"),
                given.customer(partner, "Kanzlei Maier"), given.customer(partner, "Autohaus Gruber"),
                given.customer(partner, "Praxis Dr. Lang"));
        given.today(day(2027, 1, 5));
        given.listingConfirmed(partner);
        membership.recordTraining(partner.id(), false, day(2027, 1, 6));
        membership.recordTraining(partner.id(), true, day(2027, 1, 20));
        for (int i = 0; i < 4; i++) {
            given.subscriptionSold(customers.get(i), day(2027, 1, 10 + i));
        }
        assertThat(level(partner)).isEqualTo(PartnerLevel.REGISTERED);

        // 31 January: four invoices of 1,125.00; the second makes the partner Certified.
        for (CustomerAccount c : customers) {
            given.invoiced(partner, c, day(2027, 1, 31), "1100.00", "25.00");
        }
        assertThat(level(partner)).isEqualTo(PartnerLevel.CERTIFIED);
        LevelChange certified = overview.standing(partner.admin(), partner.id()).changes().get(0);
        assertThat(certified.to()).isEqualTo(PartnerLevel.CERTIFIED);
        assertThat(certified.effectiveOn()).isEqualTo(day(2027, 1, 31));
        assertThat(certified.figures().turnover()).isEqualTo(Money.euros("2250.00"));
        assertThat(certified.figures().newSubscriptions()).isEqualTo(4);
        assertThat(nfrConcurrentUsers(partner)).isEqualTo(10); // the NFR phone system of a Certified partner

        // 1 February: January's statement, all four invoices at the Registered rate they were finalised under.
        given.today(day(2027, 2, 1));
        ledger.issueStatements(YearMonth.of(2027, 1), partner.id());
        Statement january = only(ledger.statements(partner.admin(), partner.id()));
        assertThat(january.period()).isEqualTo(YearMonth.of(2027, 1));
        assertThat(january.issuedOn()).isEqualTo(day(2027, 2, 1));
        assertThat(january.number()).matches("PC-2027-\\d{6}");
        january = ledger.statement(partner.admin(), january.id());
        assertThat(january.total()).isEqualTo(Money.euros("450.00"));
        assertThat(january.lines()).hasSize(4).allSatisfy(line -> {
            assertThat(line.subscriptionsNet()).isEqualTo(Money.euros("1100.00"));
            assertThat(line.airtimeNet()).isEqualTo(Money.euros("25.00"));
            assertThat(line.rate()).isEqualByComparingTo("0.10");
            assertThat(line.amount()).isEqualTo(Money.euros("112.50"));
        });

        // 28 February: 512.34 more, at the Certified rate; turnover passes 5,000 and the partner is Premium.
        UUID february = given.invoiced(partner, customers.get(0), day(2027, 2, 28), "500.00", "12.34");
        assertThat(level(partner)).isEqualTo(PartnerLevel.PREMIUM);
        LevelChange premium = overview.standing(partner.admin(), partner.id()).changes().get(0);
        assertThat(premium.figures().turnover()).isEqualTo(Money.euros("5012.34"));
        assertThat(premium.figures().premiumTraining()).isTrue();
        assertThat(nfrConcurrentUsers(partner)).isEqualTo(25);
        given.today(day(2027, 3, 1));
        ledger.issueStatements(YearMonth.of(2027, 2), partner.id());
        Statement feb = ledger.statement(partner.admin(), newest(partner).id());
        assertThat(feb.total()).isEqualTo(Money.euros("76.85")); // 512.34 x 15% = 76.851
        assertThat(only(feb.lines()).rate()).isEqualByComparingTo("0.15");

        // March: 1,107.77 at the Premium rate; February's direct debit comes back on 10 March and is reversed.
        given.invoiced(partner, customers.get(1), day(2027, 3, 31), "1100.00", "7.77");
        assertThat(ledger.recordDirectDebitReturned(february, day(2027, 3, 10))).isTrue();
        assertThat(ledger.recordDirectDebitReturned(february, day(2027, 3, 11))).isFalse();
        given.today(day(2027, 4, 1));
        ledger.issueStatements(YearMonth.of(2027, 3), partner.id());
        Statement march = ledger.statement(partner.admin(), newest(partner).id());
        assertThat(march.lines()).extracting(CommissionLine::kind, CommissionLine::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CommissionLine.Kind.REVERSAL, Money.euros("-76.85")),
                org.assertj.core.groups.Tuple.tuple(CommissionLine.Kind.COMMISSION, Money.euros("221.55")));
        assertThat(march.total()).isEqualTo(Money.euros("144.70"));
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(ledger.statementPdf(partner.admin(), march.id()))) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            assertThat(text).contains("Credit note " + march.number(), "Alpenfunk IT", "2027-03",
                    "-76.85 EUR", "221.55 EUR", "Total credited to you: 144.70 EUR");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        // The returned invoice no longer counts as turnover.
        assertThat(review.figures(partner.id(), day(2027, 4, 1)).turnover()).isEqualTo(Money.euros("5607.77"));
        assertThat(overview.standing(partner.admin(), partner.id()).commissionThisYear()).isEqualTo(Money.euros("671.55"));

        // Another partner sees none of it.
        PartnerAccount other = given.partnerRegisteredOn(day(2027, 4, 1), "Nordlicht Telekom");
        UUID marchId = march.id();
        assertThatThrownBy(() -> ledger.statement(other.admin(), marchId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ledger.statements(other.admin(), partner.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theMonthlyRunHappensOnceWhenTwoNodesStartItAtTheSameTime() throws Exception {
        PartnerAccount partner = given.partnerRegisteredOn(day(2036, 12, 1), "Zwei Knoten AG");
        given.invoiced(partner, given.customer(partner, "Knoten Kunde"), day(2036, 12, 10), "1000.00", "0.00");
        given.today(day(2037, 1, 1));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Callable<Boolean> node = () -> {
                start.await();
                return jobs.runMonthly(YearMonth.of(2037, 1), day(2037, 1, 1));
            };
            var a = pool.submit(node);
            var b = pool.submit(node);
            start.countDown();
            assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(true, false);
        } finally {
            pool.shutdown();
        }
        assertThat(jobs.runMonthly(YearMonth.of(2037, 1), day(2037, 1, 1))).isFalse();
        Statement december = only(ledger.statements(partner.admin(), partner.id()));
        assertThat(december.period()).isEqualTo(YearMonth.of(2036, 12));
        assertThat(december.total()).isEqualTo(Money.euros("100.00"));
    }

    @Test
    void creditNoteNumbersHaveNoGapsWithinAYear() {
        PartnerAccount a = given.partnerRegisteredOn(day(2027, 5, 1), "Gapless A");
        PartnerAccount b = given.partnerRegisteredOn(day(2027, 5, 1), "Gapless B");
        given.invoiced(a, given.customer(a, "Kunde A"), day(2027, 5, 10), "100.00", "0.00");
        given.invoiced(b, given.customer(b, "Kunde B"), day(2027, 5, 11), "200.00", "0.00");
        ledger.issueStatements(YearMonth.of(2027, 5), a.id());
        ledger.issueStatements(YearMonth.of(2027, 5), b.id());
        List<Integer> numbers = jdbc.sql("select number from commission_statements where number like 'PC-2027-%' order by number")
                .query(String.class).list().stream().map(n -> Integer.parseInt(n.substring(8))).toList();
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).isEqualTo(i + 1);
        }
    }

    @Test
    void aPartnerFallsOnlyAtItsYearlyReviewAfterNotice() {
        PartnerAccount partner = given.partnerRegisteredOn(day(2030, 1, 1), "Seewind Systeme");
        CustomerAccount customer = given.customer(partner, "Hotel Seeblick");
        given.listingConfirmed(partner);
        membership.recordTraining(partner.id(), false, day(2030, 1, 2));
        given.subscriptionSold(customer, day(2030, 1, 10));
        given.invoiced(partner, customer, day(2030, 1, 15), "2000.00", "0.00");
        assertThat(level(partner)).isEqualTo(PartnerLevel.CERTIFIED);

        // Still within twelve months of the sale: nothing happens.
        given.today(day(2031, 1, 1));
        review.evaluateAll(day(2031, 1, 1), partner.id());
        assertThat(overview.standing(partner.admin(), partner.id()).notice()).isEmpty();

        // 1 February 2031: the figures no longer qualify; notice for the review on 1 January 2032.
        given.today(day(2031, 2, 1));
        review.evaluateAll(day(2031, 2, 1), partner.id());
        LevelNotice notice = overview.standing(partner.admin(), partner.id()).notice().orElseThrow();
        assertThat(notice.reviewOn()).isEqualTo(day(2032, 1, 1));
        assertThat(notice.expectedLevel()).isEqualTo(PartnerLevel.REGISTERED);
        assertThat(given.accounts.mailTo(partner.email(), "Notice: your partner level will be reviewed on 2032-01-01")
                .body()).contains("your partner level will change to Registered on that day");
        assertThat(level(partner)).isEqualTo(PartnerLevel.CERTIFIED);

        given.today(day(2031, 12, 31));
        review.reviewDue(day(2031, 12, 31));
        assertThat(level(partner)).isEqualTo(PartnerLevel.CERTIFIED);

        given.today(day(2032, 1, 1));
        review.reviewDue(day(2032, 1, 1));
        assertThat(level(partner)).isEqualTo(PartnerLevel.REGISTERED);
        LevelChange fall = overview.standing(partner.admin(), partner.id()).changes().get(0);
        assertThat(fall.reason()).isEqualTo("FALL");
        assertThat(fall.effectiveOn()).isEqualTo(day(2032, 1, 1));
        assertThat(fall.figures().turnover()).isEqualTo(Money.euros("0.00"));
        assertThat(fall.figures().newSubscriptions()).isZero();
        assertThat(nfrConcurrentUsers(partner)).isZero(); // withdrawn below Certified
        assertThat(given.accounts.mailTo(partner.email(), "Your partner level changed to Registered").body())
                .contains("At the yearly review on 2032-01-01");
    }

    @Test
    void aCspPartnersCustomersGetWholesaleTermsAndNoCommission() {
        PartnerAccount partner = given.partnerRegisteredOn(day(2028, 1, 1), "Wholesale Works");
        CustomerAccount customer = given.customer(partner, "Brauerei Weiss");
        assertThat(membership.wholesaleTermsFor(customer.id())).isEmpty();

        UUID early = given.invoiced(partner, customer, day(2028, 1, 31), "300.00", "0.00");
        given.today(day(2028, 2, 1));
        ledger.issueStatements(YearMonth.of(2028, 1), partner.id());
        // January's statement is not paid out yet: switching on is refused, nothing changes.
        assertThatThrownBy(() -> membership.switchCsp(partner.admin(), partner.id(), true))
                .isInstanceOf(ConflictException.class).hasMessageContaining("not paid out yet");
        assertThat(membership.member(partner.id()).csp()).isFalse();

        membership.setPayoutAccount(partner.admin(), partner.id(), "DE89 3704 0044 0532 0130 00", "Wholesale Works GmbH");
        PayoutBatch batch = payouts.createBatch(ProgrammeFixtures.OPERATOR, day(2028, 2, 5)).orElseThrow();
        assertThat(batch.document()).contains("<IBAN>DE89370400440532013000</IBAN>", "pain.001.001.03",
                "<ReqdExctnDt>2028-02-05</ReqdExctnDt>", "<InstdAmt Ccy=\"EUR\">30.00</InstdAmt>",
                "<Nm>Wholesale Works GmbH</Nm>");
        membership.switchCsp(partner.admin(), partner.id(), true);
        WholesaleTerms terms = membership.wholesaleTermsFor(customer.id()).orElseThrow();
        assertThat(terms.discountRate()).isEqualByComparingTo("0.10");
        assertThat(terms.wholesale(Money.euros("89.00"))).isEqualTo(Money.euros("80.10"));

        // A wholesale invoice counts as turnover but earns no commission.
        given.today(day(2028, 2, 29));
        ledger.recordCustomerInvoice(new CustomerInvoice(UUID.randomUUID(), customer.id(), partner.id(),
                day(2028, 2, 29), Money.euros("270.00"), Money.euros("0.00"), true));
        assertThat(ledger.openLines(partner.admin(), partner.id())).isEmpty();
        assertThat(review.figures(partner.id(), day(2028, 3, 1)).turnover()).isEqualTo(Money.euros("570.00"));
        assertThat(early).isNotNull();
    }

    @Test
    void aReturnedDebitOfAPartlyCreditedInvoiceReversesOnlyWhatIsLeftAndACreditNoteAfterAReturnChangesNothing() {
        PartnerAccount partner = given.partnerRegisteredOn(day(2029, 1, 2), "Careful Calls GmbH");
        CustomerAccount customer = given.customer(partner, "Careful Kunde");

        // 100.00 invoiced (10.00 commission at 10%), 30.00 of it credited (-3.00), then the debit comes back.
        UUID invoice = given.invoiced(partner, customer, day(2029, 1, 10), "90.00", "10.00");
        given.today(day(2029, 1, 12));
        assertThat(ledger.recordCustomerInvoice(new CustomerInvoice(UUID.randomUUID(), customer.id(), partner.id(),
                day(2029, 1, 12), Money.euros("-30.00"), Money.euros("0.00"), false), invoice)).isTrue();
        assertThat(review.figures(partner.id(), day(2029, 1, 20)).turnover()).isEqualTo(Money.euros("70.00"));
        assertThat(ledger.recordDirectDebitReturned(invoice, day(2029, 1, 20))).isTrue();
        assertThat(ledger.openLines(partner.admin(), partner.id()))
                .extracting(CommissionLine::kind, CommissionLine::amount).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(CommissionLine.Kind.COMMISSION, Money.euros("10.00")),
                        org.assertj.core.groups.Tuple.tuple(CommissionLine.Kind.COMMISSION, Money.euros("-3.00")),
                        org.assertj.core.groups.Tuple.tuple(CommissionLine.Kind.REVERSAL, Money.euros("-7.00")));
        // Neither the invoice nor its credit note counts as turnover any more.
        assertThat(review.figures(partner.id(), day(2029, 1, 21)).turnover()).isEqualTo(Money.euros("0.00"));

        // A credit note issued after the return takes nothing back a second time.
        given.today(day(2029, 1, 25));
        assertThat(ledger.recordCustomerInvoice(new CustomerInvoice(UUID.randomUUID(), customer.id(), partner.id(),
                day(2029, 1, 25), Money.euros("-60.00"), Money.euros("-10.00"), false), invoice)).isTrue();
        assertThat(ledger.openLines(partner.admin(), partner.id())).hasSize(3);
        assertThat(review.figures(partner.id(), day(2029, 1, 26)).turnover()).isEqualTo(Money.euros("0.00"));
    }

    @Test
    void aPayoutIbanThatFailsTheCheckIsRefused() {
        PartnerAccount partner = given.partnerRegisteredOn(day(2028, 3, 1), "Typo Telecom");
        assertThatThrownBy(() -> membership.setPayoutAccount(partner.admin(), partner.id(), "DE89 3704 0044 0532 0130 01", "Typo"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).messageFor("iban")).contains("check digits"));
        assertThat(membership.member(partner.id()).payoutIban()).isNull();
    }

    private Statement newest(PartnerAccount partner) {
        return ledger.statements(partner.admin(), partner.id()).get(0);
    }

    private PartnerLevel level(PartnerAccount partner) {
        return overview.standing(partner.admin(), partner.id()).partner().level();
    }

    private static <T> T only(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }
}
