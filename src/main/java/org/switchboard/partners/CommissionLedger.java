package org.switchboard.partners;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.catalog.Money;
import org.switchboard.partners.documents.StatementPdf;
import org.switchboard.partners.internal.Commissions;
import org.switchboard.partners.internal.LevelHistory;
import org.switchboard.partners.internal.Members;
import org.switchboard.partners.internal.Sales;
import org.switchboard.platform.NotFoundException;

/**
 * The commission ledger: what partners' customers are invoiced (turnover and commission lines),
 * returned debits that reverse commission, and the monthly statements (credit notes) that
 * {@link PartnerPayouts} pays out.
 */
@Service
public class CommissionLedger {

    private final Sales sales;
    private final Commissions commissions;
    private final Members members;
    private final LevelHistory history;
    private final LevelReview review;
    private final PartnerAccess access;
    private final Clock clock;
    private final String issuerName;

    CommissionLedger(Sales sales, Commissions commissions, Members members, LevelHistory history, LevelReview review,
            PartnerAccess access, Clock clock,
            @Value("${switchboard.partners.payout.debtor-name:Switchboard}") String issuerName) {
        this.sales = sales;
        this.commissions = commissions;
        this.members = members;
        this.history = history;
        this.review = review;
        this.access = access;
        this.clock = clock;
        this.issuerName = issuerName;
    }

    /**
     * Billing's seam: a finalised invoice of a partner's customer. Counts as turnover; earns
     * commission at the rate of the level the partner held when it was finalised, unless it was
     * a wholesale invoice to a CSP partner. Handing in the same invoice twice changes nothing.
     *
     * @return false when the invoice was recorded before
     */
    @Transactional
    public boolean recordCustomerInvoice(CustomerInvoice invoice) {
        return recordCustomerInvoice(invoice, null);
    }

    /**
     * The same for a credit note against invoice {@code corrects} (null for none): its negative
     * nets lower the turnover, and its negative commission takes back, at the rate of the level the
     * corrected invoice earned its commission at, what that invoice earned on the credited amount.
     */
    @Transactional
    public boolean recordCustomerInvoice(CustomerInvoice invoice, UUID corrects) {
        Partner partner = access.partner(invoice.partnerId());
        members.ensure(partner.id());
        // A credit note of an invoice whose debit came back: that return took the invoice out of
        // the turnover and reversed its commission, so the credit note changes neither again.
        LocalDate correctedReturnedOn = corrects == null ? null
                : sales.lockInvoice(corrects).map(Sales.RecordedInvoice::returnedOn).orElse(null);
        if (!sales.insertInvoice(invoice, corrects, correctedReturnedOn, clock.instant())) {
            return false;
        }
        if (!invoice.wholesale() && correctedReturnedOn == null) {
            PartnerLevel level = Optional.ofNullable(corrects)
                    .flatMap(original -> commissions.line(original, CommissionLine.Kind.COMMISSION))
                    .map(CommissionLine::level)
                    .orElseGet(() -> history.levelAtStartOf(partner.id(), invoice.finalisedOn()));
            commissions.insertLine(CommissionPolicy.commission(invoice, level));
        }
        review.evaluateNow(partner);
        return true;
    }

    /**
     * Billing's seam: the direct debit of an invoice came back. What is left of its commission
     * (after the credit notes correcting it) is reversed on the next statement, and it and its
     * credit notes no longer count as turnover. Unknown invoices (not of a partner's customer) and
     * repeats are ignored.
     */
    @Transactional
    public boolean recordDirectDebitReturned(UUID invoiceId, LocalDate returnedOn) {
        Optional<Sales.RecordedInvoice> recorded = sales.lockInvoice(invoiceId);
        if (recorded.isEmpty() || recorded.get().returnedOn() != null) {
            return false;
        }
        sales.markReturned(invoiceId, returnedOn);
        commissions.line(invoiceId, CommissionLine.Kind.COMMISSION)
                .flatMap(line -> CommissionPolicy.reversal(line, commissions.corrections(invoiceId), returnedOn))
                .ifPresent(commissions::insertLine);
        return true;
    }

    /**
     * The statements of {@code period}, issued on the first day of the following month: every
     * partner whose open commission lines up to the end of the period add up to more than zero gets
     * one, numbered without gaps in the credit-note series of the year of issue.
     */
    @Transactional
    public int issueStatements(YearMonth period) {
        return issueStatements(period, null);
    }

    /** The statements of one partner, or all when {@code only} is null. */
    @Transactional
    int issueStatements(YearMonth period, PartnerId only) {
        LocalDate issuedOn = CommissionPolicy.issueDay(period);
        List<Commissions.OpenBalance> balances = commissions.positiveOpenBalances(period, only);
        if (balances.isEmpty()) {
            return 0;
        }
        int first = commissions.takeNumbers(CommissionPolicy.CREDIT_NOTE_SERIES, issuedOn.getYear(), balances.size());
        List<Statement> statements = new ArrayList<>(balances.size());
        for (int i = 0; i < balances.size(); i++) {
            Commissions.OpenBalance b = balances.get(i);
            statements.add(new Statement(UUID.randomUUID(), b.partnerId(),
                    CommissionPolicy.creditNoteNumber(issuedOn.getYear(), first + i), period, issuedOn, b.total(),
                    Statement.Status.ISSUED, List.of()));
        }
        commissions.insertStatements(statements);
        commissions.assignOpenLines(period, only);
        return statements.size();
    }

    @Transactional(readOnly = true)
    public List<Statement> statements(CurrentUser user, PartnerId id) {
        access.visiblePartner(user, id);
        return commissions.statementsOf(id);
    }

    /** One statement with its lines; another partner's answers 404. */
    @Transactional(readOnly = true)
    public Statement statement(CurrentUser user, UUID id) {
        Statement s = commissions.statement(id).orElseThrow(() -> new NotFoundException("There is no statement " + id));
        if (!user.maySee(s.partnerId())) {
            throw new NotFoundException("There is no statement " + id);
        }
        return s;
    }

    /** The statement as a PDF credit note. */
    @Transactional(readOnly = true)
    public byte[] statementPdf(CurrentUser user, UUID id) {
        Statement s = statement(user, id);
        Partner p = access.partner(s.partnerId());
        Function<Money, String> eur = m -> String.format(Locale.ENGLISH, "%,.2f EUR", m.amount());
        return StatementPdf.render(new StatementPdf.Content(
                issuerName, p.name(), p.address().street() + ", " + p.address().postcode() + " " + p.address().city()
                        + ", " + p.address().country(),
                s.number(), s.period().toString(), s.issuedOn().toString(),
                s.lines().stream().map(l -> new StatementPdf.Row(
                        l.finalisedOn().toString(),
                        (l.kind() == CommissionLine.Kind.REVERSAL ? "returned " + l.occurredOn() + " " : "")
                                + l.invoiceId().toString().substring(0, 8),
                        eur.apply(l.subscriptionsNet()), eur.apply(l.airtimeNet()), LevelBenefits.percent(l.rate()),
                        eur.apply(l.amount()))).toList(),
                eur.apply(s.total())));
    }

    /** Commission lines not on a statement yet. */
    @Transactional(readOnly = true)
    public List<CommissionLine> openLines(CurrentUser user, PartnerId id) {
        access.visiblePartner(user, id);
        return commissions.openLines(id);
    }
}
